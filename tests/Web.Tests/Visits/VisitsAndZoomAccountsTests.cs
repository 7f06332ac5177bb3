using EpicZoom.Application.ZoomAccounts.DeleteZoomAccount;
using EpicZoom.Application.ZoomAccounts.ListZoomAccounts;
using EpicZoom.Application.Visits.ListVisits;
using EpicZoom.Web.Tests.Launch;

namespace EpicZoom.Web.Tests.Visits;

public sealed class VisitsAndZoomAccountsTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public async Task Visits_ShowEachParticipantsLight_AndWhoHosts()
    {
        var csn = SandboxedApp.NewCsn();
        var provider = await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId=eVis{csn}");
        await sandbox.LaunchAsync($"type=patient&csn={csn}");

        var visit = Assert.Single(await sandbox.SendAsAdminAsync(new ListVisitsQuery(csn)));

        Assert.Equal(2, visit.Participants.Count);
        Assert.Single(visit.Participants, p => p.IsHost && p.Role == "Provider");
        Assert.All(visit.Participants, p => Assert.Equal("NotJoined", p.State));
        Assert.NotNull(visit.ZoomMeetingId);
    }

    [Fact]
    public async Task DeletingAnAutoCreatedProviderAccount_DeletesItInZoom_AndAudits()
    {
        var providerId = "eDel" + SandboxedApp.NewCsn();
        await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&providerId={providerId}");
        var accounts = await sandbox.SendAsAdminAsync(new ListZoomAccountsQuery());
        var account = accounts.First(a => a.Kind == "Provider" && a.CreatedByEpicZoom);
        Assert.Equal(account.Email, (await sandbox.ZoomApiAsync(HttpMethod.Get, $"/users/{account.ZoomUserId}")).GetProperty("email").GetString());

        await sandbox.SendAsAdminAsync(new DeleteZoomAccountCommand(account.Id));

        Assert.DoesNotContain(await sandbox.SendAsAdminAsync(new ListZoomAccountsQuery()), a => a.Id == account.Id);
        var gone = await Record.ExceptionAsync(() => sandbox.ZoomApiAsync(HttpMethod.Get, $"/users/{account.ZoomUserId}"));
        Assert.Contains("NotFound", gone?.Message);
        Assert.True(await sandbox.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.AuditEntries, e => e.Action == "ZoomAccountDeleted")));
    }

    [Fact]
    public async Task VisitsAndZoomAccounts_AreAdminOnly()
    {
        var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(sandbox.BaseUrl) };

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/visits")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/zoom-accounts")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await anonymous.GetAsync("/visits")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await anonymous.GetAsync("/zoom-accounts")).StatusCode);
    }
}
