using System.Text.Json;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Guests.Common;
using EpicZoom.Application.Guests.GetGuestPanel;
using EpicZoom.Application.Guests.InviteGuest;
using EpicZoom.Application.Guests.ResendGuestInvite;
using EpicZoom.Application.Guests.RevokeGuestInvite;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Web.Common;
using MediatR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EpicZoom.Web.Guests;

/// <summary>
/// The clinician's "Invite a guest" form (/visit/guests): invite, resend, revoke, each a POST answered by a redirect
/// (POST-redirect-GET, so a reload never sends again). The guest's link itself is /t/{token} (SmsEndpoints).
/// </summary>
internal static class GuestEndpoints
{
    public const int MaxFormBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapGuestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var visit = endpoints.MapGroup("/visit").AllowAnonymous().DisableAntiforgery().WithErrorPage();
        visit.MapGet("/guests", Panel);
        visit.MapPost("/guests", Post);
        return endpoints;
    }

    private static async Task<IResult> Panel(string? pass, string? outcome, GuestOutcomeCarrier carrier, IMediator mediator, CancellationToken ct)
    {
        var panel = await mediator.Send(new GetGuestPanelQuery(pass ?? ""), ct);
        if (carrier.Read(outcome) is not { } shown) return Page(pass!, panel);
        return Page(pass!, panel, outcome: shown.Message, outcomeIsError: !shown.Succeeded, status: StatusFor(shown.Kind));
    }

    private static async Task<IResult> Post(HttpContext http, GuestOutcomeCarrier carrier, IMediator mediator, CancellationToken ct)
    {
        if (await ReadFormAsync(http, ct) is not { } form)
            throw new AppException(LaunchErrors.InvalidRequest, "the form could not be read");
        var pass = form["pass"].ToString();
        var action = form["action"].ToString();
        var roleText = form["role"].ToString();
        GuestRole? role = Enum.TryParse<GuestRole>(roleText, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(roleText, out _) ? parsed : null;
        var language = form["language"].ToString();
        var name = form["name"].ToString();
        var contact = form["contact"].ToString();
        Guid.TryParse(form["invite"].ToString(), out var inviteId);

        GuestInviteOutcome outcome;
        try
        {
            outcome = action switch
            {
                "invite" when role is null => throw new ValidationException("Role", "Choose the guest's role."),
                "invite" => await mediator.Send(new InviteGuestCommand(pass, role.Value, language, name, contact), ct),
                "resend" => await mediator.Send(new ResendGuestInviteCommand(pass, inviteId), ct),
                "revoke" => await mediator.Send(new RevokeGuestInviteCommand(pass, inviteId), ct),
                _ => throw new AppException(LaunchErrors.InvalidRequest, "unknown guest action"),
            };
        }
        catch (ValidationException ex)
        {
            var panel = await mediator.Send(new GetGuestPanelQuery(pass), ct);
            return Page(pass, panel, role, language, name, contact, ex.Errors, status: StatusCodes.Status400BadRequest);
        }
        http.Response.Headers.Location = $"/visit/guests?pass={Uri.EscapeDataString(pass)}&outcome={Uri.EscapeDataString(carrier.Write(outcome))}";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxFormBytes;
        if (!http.Request.HasFormContentType || http.Request.ContentLength > MaxFormBytes) return null;
        try
        {
            return await http.Request.ReadFormAsync(new FormOptions
            {
                ValueLengthLimit = MaxFormBytes, KeyLengthLimit = 200, ValueCountLimit = 100, MultipartBodyLengthLimit = MaxFormBytes,
            }, ct);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static int StatusFor(GuestInviteResultKind kind) => kind switch
    {
        GuestInviteResultKind.Sent or GuestInviteResultKind.Revoked => StatusCodes.Status200OK,
        GuestInviteResultKind.RateLimited => StatusCodes.Status429TooManyRequests,
        GuestInviteResultKind.Failed => StatusCodes.Status502BadGateway,
        GuestInviteResultKind.Unconfirmed => StatusCodes.Status202Accepted,
        _ => StatusCodes.Status409Conflict,
    };

    private static IResult Page(string pass, GuestPanelDto panel, GuestRole? role = null, string? language = null, string? name = null,
        string? contact = null, IReadOnlyDictionary<string, string[]>? errors = null, string? outcome = null, bool outcomeIsError = false,
        int status = StatusCodes.Status200OK) =>
        new RazorComponentResult<GuestPage>(new
        {
            Pass = pass, Panel = panel, Role = role, Language = language, Name = name, Contact = contact, Errors = errors, Outcome = outcome,
            OutcomeIsError = outcomeIsError,
        })
        {
            StatusCode = status,
        };
}

/// <summary>Carries an invite's outcome across the redirect, encrypted and signed, for 15 minutes (like <see cref="Sms.SmsOutcomeCarrier"/>).</summary>
internal sealed class GuestOutcomeCarrier(IDataProtectionProvider protection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("EpicZoom.Guests.InviteOutcome.v1").ToTimeLimitedDataProtector();

    public string Write(GuestInviteOutcome outcome) => protector.Protect(JsonSerializer.Serialize(outcome), Lifetime);

    public GuestInviteOutcome? Read(string? carried)
    {
        if (string.IsNullOrEmpty(carried) || carried.Length > 8192) return null;
        try
        {
            return JsonSerializer.Deserialize<GuestInviteOutcome>(protector.Unprotect(carried, out _));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
