using System.Net;
using System.Net.Http.Json;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Launch;

/// <summary>A Zoom account that locks the waiting room on silently overrides the admittance policy: the admin must hear of it.</summary>
public sealed class ZoomSettingsOverrideTests : IDisposable
{
    private readonly SandboxedApp sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task MeetingWhoseSettingZoomOverrode_RecordsAWarningOnTheVisitAndTheTenant()
    {
        var locks = await sandbox.Http.PostAsJsonAsync($"/sandbox/zoom/_test/accounts/{EpicZoom.Sandbox.SandboxDefaults.ZoomAccountId}/lock-settings",
            new { joinBeforeHostLocked = false, waitingRoomLocked = true, waitingRoomForcedValue = true });
        Assert.Equal(HttpStatusCode.NoContent, locks.StatusCode);
        var csn = SandboxedApp.NewCsn();

        var launch = await sandbox.LaunchAsync($"type=provider&csn={csn}");

        Assert.Equal(HttpStatusCode.Redirect, launch.StatusCode); // the visit still goes ahead
        await using var scope = sandbox.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var visit = await db.VideoVisits.SingleAsync(v => v.Csn == csn);
        Assert.Contains("waiting_room is on", visit.SettingsWarning);
        var tenant = await db.Tenants.SingleAsync(t => t.OrgId == "sandbox");
        Assert.Contains(tenant.ConfigurationWarnings(), w => w.Contains("Zoom overrode a meeting setting"));
    }
}
