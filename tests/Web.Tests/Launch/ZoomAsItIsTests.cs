using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Launch;

/// <summary>Launches against Zoom as it really behaves: users deleted behind EpicZoom's back, rate limits.</summary>
public sealed partial class ZoomAsItIsTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    /// <summary>Before: every later launch of this provider ended in EZ-L011 (Zoom 404 code 1001) for ever.</summary>
    [Fact]
    public async Task AZoomUserDeletedByAZoomAdmin_IsCreatedAgain_TheRecordFollows_AndTheLaunchGoesOn()
    {
        var provider = "eGone" + SandboxedApp.NewCsn();
        var firstMeeting = AssertHostLink(await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&providerId={provider}"));
        var host = (await sandbox.MeetingsAsync()).EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == firstMeeting).GetProperty("hostId").GetString();
        var before = await sandbox.DbAsync(db => db.ZoomAccounts.AsNoTracking().SingleAsync(a => a.ZoomUserId == host));
        await sandbox.ZoomApiAsync(HttpMethod.Delete, $"/users/{before.ZoomUserId}?action=delete");

        var launch = await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&providerId={provider}");

        var meetingId = AssertHostLink(launch);
        var after = await sandbox.DbAsync(db => db.ZoomAccounts.AsNoTracking().SingleAsync(a => a.Id == before.Id));
        Assert.NotEqual(before.ZoomUserId, after.ZoomUserId);
        Assert.Equal(before.Email, after.Email);
        Assert.NotNull(after.RelinkedAtUtc);
        var meeting = Assert.Single((await sandbox.MeetingsAsync()).EnumerateArray(), m => m.GetProperty("id").GetInt64() == meetingId);
        Assert.Equal(after.ZoomUserId, meeting.GetProperty("hostId").GetString());
    }

    [Fact]
    public async Task ARateLimitedMeetingCreate_IsRepeatedAfterRetryAfter_AndMakesExactlyOneMeeting()
    {
        var csn = SandboxedApp.NewCsn();
        var meetings = (await sandbox.MeetingsAsync()).GetArrayLength();
        HttpResponseMessage launch;
        await sandbox.InjectFaultAsync("zoom", new { endpoint = "meetings", statusCode = 429, failNext = 1, retryAfterSeconds = 0 });
        try
        {
            launch = await sandbox.LaunchAsync($"type=provider&csn={csn}");
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }

        AssertHostLink(launch);
        Assert.Equal(meetings + 1, (await sandbox.MeetingsAsync()).GetArrayLength());
    }

    /// <summary>Before: a daily limit was tried three times and the page said only "Zoom 429 code 429".</summary>
    [Theory]
    [InlineData(-1, "Daily-limit", "Zoom rate-limited this account (Daily-limit)")]
    [InlineData(3600, "QPS", "Zoom rate-limited this account (QPS); Zoom says retry after 3600 s")]
    public async Task ARateLimitBeyondWhatALaunchMayWait_ShowsL011SayingZoomRateLimited_WithoutWaiting(int retryAfter, string type, string detail)
    {
        var csn = SandboxedApp.NewCsn();
        var meetings = (await sandbox.MeetingsAsync()).GetArrayLength();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage launch;
        await sandbox.InjectFaultAsync("zoom", new { endpoint = "meetings", statusCode = 429, retryAfterSeconds = retryAfter, rateLimitType = type });
        try
        {
            launch = await sandbox.LaunchAsync($"type=provider&csn={csn}");
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }

        Assert.Equal(HttpStatusCode.BadGateway, launch.StatusCode);
        var html = WebUtility.HtmlDecode(await launch.Content.ReadAsStringAsync());
        Assert.Contains("EZ-L011", html);
        Assert.True(html.Contains(detail, StringComparison.Ordinal), Regex.Match(html, "Details for IT:[^<]*").Value);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the launch waited {watch.Elapsed}");
        Assert.Equal(meetings, (await sandbox.MeetingsAsync()).GetArrayLength());
        var record = Assert.Single(await sandbox.LaunchRecordsAsync(), r => r.Csn == csn && r.Outcome.StartsWith("callback:", StringComparison.Ordinal));
        Assert.Equal(detail, record.Detail);
        Assert.Equal("zoom.meetings.create=1", Regex.Match(record.UpstreamCalls, @"zoom\.meetings\.create=\d+").Value);
    }

    private static long AssertHostLink(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect to Zoom, got {(int)response.StatusCode}");
        var match = HostLink().Match(response.Headers.Location!.ToString());
        Assert.True(match.Success, $"Not a Zoom start link: {response.Headers.Location}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"/sandbox/zoom/s/(\d+)")]
    private static partial Regex HostLink();
}
