using System.Net;
using EpicZoom.Application.Tenants.RunTroubleshooting;
using EpicZoom.Domain.Tenants;
using EpicZoom.Web.Tests.Launch;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Guests;

/// <summary>
/// The seeded sandbox tenant has guests switched on for every role, so `dotnet run` offers "Invite a guest" at once.
/// This class's app is never changed by a test: what it sees is what the seed made.
/// </summary>
public sealed class SandboxGuestSeedTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public async Task TheSeededSandboxTenant_HasGuestsOn_ForEveryRole()
    {
        var guests = (await sandbox.DbAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.OrgId == "sandbox"))).Guests;

        Assert.True(guests.Enabled);
        Assert.Equal(GuestRoles.All, guests.AllowedRoles);
    }

    [Fact]
    public async Task AProviderLaunch_OffersInviteAGuest_WithEveryRole_WithoutAnAdminSwitchingItOn()
    {
        var csn = SandboxedApp.NewCsn();

        var launch = await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId=eSeed{csn}&noRedirect=true");

        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        var html = await launch.Content.ReadAsStringAsync();
        var panel = html[html.IndexOf("data-testid=\"invite-guest\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("data-testid=\"guests-off\"", panel);
        foreach (var role in new[] { "FamilyCaregiver", "Interpreter", "Clinician" })
            Assert.Contains($"<option value=\"{role}\"", panel);
    }

    [Fact]
    public async Task TheSandboxTenantsTroubleshooting_SignsInToTheSandboxSmtpServer()
    {
        var tenant = await sandbox.DbAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.OrgId == "sandbox"));

        var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(tenant.Id.Value));

        var email = checks.Single(c => c.Name == "E-mail server accepts the sign-in");
        Assert.True(email.Passed, email.Detail);
        Assert.Contains("the installation's SMTP server", email.Detail);
        Assert.Contains("signed in", email.Detail);
    }
}
