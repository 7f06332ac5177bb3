using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using EpicZoom.Domain.Notifications;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Cluster.Tests;

/// <summary>
/// Two EpicZoom instances on one PostgreSQL behind the shipped nginx configuration (<see cref="ClusterFixture"/>):
/// launches, webhooks and the portal across instances, and one instance killed with SIGKILL mid-dispatch (last).
/// </summary>
[TestCaseOrderer(ByOrderAttribute.TypeName, ByOrderAttribute.AssemblyName)]
public sealed partial class TwoInstancesTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact, Order(1)]
    public async Task ALaunchBegunOnOneInstance_CompletesOnTheOther_AndItsWaitingPassWorksOnEither()
    {
        var csn = NewCsn();

        // Provider: EpicZoom's launch on B (state and PKCE verifier stored), Epic's callback on A.
        var provider = await LaunchAcrossAsync($"type=provider&csn={csn}", begin: cluster.B, complete: cluster.A);
        Assert.Equal(HttpStatusCode.Redirect, provider.StatusCode);
        Assert.Matches(@"/sandbox/zoom/s/\d+\?zak=", provider.Headers.Location!.ToString());

        // Patient: the other way round; the waiting pass made on B is read on A (one key ring).
        var patient = await LaunchAcrossAsync($"type=patient&csn={csn}", begin: cluster.A, complete: cluster.B);
        Assert.Equal(HttpStatusCode.Redirect, patient.StatusCode);
        var waiting = patient.Headers.Location!.OriginalString;
        Assert.StartsWith("/visit/wait?pass=", waiting);
        var page = await cluster.A.Http.GetAsync(waiting);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Please wait for the host to start this meeting", await page.Content.ReadAsStringAsync());

        var records = await cluster.DbAsync(db => db.LaunchRecords.AsNoTracking().Where(r => r.Csn == csn).ToListAsync());
        Assert.Equal(2, records.Count);
        Assert.Single(await cluster.DbAsync(db => db.VideoVisits.AsNoTracking().Where(v => v.Csn == csn).ToListAsync()));
    }

    [Fact, Order(2)]
    public async Task WebhooksPostedToEitherInstance_AndRedeliveredToTheOther_AreReportedToEpicOnce()
    {
        var visit = await NewVisitAsync();
        var bodies = visit.People.Select(p => ZoomWebhooks.Joined(visit.MeetingId, p.ZoomUserId)).ToList();

        // Zoom delivers the provider's join to A and the patient's to B, then (no answer seen) again to the other one.
        Assert.InRange(await ZoomWebhooks.PostAsync(cluster.A.Http, bodies[0]), 200, 299);
        Assert.InRange(await ZoomWebhooks.PostAsync(cluster.B.Http, bodies[1]), 200, 299);
        Assert.InRange(await ZoomWebhooks.PostAsync(cluster.B.Http, bodies[0]), 200, 299);
        Assert.InRange(await ZoomWebhooks.PostAsync(cluster.A.Http, bodies[1]), 200, 299);

        var hashes = bodies.Select(ZoomWebhooks.Hash).ToList();
        var stored = await Eventually.HoldsAsync(
            () => cluster.DbAsync(db => db.WebhookEvents.AsNoTracking().Where(e => hashes.Contains(e.BodyHash)).ToListAsync()),
            events => events.Count == 2 && events.All(e => e.ProcessedAtUtc is not null), "both events stored and processed", TimeSpan.FromSeconds(30));
        Assert.Equal(hashes.Order(), stored.Select(e => e.BodyHash).Order());
        var records = await Eventually.HoldsAsync(
            () => cluster.DbAsync(db => db.NotificationRecords.AsNoTracking().Where(r => r.Csn == visit.Csn).ToListAsync()),
            rs => rs.Count >= 2 && rs.All(r => r.Status == NotificationStatus.Delivered), "the visit's reports delivered", TimeSpan.FromSeconds(30));

        // Everything is processed and delivered: a duplicate would be here by now.
        Assert.Equal(2, records.Count);
        var reports = await EpicReportsAsync(visit.Csn);
        Assert.Equal(visit.People.Select(p => p.EpicId).Order(), reports.Where(r => r.StatusCode == 200).Select(r => r.ExternalId).Order());
    }

    [Fact, Order(3)]
    public async Task KillingAnInstanceMidDispatch_LosesNoReport_RepeatsEachAtMostOnce_AndTheSurvivorKeepsThePortal()
    {
        // A browser whose affinity cookie sends it to B, signed in through nginx.
        var cookies = await AffinityToAsync(cluster.B);
        using var browser = cluster.ThroughNginx(cookies);
        await SignInAsync(browser);
        var before = await browser.GetAsync("/tenants");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Same(cluster.B, cluster.AnsweredBy(before));

        var visits = new List<Visit>();
        for (var i = 0; i < 6; i++) visits.Add(await NewVisitAsync());
        var people = visits.SelectMany(v => v.People.Select(p => (Visit: v, Person: p))).ToList();
        var csns = visits.Select(v => v.Csn).ToList();

        // Epic answers slowly, so B's dispatcher is in the middle of its calls when it dies.
        (await cluster.A.Http.PostAsJsonAsync("/sandbox/epic/_test/faults", new { endpoint = "telehealth", delayMs = 400 })).EnsureSuccessStatusCode();
        try
        {
            foreach (var (visit, person) in people)
                Assert.InRange(await ZoomWebhooks.PostAsync(cluster.B.Http, ZoomWebhooks.Joined(visit.MeetingId, person.ZoomUserId)), 200, 299);
            var heldByB = await Eventually.HoldsAsync(
                () => cluster.DbAsync(db => db.NotificationRecords.AsNoTracking()
                    .Where(r => csns.Contains(r.Csn) && r.Status != NotificationStatus.Delivered && r.LeaseOwner != null && r.LeaseOwner.StartsWith(cluster.B.Name + ":"))
                    .Select(r => r.Id).ToListAsync()),
                ids => ids.Count > 0, "cluster-b to hold reports it is sending", TimeSpan.FromSeconds(30));

            cluster.B.Kill();
            Assert.False(cluster.B.Running);
            Assert.NotEmpty(heldByB);
        }
        finally
        {
            await cluster.A.Http.DeleteAsync("/sandbox/epic/_test/faults");
        }

        // A takes B's reports over once their lease ends; every report reaches Epic.
        var records = await Eventually.HoldsAsync(
            () => cluster.DbAsync(db => db.NotificationRecords.AsNoTracking().Where(r => csns.Contains(r.Csn)).ToListAsync()),
            rs => rs.Count == people.Count && rs.All(r => r.Status == NotificationStatus.Delivered), "every report delivered by the survivor",
            ClusterFixture.DispatchLease + TimeSpan.FromSeconds(40), interval: TimeSpan.FromMilliseconds(250),
            describe: rs => string.Join(", ", rs.GroupBy(r => r.Status).Select(g => $"{g.Key} {g.Count()}")) + "\n" + cluster.Diagnostics());
        Assert.Equal(people.Count, records.Count);
        foreach (var (visit, person) in people)
        {
            var accepted = (await EpicReportsAsync(visit.Csn)).Count(r => r.ExternalId == person.EpicId && r.StatusCode == 200);
            Assert.InRange(accepted, 1, 2);
        }

        // The same browser, through nginx, now on A: still signed in (shared key ring), pages and Blazor's circuit work.
        var after = await browser.GetAsync("/tenants");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Same(cluster.A, cluster.AnsweredBy(after));
        Assert.Contains("Sandbox Health", await after.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/_framework/blazor.web.js")).StatusCode);
        await CircuitOpensThroughNginxAsync(browser, cookies);
    }

    /// <summary>Blazor's hub negotiated and its WebSocket opened through nginx (upgrade headers, stickiness of both).</summary>
    private async Task CircuitOpensThroughNginxAsync(HttpClient browser, CookieContainer cookies)
    {
        var negotiate = await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        using var doc = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
        var token = doc.RootElement.GetProperty("connectionToken").GetString();
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{cluster.Nginx.HttpsPort}/_blazor?id={token}"), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, socket.State);
        // SignalR's handshake in Blazor's protocol (blazorpack): the hub answers "{}" and the record separator.
        var handshake = System.Text.Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e");
        await socket.SendAsync(handshake, WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Equal("{}\u001e", System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    /// <summary>An affinity cookie that nginx's hash sends to <paramref name="instance"/>, found by asking.</summary>
    private async Task<CookieContainer> AffinityToAsync(EpicZoomInstance instance)
    {
        for (var i = 0; i < 64; i++)
        {
            var cookies = new CookieContainer();
            cookies.Add(new Uri(cluster.PublicBaseUrl), new Cookie("ez_affinity", $"browser{i}"));
            using var client = cluster.ThroughNginx(cookies);
            var sameEveryTime = new HashSet<int>();
            for (var n = 0; n < 3; n++) sameEveryTime.Add(cluster.AnsweredBy(await client.GetAsync("/account/login")).Port);
            Assert.Single(sameEveryTime); // sticky
            if (sameEveryTime.Single() == instance.Port) return cookies;
        }
        throw new InvalidOperationException($"No affinity value sent a browser to {instance.Name}.");
    }

    private async Task SignInAsync(HttpClient browser)
    {
        var fresh = FirstRunPassword().Match(await File.ReadAllTextAsync(Path.Combine(cluster.DataPathOfA, "initial-admin-password.txt"))).Groups[1].Value.Trim();
        var login = await EpicZoomApp.PostFormAsync(browser, "/account/login", "/account/login",
            new() { ["userName"] = "admin", ["password"] = fresh, ["returnUrl"] = "/tenants" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.DoesNotContain("error", login.Headers.Location!.OriginalString);
        var change = await EpicZoomApp.PostFormAsync(browser, "/account/change-password", "/account/change-password",
            new() { ["currentPassword"] = fresh, ["newPassword"] = EpicZoomApp.AdminPassword, ["confirmPassword"] = EpicZoomApp.AdminPassword });
        Assert.DoesNotContain("error", change.Headers.Location?.OriginalString ?? "error");
    }

    /// <summary>
    /// Plays Epic with a deterministic split: the launch simulator (A's), EpicZoom's launch on <paramref name="begin"/>,
    /// Epic's authorize (A's simulator), EpicZoom's callback on <paramref name="complete"/>. Returns the callback's answer.
    /// </summary>
    private static async Task<HttpResponseMessage> LaunchAcrossAsync(string query, EpicZoomInstance begin, EpicZoomInstance complete)
    {
        var simulator = await AnyInstanceOfA(begin, complete).Http.GetAsync($"/sandbox/epic/launch?{query}");
        var launch = await begin.Http.GetAsync(simulator.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, launch.StatusCode);
        var authorize = await AnyInstanceOfA(begin, complete).Http.GetAsync(launch.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var callback = authorize.Headers.Location!;
        Assert.Equal("/epicfhir/callback", callback.AbsolutePath);
        return await complete.Http.GetAsync(callback.PathAndQuery);
    }

    /// <summary>The simulators live in cluster-a (Sandbox:BaseUrl).</summary>
    private static EpicZoomInstance AnyInstanceOfA(EpicZoomInstance one, EpicZoomInstance other) => one.Name == "cluster-a" ? one : other;

    /// <summary>A provider and a patient launch through nginx (no affinity: each hop may land on either instance).</summary>
    private async Task<Visit> NewVisitAsync()
    {
        var csn = NewCsn();
        using var epic = cluster.ThroughNginx();
        foreach (var type in new[] { "provider", "patient" })
        {
            var response = await cluster.A.Http.GetAsync($"/sandbox/epic/launch?type={type}&csn={csn}");
            for (var hops = 0; hops < 6 && response.StatusCode == HttpStatusCode.Redirect; hops++)
            {
                var next = response.Headers.Location!;
                if (!next.IsAbsoluteUri || !(next.AbsolutePath.StartsWith("/epicfhir/", StringComparison.Ordinal) || next.AbsolutePath.StartsWith("/sandbox/epic/oauth2/", StringComparison.Ordinal)))
                    break;
                response = await (next.Port == cluster.A.Port ? cluster.A.Http : epic).GetAsync(next.PathAndQuery);
            }
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{type} launch of {csn}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var visit = await cluster.DbAsync(db => db.VideoVisits.AsNoTracking().Include(v => v.Participants).SingleAsync(v => v.Csn == csn));
        var people = visit.Participants.Where(p => p.ZoomUserId != null).Select(p => new Person(p.EpicId, p.ZoomUserId!)).ToList();
        Assert.Equal(2, people.Count);
        return new Visit(csn, visit.ZoomMeetingId!.Value, people);
    }

    private async Task<List<EpicReport>> EpicReportsAsync(string csn) =>
        (await cluster.A.Http.GetFromJsonAsync<List<EpicReport>>($"/sandbox/epic/_test/status-reports?csn={csn}"))!;

    private static string NewCsn() => Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Person(string EpicId, string ZoomUserId);

    private sealed record Visit(string Csn, long MeetingId, List<Person> People);

    private sealed record EpicReport(string? ConferenceId, string? ExternalId, string? ConnectionStatus, int StatusCode);

    [GeneratedRegex("password: (.+)")]
    private static partial Regex FirstRunPassword();
}
