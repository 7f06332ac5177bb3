using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Sms.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Sms.Inbox;

/// <summary>The page a person reads the simulated texts on, and its "Reply as this phone" form.</summary>
internal static class InboxEndpoints
{
    public const string FaultName = "inbox";

    public static void MapSmsInbox(this IEndpointRouteBuilder simulated)
    {
        simulated.MapGet("", InboxPage.Render).WithFaultName(FaultName);
        simulated.MapPost("/inbox/reply", ReplyAsync).WithFaultName(FaultName);
    }

    /// <summary>Form fields: to (the account's number), from (the phone), body; optional filter to return to.</summary>
    private static async Task<IResult> ReplyAsync(HttpContext http, SandboxUrls urls, SmsAccountRegistry accounts, SmsReplies replies)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var to = form["to"].ToString().Trim();
        var from = form["from"].ToString().Trim();
        if (accounts.FindByNumber(to, urls) is not { } account)
        {
            return Html.Error("Reply failed", $"No SMS account owns the number {to}.", StatusCodes.Status404NotFound);
        }

        if (!PhoneNumbers.IsE164(from))
        {
            return Html.Error("Reply failed", $"{from} is not an E.164 phone number like +15551234567.", StatusCodes.Status400BadRequest);
        }

        await replies.ReceiveAsync(account, from, form["body"].ToString(), http.RequestAborted);
        var filter = PhoneNumbers.FromQuery(form["filter"]);
        http.Response.Headers.Location = http.Request.PathBase + InboxPage.Path + (filter is null ? "" : "?to=" + Uri.EscapeDataString(filter));
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
