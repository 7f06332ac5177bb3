using System.Security.Claims;
using EpicZoom.Application.ZoomAccounts.RemoveExpiredPatientAccounts;
using EpicZoom.Domain.ZoomAccounts;
using EpicZoom.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Launch;

public sealed class PatientAccountCleanupTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public async Task PatientsTemporaryZoomAccount_AfterItsGracePeriod_IsDeletedInZoomAndForgotten()
    {
        var csn = SandboxedApp.NewCsn();
        await sandbox.LaunchAsync($"type=patient&csn={csn}&encounterProviderId=eClean{csn}");
        string zoomUserId;
        await using (var scope = sandbox.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var visitKey = (await db.VideoVisits.SingleAsync(v => v.Csn == csn)).Id.ToString() + ":";
            var account = await db.ZoomAccounts.SingleAsync(a => a.Kind == ZoomAccountKind.Patient && a.EpicId.StartsWith(visitKey));
            zoomUserId = account.ZoomUserId;
            Assert.True(account.DeleteAfterUtc > DateTime.UtcNow.AddHours(23), "kept for the grace period");
            Assert.Equal(0, await Send(scope, new RemoveExpiredPatientAccountsCommand()));
            await db.ZoomAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeleteAfterUtc, DateTime.UtcNow.AddMinutes(-1)));
        }

        await using (var scope = sandbox.App.Services.CreateAsyncScope())
        {
            Assert.True(await Send(scope, new RemoveExpiredPatientAccountsCommand()) >= 1);
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().ZoomAccounts.AnyAsync(a => a.ZoomUserId == zoomUserId));
        }
        var gone = await Record.ExceptionAsync(() => sandbox.ZoomApiAsync(HttpMethod.Get, $"/users/{zoomUserId}"));
        Assert.Contains("NotFound", gone?.Message);
    }

    [Fact]
    public async Task ProvidersAutoCreatedAccount_IsNeverRemovedByTheCleanUp()
    {
        var csn = SandboxedApp.NewCsn();
        await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId=eKeep{csn}");
        await using var scope = sandbox.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await db.ZoomAccounts.CountAsync(a => a.Kind == ZoomAccountKind.Provider);

        await Send(scope, new RemoveExpiredPatientAccountsCommand());

        Assert.Equal(before, await db.ZoomAccounts.CountAsync(a => a.Kind == ZoomAccountKind.Provider));
    }

    private static Task<int> Send(AsyncServiceScope scope, RemoveExpiredPatientAccountsCommand command) =>
        scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
}
