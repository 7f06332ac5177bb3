using EpicZoom.Web.Guests;
using EpicZoom.Infrastructure.Identity;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.Web.Account;
using EpicZoom.Web.Accounts;
using EpicZoom.Sandbox;
using EpicZoom.Web.Common;
using EpicZoom.Web.Sandbox;
using EpicZoom.Web.Components;
using EpicZoom.Web.Launch;
using EpicZoom.Web.Sms;
using EpicZoom.Web.Notifications;
using EpicZoom.Web.Reports;
using EpicZoom.Web.Tenants;
using EpicZoom.Web.Visits;
using EpicZoom.Web.Observability;
using EpicZoom.Web.Webhooks;

namespace EpicZoom.Web;

public static class WebPipeline
{
    /// <summary>Migrates the database, puts the portal roles in place (the old "Admin" role becomes Administrator), on an empty one creates the first admin, and loads what webhooks need.</summary>
    public static async Task InitialiseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<RoleSetup>().EnsureAsync();
        await scope.ServiceProvider.GetRequiredService<FirstRunAdmin>().EnsureAsync();
        await Infrastructure.Webhooks.WebhookWarmUp.WarmAsync(app.Services);
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // First: everything after it (HSTS, cookies' Secure flag, redirects, logs) sees the scheme and client nginx saw.
        app.UseForwardedHeaders();
        app.UseMetricsPortForMetricsOnly();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseSecurityHeaders();

        // wwwroot, package assets and Blazor's own script (_framework/blazor.web.js), before authentication: the
        // sign-in page needs them. (MapStaticAssets' development fallback would swallow the 405s of public addresses.)
        app.UseStaticFiles();
        app.UseMethodNotAllowedAnswers();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMustChangePassword();
        app.UseAntiforgery();

        app.MapEpicZoomHealth();
        app.MapEpicZoomMetrics();
        app.MapAccountEndpoints();
        app.MapAccountAdminEndpoints();
        app.MapTenantEndpoints();
        app.MapLaunchEndpoints();
        app.MapZoomWebhooks();
        app.MapWebhookEventEndpoints();
        app.MapSmsEndpoints();
        app.MapGuestEndpoints();
        app.MapNotificationEndpoints();
        app.MapVisitEndpoints();
        app.MapReportEndpoints();
        if (app.Services.GetRequiredService<SandboxMode>().Enabled) app.MapEpicZoomSandbox();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
