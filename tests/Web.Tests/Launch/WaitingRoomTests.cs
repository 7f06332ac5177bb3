using System.Net;
using System.Text.Json;
using EpicZoom.Application.Visits.Common;
using EpicZoom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Launch;

/// <summary>The waiting page's long-poll against the sandbox: woken by Zoom's webhook, then the same link on every poll.</summary>
public sealed partial class WaitingRoomTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public async Task ALongPoll_IsWokenByTheHostJoinedWebhook_EvenWhileZoomsMeetingReadFails()
    {
        var csn = SandboxedApp.NewCsn();
        var provider = await sandbox.LaunchAsync($"type=provider&csn={csn}");
        var meetingId = long.Parse(MeetingId().Match(provider.Headers.Location!.ToString()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var patient = await sandbox.LaunchAsync($"type=patient&csn={csn}");
        var statusUrl = "/visit/wait/status" + patient.Headers.Location!.ToString()["/visit/wait".Length..];
        // Only the webhook can tell EpicZoom now: Zoom's meeting read fails.
        await sandbox.InjectFaultAsync("zoom", new { endpoint = $"/sandbox/zoom/v2/meetings/{meetingId}", statusCode = 500 });
        try
        {
            var notifier = sandbox.App.Services.GetRequiredService<VisitChangeNotifier>();
            var poll = sandbox.Http.GetAsync(statusUrl + "&wait=25");
            await Eventually.HoldsAsync(() => Task.FromResult(notifier.WatchedVisits), n => n > 0, "the long-poll to wait");
            Assert.False(poll.IsCompleted);

            await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/join", new { name = "Dr Host", asHost = true });
            var woken = await StatusAsync(await poll);

            Assert.True(woken.GetProperty("hostIsIn").GetBoolean());
            var joinUrl = woken.GetProperty("joinUrl").GetString()!;
            Assert.Matches($@"/sandbox/zoom/j/{meetingId}\?pwd=.+&zak=", joinUrl);
            // Every later poll answers at once with the same personal link: its ZAK was fetched once.
            for (var i = 0; i < 3; i++)
            {
                var again = await StatusAsync(await sandbox.Http.GetAsync(statusUrl + "&wait=25"));
                Assert.Equal(joinUrl, again.GetProperty("joinUrl").GetString());
            }
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }
    }

    [Theory]
    [InlineData("&wait=-1")]
    [InlineData("&wait=abc")]
    [InlineData("&wait=99999999999999999999")]
    public async Task AnOddWait_WithABadPass_IsStillTheFriendlyGoneCode(string wait)
    {
        var response = await sandbox.Http.GetAsync("/visit/wait/status?pass=not-a-pass" + wait);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("EZ-L017", await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> StatusAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Waiting status {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/sandbox/zoom/s/(\d+)")]
    private static partial System.Text.RegularExpressions.Regex MeetingId();
}
