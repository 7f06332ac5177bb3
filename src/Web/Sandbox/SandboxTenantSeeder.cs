using System.Security.Claims;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Domain.Tenants;
using EpicZoom.Sandbox;
using MediatR;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpicZoom.Web.Sandbox;

/// <summary>
/// On a new database with the sandbox on, creates the ready-to-use tenant "Sandbox Health" (org_id "sandbox") whose
/// Epic and Zoom are the simulators, with guests switched on for every role. Runs once the server listens, because its URLs are the app's own (or
/// Sandbox:BaseUrl: with several instances, the simulators of one of them, whose in-memory state the others share
/// by calling it). Seeds at most once per database: an admin who deletes the tenant does not get it back.
/// </summary>
internal sealed class SandboxTenantSeeder(IServiceScopeFactory scopes, IAppUrls urls, IOptions<SandboxOptions> sandbox, ILogger<SandboxTenantSeeder> logger)
    : IHostedLifecycleService
{
    public const string OrgId = "sandbox";
    public const string SeededAction = "SandboxTenantSeeded";

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IAppDbContext>();
        if (await db.AuditEntries.AnyAsync(a => a.Action == SeededAction, cancellationToken) ||
            await db.Tenants.AnyAsync(t => t.OrgId == OrgId, cancellationToken))
            return;

        // The seed acts as a system admin, so it goes through the same validation and audit as a person would.
        if (services.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
        {
            var system = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "sandbox-seed"), new Claim(ClaimTypes.Role, AppRoles.Administrator)], "system"));
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(system)));
        }
        try
        {
            var simulators = sandbox.Value.BaseUrl?.Trim().TrimEnd('/') is { Length: > 0 } configured ? configured : urls.PublicBaseUrl;
            await services.GetRequiredService<IMediator>().Send(new CreateTenantCommand(Input(simulators)), cancellationToken);
            db.AuditEntries.Add(Domain.Audit.AuditEntry.Record(DateTime.UtcNow, "sandbox-seed", SeededAction, "Tenant", OrgId, "sandbox tenant created"));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Sandbox tenant '{OrgId}' created against the simulators at {BaseUrl}", OrgId, simulators);
        }
        catch (ValidationException ex)
        {
            logger.LogWarning("Sandbox tenant not created: {Errors}", string.Join("; ", ex.Errors.SelectMany(e => e.Value)));
        }
    }

    public static TenantInput Input(string baseUrl) => new()
    {
        Name = "Sandbox Health",
        OrgId = OrgId,
        Environment = EpicEnvironment.Test,
        AdmittancePolicy = PatientAdmittancePolicy.AutoAdmitWhenHostJoins,
        ZoomAccountId = SandboxDefaults.ZoomAccountId,
        ZoomClientId = SandboxDefaults.ZoomClientId,
        ZoomClientSecret = SandboxDefaults.ZoomClientSecret,
        ZoomWebhookSecretToken = SandboxDefaults.ZoomWebhookSecretToken,
        ZoomUserEmailDomain = "sandbox-health.example",
        ProviderUserType = ProviderUserType.Licensed,
        ZoomOAuthBaseUrl = SandboxDefaults.ZoomOAuthBase(baseUrl),
        ZoomApiBaseUrl = SandboxDefaults.ZoomApiBase(baseUrl),
        EpicFhirBaseUrl = SandboxDefaults.EpicFhirBase(baseUrl),
        EpicTelehealthBaseUrl = SandboxDefaults.EpicTelehealthBase(baseUrl),
        EpicClientId = SandboxDefaults.EpicClientId,
        EpicClientSecret = SandboxDefaults.EpicClientSecret,
        TelehealthAuthMode = TelehealthAuthMode.BackendOAuthToken,
        TelehealthBasicUser = SandboxDefaults.EpicBasicUser,
        TelehealthBasicPassword = SandboxDefaults.EpicBasicPassword,
        SigningKeyAction = SigningKeyAction.Generate,
        SmsEnabled = true,
        SmsApiBaseUrl = SandboxDefaults.SmsApiBase(baseUrl),
        SmsAccountSid = SandboxDefaults.SmsAccountSid,
        SmsAuthToken = SandboxDefaults.SmsAuthToken,
        SmsFromNumber = SandboxDefaults.SmsFromNumber,
        // Guests on with every role, so `dotnet run` offers "Invite a guest" at once; mail goes to the sandbox SMTP server.
        GuestsEnabled = true,
        GuestsAllowFamilyCaregiver = true,
        GuestsAllowInterpreter = true,
        GuestsAllowClinician = true,
    };

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
