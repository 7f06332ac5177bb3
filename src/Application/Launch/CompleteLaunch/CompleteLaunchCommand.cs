using EpicZoom.Domain.Common;
using EpicZoom.Application.Common.Exceptions;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.BeginLaunch;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Launch.CompleteLaunch;

/// <summary>Epic redirected back to /epicfhir/callback: finish the SMART launch and decide where the person goes.</summary>
public sealed record CompleteLaunchCommand(string? State, string? Code, string? Error, string? ErrorDescription) : IRequest<LaunchOutcome>;

/// <summary>Where the launched person goes next. Each kind maps to a redirect or a page at the edge.</summary>
public abstract record LaunchOutcome(Guid TenantId, LaunchType Type)
{
    /// <summary>The tenant's EHR origins that may show the page in a frame (space-separated; empty: none may).</summary>
    public string FrameAncestors { get; init; } = "";
}

/// <summary>Straight to Zoom (start_url for the host, join_url otherwise), or a page with the link when noRedirect.</summary>
public sealed record GoToMeeting(Guid TenantId, LaunchType Type, string Url, bool AsHost, bool ShowLinkInstead) : LaunchOutcome(TenantId, Type)
{
    /// <summary>Set when the clinician's page may offer "Text the patient a link" (noRedirect, SMS on, a patient in context).</summary>
    public TextPatientOffer? TextPatient { get; init; }

    /// <summary>Set on a clinician's noRedirect page: the pass for its "Invite a guest" panel (the panel says when guests are off).</summary>
    public string? InviteGuestsPass { get; init; }
}

/// <summary>The pass that lets the clinician's page text the patient, and the patient's mobile from FHIR to pre-fill (PHI: page only).</summary>
public sealed record TextPatientOffer(string PassToken, string? PatientMobile)
{
    public override string ToString() => "TextPatientOffer { }";
}

/// <summary>The patient waits on EpicZoom's page until the host is in.</summary>
public sealed record WaitForHost(Guid TenantId, LaunchType Type, string PassToken) : LaunchOutcome(TenantId, Type);

public sealed record ZoomRoomCalled(Guid TenantId, LaunchType Type, string RoomDisplay, string RoomStatus, long MeetingId) : LaunchOutcome(TenantId, Type);

public sealed record OpenDeviceTest(Guid TenantId, LaunchType Type, string PassToken) : LaunchOutcome(TenantId, Type);

internal sealed class CompleteLaunchCommandHandler(
    IAppDbContext db, IEpicSmartClient smart, IEpicFhirApi fhir, TenantConnections connections, ISecretProtector protector,
    IAppUrls urls, TimeProvider clock, LaunchRouter router, LaunchAudit audit) : IRequestHandler<CompleteLaunchCommand, LaunchOutcome>
{
    public const int MaxParameterLength = 4096;

    public Task<LaunchOutcome> Handle(CompleteLaunchCommand request, CancellationToken cancellationToken) =>
        audit.RunAsync("callback", null, null, progress => CompleteAsync(request, progress, cancellationToken), cancellationToken);

    private async Task<LaunchOutcome> CompleteAsync(CompleteLaunchCommand request, LaunchProgress progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.State) || request.State.Length > 200)
            throw new AppException(LaunchErrors.SessionExpiredOrUnknown, "state missing");
        var (session, stored) = await ConsumeAsync(request.State, progress, cancellationToken);
        progress.TenantId = session.TenantId;
        progress.Type = session.LaunchType;

        var tenant = stored ?? throw new AppException(LaunchErrors.UnknownOrganisation, "tenant deleted during the launch");
        if (!string.IsNullOrEmpty(request.Error))
            throw new AppException(LaunchErrors.EpicAuthorizationRefused, OAuthDetail(request.Error, request.ErrorDescription));
        if (string.IsNullOrEmpty(request.Code) || request.Code.Length > MaxParameterLength)
            throw new AppException(LaunchErrors.EpicAuthorizationRefused, "no authorization code");

        var epic = connections.Epic(tenant);
        SmartTokenResponse token;
        try
        {
            var endpoints = await smart.GetEndpointsAsync(epic, cancellationToken);
            token = await smart.ExchangeCodeAsync(epic, endpoints, request.Code, protector.Unprotect(session.CodeVerifierProtected),
                BeginLaunchCommandHandler.RedirectUri(urls), cancellationToken);
        }
        catch (EpicOAuthException ex)
        {
            throw new AppException(LaunchErrors.EpicTokenRefused, OAuthDetail(ex.Error, ex.Description), ex);
        }
        catch (EpicUnavailableException ex)
        {
            throw new AppException(LaunchErrors.EpicUnavailable, "token endpoint", ex);
        }

        var fromQuery = JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(session.QueryContextProtected)) ?? [];
        var context = LaunchContext.Merge(fromQuery, token.Context);
        if (string.IsNullOrWhiteSpace(context.Csn) || context.Csn.Length > Domain.Visits.VideoVisit.MaxCsnLength)
            throw new AppException(LaunchErrors.MissingCsn);
        progress.Csn = context.Csn;

        var launch = new LaunchInput(tenant, session.LaunchType, context, token, new LaunchReads(fhir, tenant, token, progress));
        return await router.RouteAsync(launch, cancellationToken) with { FrameAncestors = tenant.Smart.FrameAncestors };
    }

    /// <summary>
    /// Marks the session used with one conditional UPDATE, so a replayed callback (or a race) can never pass twice; then
    /// reads the session and its tenant in one query (one round trip fewer per launch than reading them apart). The
    /// tenant is null when it was deleted during the launch.
    /// </summary>
    private async Task<(LaunchSession Session, Tenant? Tenant)> ConsumeAsync(string state, LaunchProgress progress, CancellationToken ct)
    {
        var hash = BeginLaunchCommandHandler.StateHash(state);
        var now = clock.GetUtcNow().UtcDateTime;
        var consumed = await db.LaunchSessions
            .Where(s => s.StateHash == hash && s.ConsumedAtUtc == null && s.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsumedAtUtc, now), ct);
        var row = await (
            from s in db.LaunchSessions.AsNoTracking()
            where s.StateHash == hash
            join t in db.Tenants.AsNoTracking() on s.TenantId equals t.Id into tenants
            from t in tenants.DefaultIfEmpty()
            select new { Session = s, Tenant = t }).SingleOrDefaultAsync(ct);
        var session = row?.Session;
        if (consumed == 1 && session is not null) return (session, row!.Tenant);
        progress.TenantId = session?.TenantId;
        progress.Type = session?.LaunchType;
        if (session is null || session.ExpiresAtUtc <= now) throw new AppException(LaunchErrors.SessionExpiredOrUnknown);
        throw new AppException(LaunchErrors.SessionAlreadyUsed);
    }

    public const int MaxErrorDescriptionLength = 200;

    /// <summary>
    /// Epic's OAuth <c>error</c> (RFC 6749 §5.2: a code, so only code characters are kept) and its
    /// <c>error_description</c> (free text: control and bidi characters removed, cut short), for IT.
    /// </summary>
    public static string OAuthDetail(string error, string? description)
    {
        var code = new string(error.Take(64).Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.').ToArray());
        if (code.Length == 0) code = "unreadable_error";
        var text = string.IsNullOrWhiteSpace(description) ? "" : SafeText.Sanitize(description, MaxErrorDescriptionLength);
        return text.Length == 0 ? code : $"{code}: {text}";
    }
}

/// <summary>Everything a launch knows after the token exchange; FHIR is read (through <see cref="Reads"/>) only if needed.</summary>
public sealed record LaunchInput(Tenant Tenant, LaunchType Type, LaunchContext Context, SmartTokenResponse Token, LaunchReads Reads);
