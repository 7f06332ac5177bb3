using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using EpicZoom.Web.Tests.Errors;
using EpicZoom.Web.Tests.Launch;
using EpicZoom.Web.Tests.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Guests;

/// <summary>
/// A clinician invites an interpreter by e-mail and a family member by SMS from the noRedirect page, over real HTTP:
/// EpicZoom's MailKit client to the sandbox SMTP server, its SMS client to the SMS simulator, the guests opening their
/// links from the inboxes, and a guest's join changing their own light without any report to Epic. Guests are switched
/// on for this class's own sandbox tenant.
/// </summary>
public sealed class GuestInviteTests(SandboxedApp sandbox) : GuestInviteScenarios(sandbox), IClassFixture<SandboxedApp>;

/// <summary>The same on a real PostgreSQL server.</summary>
public sealed class GuestInvitePostgresTests(PostgresSandboxedApp postgres) : GuestInviteScenarios(postgres.Sandbox), IClassFixture<PostgresSandboxedApp>;

/// <summary>The scenarios of <see cref="GuestInviteTests"/>, run on each database provider by its own class.</summary>
public abstract partial class GuestInviteScenarios(SandboxedApp sandbox)
{
    [Fact]
    [ReachesCode("EZ-L019")]
    public async Task AnInterpreterByEmail_AndAFamilyMemberBySms_JoinWithTheirRoles_AndNeitherIsReportedToEpic()
    {
        await GuestsOnAsync();
        var visit = await LaunchAsync();

        var interpreter = await InviteAsync(visit.GuestPass, "Interpreter", "Spanish", "Ana Ruiz", "ana.ruiz@example.org");
        Assert.Equal(HttpStatusCode.OK, interpreter.StatusCode);
        var family = await InviteAsync(visit.GuestPass, "FamilyCaregiver", "", "Sam Lee", "+15550100123");
        Assert.Equal(HttpStatusCode.OK, family.StatusCode);
        var panel = await family.Content.ReadAsStringAsync();
        Assert.DoesNotContain("ana.ruiz@example.org", panel);
        Assert.DoesNotContain("+15550100123", panel);

        // The interpreter's mail: the tenant's template, the role, one signed link; no patient data.
        var mail = Assert.Single(await MailAsync("ana.ruiz@example.org"));
        var mailText = mail.GetProperty("text").GetString()!;
        Assert.Contains("as interpreter", mailText);
        Assert.Contains("as interpreter", mail.GetProperty("subject").GetString() + " " + mailText);
        var interpreterLink = LinkIn(mailText);
        Assert.StartsWith(sandbox.PublicBaseUrl + "/t/", interpreterLink);
        Assert.Contains($"href=\"{interpreterLink}\"", mail.GetProperty("html").GetString());

        // The family member's text.
        var text = Assert.Single(await TextsAsync("+15550100123"));
        var familyLink = LinkIn(text.GetProperty("body").GetString()!);
        Assert.Contains("family member or caregiver", text.GetProperty("body").GetString());

        // Each opens the waiting room as themselves.
        var interpreterWaiting = await OpenAsync(interpreterLink);
        Assert.Contains("Ana Ruiz", interpreterWaiting);
        Assert.Contains("interpreter", interpreterWaiting);
        Assert.Contains("Sam Lee", await OpenAsync(familyLink));

        var guests = await sandbox.DbAsync(db => db.VisitParticipants.AsNoTracking()
            .Where(p => p.Role == ParticipantRole.Guest && db.VideoVisits.Any(v => v.Csn == visit.Csn && v.Participants.Contains(p))).ToListAsync());
        Assert.Equal(2, guests.Count);
        Assert.All(guests, g => Assert.NotNull(g.ZoomUserId));

        // The interpreter joins, then the host: the host's light reaches Epic; the interpreter's own light turns green
        // on EpicZoom's side, and no report is ever made for a guest.
        var guest = guests[0];
        await sandbox.JoinAsync(visit.MeetingId, guest.ZoomUserId!, asHost: false);
        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Any(x => x.Status == NotificationStatus.Delivered), "the host's connection reported");
        var joined = await WebhookTestKit.EventuallyAsync(
            () => sandbox.DbAsync(db => db.VisitParticipants.AsNoTracking().SingleAsync(p => p.Id == guest.Id)),
            p => p.State == ConnectionState.Connected, "the guest's light");
        Assert.Equal(ConnectionState.Connected, joined.State);
        var records = await sandbox.RecordsAsync(visit.Csn);
        Assert.DoesNotContain(records, r => guests.Any(g => g.EpicId == r.ExternalId));

        // Revoked: the interpreter's link stops working with its own code.
        var inviteId = await sandbox.DbAsync(db => db.GuestInvites.AsNoTracking().Where(i => i.ParticipantId == guest.Id).Select(i => i.Id.Value).SingleAsync());
        var revoked = await PostAndFollowAsync(new FormUrlEncodedContent(
            [new("pass", visit.GuestPass), new("action", "revoke"), new("invite", inviteId.ToString())]));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var mine = await sandbox.DbAsync(db => db.GuestInvites.AsNoTracking().Where(i => i.ParticipantId == guest.Id).Select(i => i.ContactMasked).SingleAsync());
        var refusedLink = mine.Contains('@') ? interpreterLink : familyLink;
        var refused = await sandbox.Http.GetAsync(new Uri(refusedLink).PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
        Assert.Contains("EZ-L019", await refused.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Interpreter", "", "Ana Ruiz", "ana@example.org", "guest-error-language")]
    [InlineData("FamilyCaregiver", "", "", "ana@example.org", "guest-error-")]
    [InlineData("FamilyCaregiver", "", "Ana\r\nRuiz", "ana@example.org", "guest-error-")]
    [InlineData("FamilyCaregiver", "", "Ana Ruiz", "ana@example.org\r\nRCPT TO:<x@example.org>", "guest-error-")]
    [InlineData("FamilyCaregiver", "", "Ana Ruiz", "<script>alert(1)</script>", "guest-error-")]
    [InlineData("Janitor", "", "Ana Ruiz", "ana@example.org", "guest-error-role")]
    public async Task BadInvitations_AreFieldErrors_AndNothingIsSentOrRecorded(string role, string language, string name, string contact, string error)
    {
        await GuestsOnAsync();
        var visit = await LaunchAsync();

        var response = await sandbox.Http.PostAsync("/visit/guests", new FormUrlEncodedContent(
            [new("pass", visit.GuestPass), new("action", "invite"), new("role", role), new("language", language), new("name", name), new("contact", contact)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(error, html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Equal(0, await sandbox.DbAsync(db => db.GuestInvites.CountAsync(i => db.VideoVisits.Any(v => v.Id == i.VisitId && v.Csn == visit.Csn))));
    }

    /// <summary>
    /// Real SMTP failures from the invite form: a refused address and a mail server that is down are plain messages on the
    /// clinician's page (never a 500), the invitation is on record as failed with Resend offered, and nothing was mailed;
    /// once the server is back, Resend mails it exactly once.
    /// </summary>
    [Fact]
    public async Task ARefusedAddress_AndADownMailServer_AreClearMessages_WithResend_AndNothingIsMailedTwice()
    {
        await GuestsOnAsync();
        var visit = await LaunchAsync();

        // The page says what happened; its status is the mail server's failure (502: the upstream failed), not a crash.
        var refused = await InviteAsync(visit.GuestPass, "FamilyCaregiver", "", "Sam Lee", "sam@refused.example");
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains("The mail server refused the address", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Empty(await MailAsync("sam@refused.example"));

        // The tenant's own mail server is down (nothing listens on its port).
        var closedPort = ClosedPort();
        await EmailServerAsync(new TenantEmailSettings(true, "127.0.0.1", closedPort, EmailTlsMode.None, "", "telehealth@example.org", ""));
        try
        {
            var down = await InviteAsync(visit.GuestPass, "Interpreter", "Spanish", "Ana Ruiz", "ana.down@example.org");
            Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
            var page = WebUtility.HtmlDecode(await down.Content.ReadAsStringAsync());
            Assert.Contains("could not be reached or is busy; no e-mail was sent", page);
            Assert.DoesNotContain("ana.down@example.org", page);
            Assert.DoesNotContain("Exception", page);
            var invite = await sandbox.DbAsync(db => db.GuestInvites.AsNoTracking().SingleAsync(i => i.DisplayName == "Ana Ruiz" && i.VisitId == db.VideoVisits.Single(v => v.Csn == visit.Csn).Id));
            Assert.Equal(Domain.Guests.GuestInviteStatus.Failed, invite.Status);
            Assert.Contains("data-testid=\"guest-resend\"", page);

            // The server is back (the installation's): Resend mails it, once.
            await EmailServerAsync(TenantEmailSettings.Installation);
            var resent = await PostAndFollowAsync(new FormUrlEncodedContent([new("pass", visit.GuestPass), new("action", "resend"), new("invite", invite.Id.Value.ToString())]));
            Assert.Contains("Invitation e-mailed to", WebUtility.HtmlDecode(await resent.Content.ReadAsStringAsync()));
            Assert.Single(await MailAsync("ana.down@example.org"));
            var audit = await sandbox.DbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == invite.Id.ToString()).Select(a => a.Summary).ToListAsync());
            Assert.NotEmpty(audit);
            Assert.DoesNotContain(audit, a => a.Contains("ana.down@example.org", StringComparison.Ordinal));
        }
        finally
        {
            await EmailServerAsync(TenantEmailSettings.Installation);
        }
    }

    private async Task EmailServerAsync(TenantEmailSettings email) =>
        await sandbox.DbAsync(async db =>
        {
            foreach (var tenant in await db.Tenants.ToListAsync()) tenant.ConfigureEmail(email, DateTime.UtcNow);
            return await db.SaveChangesAsync(CancellationToken.None);
        });

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task AnUnknownActionAForgedPassOrBytesThatAreNotUtf8_AreAClearRefusal_NotA500()
    {
        var visit = await LaunchAsync();

        var unknown = await sandbox.Http.PostAsync("/visit/guests", new FormUrlEncodedContent([new("pass", visit.GuestPass), new("action", "explode")]));
        var noPass = await sandbox.Http.PostAsync("/visit/guests", new FormUrlEncodedContent([new("pass", "forged"), new("action", "invite"), new("role", "Clinician"), new("name", "x"), new("contact", "a@example.org")]));
        var notUtf8 = await sandbox.Http.PostAsync("/visit/guests", new ByteArrayContent([0x70, 0x61, 0x73, 0x73, 0x3d, 0xff, 0xfe, 0xc3]) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } });

        foreach (var response in new[] { unknown, noPass, notUtf8 })
        {
            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.Contains("EZ-L0", await response.Content.ReadAsStringAsync());
        }
    }

    private async Task GuestsOnAsync() =>
        await sandbox.DbAsync(async db =>
        {
            foreach (var tenant in await db.Tenants.ToListAsync())
                tenant.ConfigureGuests(GuestSettings.Default with { Enabled = true }, DateTime.UtcNow);
            return await db.SaveChangesAsync(CancellationToken.None);
        });

    private async Task<GuestVisit> LaunchAsync()
    {
        var csn = SandboxedApp.NewCsn();
        var launch = await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId=eGuest{csn}&noRedirect=true");
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        var html = await launch.Content.ReadAsStringAsync();
        var section = html[html.IndexOf("data-testid=\"invite-guest\"", StringComparison.Ordinal)..];
        var pass = WebUtility.HtmlDecode(PassField().Match(section).Groups[1].Value);
        var start = WebUtility.HtmlDecode(StartLink().Match(html).Groups[1].Value);
        var meetingId = long.Parse(MeetingNumber().Match(start).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var host = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().Where(v => v.Csn == csn).Select(v => v.HostZoomUserId).SingleAsync());
        return new GuestVisit(csn, meetingId, host!, pass);
    }

    private Task<HttpResponseMessage> InviteAsync(string pass, string role, string language, string name, string contact) =>
        PostAndFollowAsync(new FormUrlEncodedContent(
            [new("pass", pass), new("action", "invite"), new("role", role), new("language", language), new("name", name), new("contact", contact)]));

    private async Task<HttpResponseMessage> PostAndFollowAsync(HttpContent form)
    {
        var posted = await sandbox.Http.PostAsync("/visit/guests", form);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var location = posted.Headers.Location!.ToString();
        Assert.StartsWith("/visit/guests?pass=", location);
        return await sandbox.Http.GetAsync(location);
    }

    private async Task<string> OpenAsync(string link)
    {
        var opened = await sandbox.Http.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var waiting = opened.Headers.Location!.ToString();
        Assert.StartsWith("/visit/wait?pass=", waiting);
        var page = await sandbox.Http.GetAsync(waiting);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonElement>> MailAsync(string to)
    {
        using var doc = JsonDocument.Parse(await sandbox.Http.GetStringAsync($"/sandbox/email/_test/messages?to={Uri.EscapeDataString(to)}"));
        return doc.RootElement.EnumerateArray().Select(m => m.Clone()).ToList();
    }

    private async Task<List<JsonElement>> TextsAsync(string to)
    {
        using var doc = JsonDocument.Parse(await sandbox.Http.GetStringAsync($"/sandbox/sms/_test/messages?to={Uri.EscapeDataString(to)}"));
        return doc.RootElement.EnumerateArray().Where(m => !m.GetProperty("refused").GetBoolean()).Select(m => m.Clone()).ToList();
    }

    private static string LinkIn(string body) => LinkPattern().Match(body).Value;

    private sealed record GuestVisit(string Csn, long MeetingId, string HostZoomUserId, string GuestPass);

    [GeneratedRegex(@"https?://[^\s""<]+/t/[^\s""<]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("name=\"pass\" value=\"([^\"]+)\"")]
    private static partial Regex PassField();

    [GeneratedRegex("href=\"([^\"]+)\" data-testid=\"meeting-link\"")]
    private static partial Regex StartLink();

    [GeneratedRegex(@"/s/(\d+)")]
    private static partial Regex MeetingNumber();
}
