using System.Text.Json.Serialization;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Sms.Messages;
using EpicZoom.Sandbox.Sms.Replies;
using EpicZoom.Sandbox.Sms.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Sms;

/// <summary>A send as recorded; refused ones carry the error they were answered with. Nulls are written, not left out.</summary>
internal sealed record TestSmsMessageView(
    string Sid,
    string AccountSid,
    string To,
    string From,
    string Body,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ErrorCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ErrorMessage,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StatusCallback,
    bool Refused);

/// <summary>A phone texting an account's number: the account by sid, else by its number (To), else the default one.</summary>
internal sealed record TestSmsReplyRequest(string? AccountSid, string? To, string? From, string? Body);

internal sealed record TestSmsReplyResult(
    bool OptedOut,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? WebhookStatus,
    string Sid,
    string? OptOutType,
    string? WebhookError);

/// <summary>The SMS "_test" API: accounts, what was sent, phones replying, the webhooks posted, faults and reset.</summary>
internal static class SmsTestEndpoints
{
    public static void MapSmsTestEndpoints(this RouteGroupBuilder test)
    {
        test.MapPost("/accounts", async (HttpContext http, SmsAccountRegistry accounts) =>
        {
            var account = await JsonBody.ReadAsync(http.Request, SandboxJsonContext.Default.SandboxSmsAccount);
            if (account is not { AccountSid.Length: > 0, AuthToken.Length: > 0, FromNumber.Length: > 0 })
            {
                return SandboxJson.BadRequest("Send a SandboxSmsAccount with accountSid, authToken and fromNumber (and inboundUrl for replies).");
            }

            accounts.Register(account);
            return Results.NoContent();
        });
        test.MapGet("/messages", (string? to, SmsMessageStore store) =>
            SandboxJson.Result(
                store.Recent(PhoneNumbers.FromQuery(to)).Select(View).ToList(),
                SandboxJsonContext.Default.IReadOnlyListTestSmsMessageView));
        test.MapPost("/replies", ReplyAsync);
        test.MapGet("/replies", (string? from, SmsReplyLog log) =>
            SandboxJson.Result(log.Recent(PhoneNumbers.FromQuery(from)), SandboxJsonContext.Default.IReadOnlyListSmsReply));
        test.MapGet("/callbacks", (string? messageSid, string? kind, SmsCallbackLog log) =>
            SandboxJson.Result(
                log.Snapshot().Where(c => (messageSid is null || c.MessageSid == messageSid) && (kind is null || c.Kind == kind)).ToList(),
                SandboxJsonContext.Default.IReadOnlyListSmsCallback));
        test.MapFaultEndpoints(Simulator.Sms);
        test.MapResetEndpoint(Simulator.Sms);
    }

    private static async Task<IResult> ReplyAsync(HttpContext http, SandboxUrls urls, SmsAccountRegistry accounts, SmsReplies replies)
    {
        var request = await JsonBody.ReadAsync(http.Request, SandboxJsonContext.Default.TestSmsReplyRequest);
        if (request is not { From: { } from, Body: { } body } || !PhoneNumbers.IsE164(from))
        {
            return SandboxJson.BadRequest("Send {\"from\": \"+15551234567\", \"body\": \"STOP\", \"accountSid\"?: ..., \"to\"?: the account's number}.");
        }

        var account = request switch
        {
            { AccountSid.Length: > 0 } => accounts.Find(request.AccountSid, urls),
            { To.Length: > 0 } => accounts.FindByNumber(request.To, urls),
            _ => accounts.Default(urls),
        };
        if (account is null)
        {
            return SandboxJson.Error("No such SMS account.", StatusCodes.Status404NotFound);
        }

        var reply = await replies.ReceiveAsync(account, from, body, http.RequestAborted);
        return SandboxJson.Result(
            new TestSmsReplyResult(reply.OptedOut, reply.WebhookStatus, reply.Sid, reply.OptOutType, reply.WebhookError),
            SandboxJsonContext.Default.TestSmsReplyResult);
    }

    private static TestSmsMessageView View(SmsMessage m) =>
        new(m.Sid, m.AccountSid, m.To, m.From, m.Body, m.Status, m.ErrorCode, m.ErrorMessage, m.CreatedAt, m.StatusCallback, m.Refused);
}
