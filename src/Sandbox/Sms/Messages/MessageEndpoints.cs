using EpicZoom.Sandbox.Sms.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Sms.Messages;

/// <summary>Twilio's Messages resource: send (create) and fetch, scoped to the caller's account.</summary>
internal static class MessageEndpoints
{
    public static void MapSmsMessages(this IEndpointRouteBuilder account)
    {
        account.MapPost("/Messages.json", SendAsync);
        account.MapGet("/Messages/{messageSid}.json", (string accountSid, string messageSid, SmsMessageStore store) =>
            store.Find(accountSid, messageSid) is { } message
                ? Results.Json(SmsMessageResource.Of(message), SmsJsonContext.Default.SmsMessageResource)
                : SmsErrors.NotFound(SmsMessageResource.ResourcePath(accountSid, messageSid)));
    }

    private static async Task<IResult> SendAsync(
        HttpContext http, SmsMessageStore store, OptOutStore optOuts, SmsDeliverySimulator delivery, TimeProvider time)
    {
        var account = SmsCaller.From(http).Account;
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var request = new SendRequest(
            form["To"].ToString(),
            form["From"].ToString(),
            form["Body"].ToString(),
            form["StatusCallback"].ToString() is { Length: > 0 } callback ? callback : null);

        var now = time.GetUtcNow();
        if (SendRules.Check(request, account, optOuts) is { } refusal)
        {
            // Recorded although Twilio keeps no message, so the inbox shows why nothing arrived.
            store.Add(SmsMessage.Refuse(account.AccountSid, request, refusal, now));
            return SmsErrors.Error(StatusCodes.Status400BadRequest, refusal.Code, refusal.Message);
        }

        var message = SmsMessage.Queue(account.AccountSid, request, now);
        store.Add(message);
        var created = SmsMessageResource.Of(message);
        delivery.Start(message, account);
        return Results.Json(created, SmsJsonContext.Default.SmsMessageResource, statusCode: StatusCodes.Status201Created);
    }
}
