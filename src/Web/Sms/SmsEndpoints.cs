using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Sms.GetTextPatientPanel;
using EpicZoom.Application.Sms.OpenPatientLink;
using EpicZoom.Application.Sms.ReceiveSmsWebhook;
using EpicZoom.Application.Sms.SendVisitLink;
using EpicZoom.Web.Common;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EpicZoom.Web.Sms;

/// <summary>
/// Texting the patient a link: the clinician's form (/visit/sms), the short link the patient opens (/t/{token}), and
/// what the SMS provider calls back (/sms/inbound/{org_id} for replies such as STOP, /sms/status/{org_id} for delivery).
/// </summary>
internal static class SmsEndpoints
{
    public const int MaxFormBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapSmsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var visit = endpoints.MapGroup("/visit").AllowAnonymous().DisableAntiforgery().WithErrorPage();
        visit.MapGet("/sms", Panel);
        visit.MapPost("/sms", Send);
        endpoints.MapGet("/t/{token}", Open).AllowAnonymous().WithErrorPage();

        var provider = endpoints.MapGroup("/sms").AllowAnonymous().DisableAntiforgery();
        provider.MapPost("/inbound/{orgId}", (string orgId, HttpContext http, IMediator m, IAppUrls u, CancellationToken ct) => Webhook(orgId, SmsWebhookKind.Inbound, http, m, u, ct));
        provider.MapPost("/status/{orgId}", (string orgId, HttpContext http, IMediator m, IAppUrls u, CancellationToken ct) => Webhook(orgId, SmsWebhookKind.Status, http, m, u, ct));
        return endpoints;
    }

    /// <summary>The form, and after a send the outcome carried by the redirect (<see cref="SmsOutcomeCarrier"/>): a reload shows it again, sends nothing.</summary>
    private static async Task<IResult> Panel(string? pass, string? outcome, SmsOutcomeCarrier carrier, IMediator mediator, CancellationToken ct)
    {
        var panel = await mediator.Send(new GetTextPatientPanelQuery(pass ?? ""), ct);
        if (carrier.Read(outcome) is not { } shown) return Page(pass!, panel);
        return Page(pass!, panel, shown.Sent ? null : shown.Phone, outcome: shown.Message, outcomeIsError: !shown.Sent, status: StatusFor(shown.Kind));
    }

    /// <summary>
    /// Sends, then redirects (303) to the form with the outcome: POST-redirect-GET, so reloading the result page never
    /// texts the patient again; only Resend does. A number that is not valid is answered at once (nothing was sent).
    /// </summary>
    private static async Task<IResult> Send(HttpContext http, SmsOutcomeCarrier carrier, IMediator mediator, CancellationToken ct)
    {
        if (await ReadFormAsync(http, ct) is not { } form)
            throw new AppException(LaunchErrors.InvalidRequest, "the form could not be read");
        var pass = form["pass"].ToString();
        var phone = form["phone"].ToString();
        Guid? resendOf = Guid.TryParse(form["resendOf"].ToString(), out var id) ? id : null;

        SmsSendOutcome outcome;
        try
        {
            outcome = await mediator.Send(new SendVisitLinkBySmsCommand(pass, phone, resendOf), ct);
        }
        catch (ValidationException ex)
        {
            var panel = await mediator.Send(new GetTextPatientPanelQuery(pass), ct);
            return Page(pass, panel, phone, phoneError: string.Join(" ", ex.Errors.SelectMany(e => e.Value)), status: StatusCodes.Status400BadRequest);
        }
        var target = $"/visit/sms?pass={Uri.EscapeDataString(pass)}&outcome={Uri.EscapeDataString(carrier.Write(outcome, phone))}";
        http.Response.Headers.Location = target;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static async Task<IResult> Open(string token, IMediator mediator, CancellationToken ct)
    {
        var opened = await mediator.Send(new OpenPatientLinkCommand(token), ct);
        return Results.Redirect($"/visit/wait?pass={Uri.EscapeDataString(opened.WaitingPassToken)}");
    }

    /// <summary>Signed with the tenant's auth token over the URL the provider called (App:PublicBaseUrl + path) and every field.</summary>
    private static async Task<IResult> Webhook(string orgId, SmsWebhookKind kind, HttpContext http, IMediator mediator, IAppUrls urls, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType) return Problem(415, "Send application/x-www-form-urlencoded, as SMS providers do.");
        if (await ReadFormAsync(http, ct) is not { } form) return Problem(400, $"The form could not be read (at most {MaxFormBytes / 1024} KiB).");
        var fields = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
        var url = urls.PublicBaseUrl + http.Request.Path + http.Request.QueryString;
        var result = await mediator.Send(new ReceiveSmsWebhookCommand(orgId, kind, url, http.Request.Headers["X-Twilio-Signature"].ToString(), fields), ct);
        return result switch
        {
            SmsWebhookResult.Accepted when kind == SmsWebhookKind.Inbound => Results.Text("<Response/>", "text/xml"),
            SmsWebhookResult.Accepted => Results.Ok(),
            SmsWebhookResult.UnknownTenant => Problem(404, "No tenant with SMS configured has this org_id."),
            SmsWebhookResult.BadSignature => Problem(403, "The X-Twilio-Signature does not match this URL, these fields and the tenant's SMS auth token."),
            _ => Problem(400, "The request lacks the fields this callback needs (From for replies; MessageSid and MessageStatus for delivery reports)."),
        };
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxFormBytes;
        if (!http.Request.HasFormContentType || http.Request.ContentLength > MaxFormBytes) return null;
        try
        {
            return await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                ValueLengthLimit = MaxFormBytes, KeyLengthLimit = 200, ValueCountLimit = 100, MultipartBodyLengthLimit = MaxFormBytes,
            }, ct);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static int StatusFor(SmsSendResultKind kind) => kind switch
    {
        SmsSendResultKind.Sent => StatusCodes.Status200OK,
        SmsSendResultKind.RateLimited => StatusCodes.Status429TooManyRequests,
        SmsSendResultKind.VisitEnded => StatusCodes.Status410Gone,
        SmsSendResultKind.ProviderRejected => StatusCodes.Status422UnprocessableEntity,
        SmsSendResultKind.ProviderUnavailable => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status409Conflict,
    };

    private static IResult Page(string pass, TextPatientPanelDto panel, string? phone = null, string? phoneError = null, string? outcome = null,
        bool outcomeIsError = false, int status = StatusCodes.Status200OK) =>
        new RazorComponentResult<TextPatientPage>(new { Pass = pass, Panel = panel, Phone = phone, PhoneError = phoneError, Outcome = outcome, OutcomeIsError = outcomeIsError })
        {
            StatusCode = status,
        };

    private static IResult Problem(int status, string detail) => Results.Problem(statusCode: status, title: "SMS callback refused", detail: detail);
}
