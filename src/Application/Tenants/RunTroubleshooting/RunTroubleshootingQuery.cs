using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Email;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Sms.Common;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Notifications.DispatchNotifications;
using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tenants.RunTroubleshooting;

/// <summary>The seed's troubleshooting checklist, automated: each check passes or says what to fix. Sends nothing that changes a light.</summary>
[Authorize(Roles = AppRoles.Operators)]
public sealed record RunTroubleshootingQuery(Guid TenantId) : IRequest<IReadOnlyList<TroubleshootingCheck>>;

public sealed record TroubleshootingCheck(string Name, bool Passed, string Detail, string? Fix);

internal sealed class RunTroubleshootingQueryHandler(
    IAppDbContext db, IZoomApi zoom, IEpicSmartClient smart, IEpicTelehealthApi telehealth, TenantConnections connections,
    IAppUrls urls, ISmsGateway sms, IConnectionFailureClassifier classifier, TenantEmailServers emailServers, IEmailGateway email) : IRequestHandler<RunTroubleshootingQuery, IReadOnlyList<TroubleshootingCheck>>
{
    public async Task<IReadOnlyList<TroubleshootingCheck>> Handle(RunTroubleshootingQuery request, CancellationToken cancellationToken)
    {
        var id = new TenantId(request.TenantId);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(Tenant), request.TenantId);
        var checks = new List<TroubleshootingCheck>();

        var connection = connections.Telehealth(tenant);
        var probe = await telehealth.ProbeAsync(connection, cancellationToken);
        var telehealthTarget = new CheckTarget("Epic", "Epic telehealth base URL", tenant.Epic.TelehealthBaseUrl,
            "Check the Epic client id and the telehealth authentication (backend token or EMP user) of this environment.");
        checks.Add(probe switch
        {
            { StatusCode: 0, Failure: { } failure } => Failed("Telehealth base URL answers", FailureAdvice.Explain(failure, telehealthTarget)),
            { StatusCode: 0 } => new("Telehealth base URL answers", false, probe.Excerpt,
                "Check the Epic telehealth base URL and the network path to it."),
            { StatusCode: 404 } => new("Telehealth base URL answers", false, "HTTP 404: there is no status endpoint under this URL.",
                "Check the Epic telehealth base URL: it must be the base under which /api/epic/2018/Telehealth/... lives."),
            _ => new("Telehealth base URL answers", true, $"HTTP {probe.StatusCode} in {probe.Duration.TotalMilliseconds:0} ms", null),
        });

        checks.Add(await Check("Epic backend token obtainable", async () =>
        {
            if (tenant.Epic.TelehealthAuthMode == TelehealthAuthMode.BasicEmpUser) return "not used: status reports use Basic authentication";
            await smart.GetBackendTokenAsync(connections.Epic(tenant), cancellationToken);
            return "token issued";
        }, new CheckTarget("Epic", string.IsNullOrWhiteSpace(tenant.Epic.OAuthBaseUrl) ? "Epic FHIR base URL" : "Epic OAuth base URL",
            string.IsNullOrWhiteSpace(tenant.Epic.OAuthBaseUrl) ? tenant.Epic.FhirBaseUrl : tenant.Epic.OAuthBaseUrl,
            "Register the JWKS URL shown on the registration values page with Epic for this client id, and check the client id is the one for this environment.")));

        ZoomLockSettings? locks = null;
        checks.Add(await Check("Zoom token obtainable", async () =>
        {
            locks = await zoom.GetLockSettingsAsync(connections.Zoom(tenant), cancellationToken);
            return "token issued and the account answered";
        }, new CheckTarget("Zoom", "Zoom OAuth base URL", tenant.Zoom.OAuthBaseUrl,
            "Re-enter the Zoom account id, client id and client secret of the Server-to-Server OAuth app; check the app is activated.")));
        checks.Add(locks is null
            ? new("Zoom meeting settings unlocked", false, "could not be read", "Fix the Zoom token check first.")
            : locks.JoinBeforeHostLocked || locks.WaitingRoomLocked
                ? new("Zoom meeting settings unlocked", false,
                    string.Join(", ", new[] { locks.JoinBeforeHostLocked ? "'join before host' is locked" : null, locks.WaitingRoomLocked ? "'waiting room' is locked" : null }.OfType<string>()),
                    "In the Zoom web portal (Account Management > Account Settings > Meeting), unlock 'Allow participants to join before host' and 'Waiting Room'.")
                : new("Zoom meeting settings unlocked", true, "join before host and waiting room are unlocked", null));

        var lastWebhook = await db.WebhookEvents.Where(e => e.TenantId == tenant.Id).MaxAsync(e => (DateTime?)e.ReceivedAtUtc, cancellationToken);
        checks.Add(tenant.ZoomWebhookSecretTokenProtected is null
            ? new("Zoom webhooks verified", false, "no webhook secret token", "Copy the secret token of the Zoom app's event subscription into the tenant.")
            : new("Zoom webhooks verified", lastWebhook is not null,
                lastWebhook is { } at ? $"last verified webhook {at:yyyy-MM-dd HH:mm} UTC" : "secret set; no verified webhook received yet",
                lastWebhook is null ? $"Subscribe the Zoom app to meeting events at {urls.PublicBaseUrl}/zoom/webhooks; allow Zoom's IP ranges through any firewall." : null));

        var publicUrlOk = HttpUrl.IsAcceptableBaseUrl(urls.PublicBaseUrl, out var problem);
        checks.Add(new("FDI records consistent", publicUrlOk && EpicSettings.IsR4Base(tenant.Epic.FhirBaseUrl),
            publicUrlOk ? $"launch URLs point at {urls.PublicBaseUrl}/epicfhir/...?org_id={tenant.OrgId}" : $"App:PublicBaseUrl {problem}",
            publicUrlOk && EpicSettings.IsR4Base(tenant.Epic.FhirBaseUrl) ? null
                : "Set App:PublicBaseUrl to the https address Epic reaches, use an R4 FHIR base URL, and paste the FDI records again."));

        checks.Add(HostsCheck(tenant));
        if (tenant.Sms.Enabled) checks.Add(await SmsCheckAsync(tenant, cancellationToken));
        if (tenant.Guests.Enabled || tenant.Email.UseOwnServer) checks.Add(await EmailCheckAsync(tenant, cancellationToken));

        var failing = await db.NotificationRecords.CountAsync(r => r.TenantId == tenant.Id && r.Status == Domain.Notifications.NotificationStatus.Failed, cancellationToken);
        checks.Add(new("Status reports delivered", failing == 0, failing == 0 ? "no failed notification records" : $"{failing} failed notification record(s)",
            failing == 0 ? null : "Open Notification records, filter by status Failed, fix the cause shown in Epic's answers, then Replay."));
        return checks;
    }

    /// <summary>Every URL the tenant calls, by host; a non-ASCII host is shown in punycode so a look-alike cannot pass for the real one.</summary>
    private static TroubleshootingCheck HostsCheck(Tenant tenant)
    {
        var urls = new[] { tenant.Epic.FhirBaseUrl, tenant.Epic.TelehealthBaseUrl, tenant.Epic.OAuthBaseUrl, tenant.Zoom.OAuthBaseUrl, tenant.Zoom.ApiBaseUrl,
                tenant.DeviceTest.EndpointUrl, tenant.Sms.Enabled ? tenant.Sms.ApiBaseUrl : null }
            .Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>().ToList();
        var hosts = urls.Select(u => u.IdnHost).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var foreign = urls.Where(u => !HttpUrl.HasAsciiHost(u)).Select(u => $"{u.IdnHost} (typed as {u.Host})").Distinct().ToList();
        return foreign.Count == 0
            ? new("Hosts are plain ASCII", true, string.Join(", ", hosts), null)
            : new("Hosts are plain ASCII", false, $"non-ASCII: {string.Join(", ", foreign)}",
                "A host with non-ASCII letters may be a look-alike of the real one (a Cyrillic 'а' for a Latin 'a'). Check each with the hospital's IT and retype it in plain letters.");
    }

    /// <summary>SMS is on: the provider must accept the account's credentials; the fix names the webhook to configure.</summary>
    private async Task<TroubleshootingCheck> SmsCheckAsync(Tenant tenant, CancellationToken ct)
    {
        const string name = "SMS provider accepts the credentials";
        if (connections.Sms(tenant) is not { } connection)
            return new(name, false, "no SMS auth token", "Enter the SMS provider's auth token in the tenant's SMS section.");
        var answer = await sms.CheckAccountAsync(connection, ct);
        var check = answer with { Message = Domain.Sms.PhoneNumber.MaskNumbersIn(answer.Message) };
        return check.Accepted
            ? new(name, true, $"{check.Message}; replies such as STOP must reach {SmsUrls.Inbound(urls, tenant.OrgId)}", null)
            : new(name, false, check.Message,
                $"Check the account SID, auth token and SMS API base URL; set the sending number's incoming-message webhook to {SmsUrls.Inbound(urls, tenant.OrgId)}.");
    }

    /// <summary>
    /// Guests are on or the tenant has its own server: connect, secure and sign in to the SMTP server invitations go
    /// through, then quit without sending. The detail names the server, never the user's password.
    /// </summary>
    private async Task<TroubleshootingCheck> EmailCheckAsync(Tenant tenant, CancellationToken ct)
    {
        const string name = "E-mail server accepts the sign-in";
        var where = tenant.Email.UseOwnServer ? "the tenant's own SMTP server" : "the installation's SMTP server (Email:* configuration)";
        if (await emailServers.ForAsync(tenant, ct) is not { } connection)
            return new(name, false, "no SMTP server is set up for this installation",
                "Set the Email:* configuration (docs/configuration.md), or enter the tenant's own server in its E-mail (SMTP) section.");
        var answer = await email.CheckAsync(connection, ct);
        var server = $"{where}, {connection.Host}:{connection.Port} ({connection.Tls})";
        if (answer.Accepted) return new(name, true, $"{server}: {answer.Message}", null);
        var fix = answer.Failure switch
        {
            EmailFailure.CredentialsRefused => "Check the SMTP user name and re-enter its password; some servers need an app password or a relay allowed for this host.",
            EmailFailure.TlsFailed => "Check the TLS mode matches the port (STARTTLS on 587, TLS on connect on 465) and that the server's certificate is trusted.",
            EmailFailure.Busy => "The server is busy or rate limiting: run the check again in a few minutes.",
            _ => "Check the SMTP host and port, and that this installation may reach it through the firewall.",
        };
        return new(name, false, $"{server}: {answer.Message}", fix);
    }

    private async Task<TroubleshootingCheck> Check(string name, Func<Task<string>> run, CheckTarget target)
    {
        try
        {
            return new(name, true, await run(), null);
        }
        catch (AppException l)
        {
            return new(name, false, l.Detail ?? l.Error.Message, target.CredentialsFix);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failed(name, FailureAdvice.Explain(classifier.Classify(ex), target));
        }
    }

    private static TroubleshootingCheck Failed(string name, (string Detail, string Fix) advice) => new(name, false, advice.Detail, advice.Fix);
}
