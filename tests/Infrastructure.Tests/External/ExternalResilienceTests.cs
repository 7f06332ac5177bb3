using System.Diagnostics;
using EpicZoom.Application.Common.Interfaces.External;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using EpicZoom.TestSupport;

namespace EpicZoom.Infrastructure.Tests.External;

/// <summary>
/// The resilience pipeline on the Refit clients, with every wait on a fake clock: the tests move time, so a 5 s
/// Retry-After or the 15 s budget costs nothing, and a retry that happens too early shows up as a second request.
/// </summary>
public sealed class ExternalResilienceTests : IAsyncLifetime
{
    private const string LockSettingsPath = "/fake/accounts/me/lock_settings";
    private const string MessagesPath = "/fake/2010-04-01/Accounts/AC-tests/Messages.json";
    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(10);

    private readonly FakeClock clock = FakeClock.StartingNow();
    private SandboxServer sandbox = null!;
    private int calls;

    public async Task InitializeAsync() => sandbox = await SandboxServer.StartAsync(clock);

    /// <summary>Polly lets a pipeline go only once its calls in flight end, waiting on the fake clock: keep time moving.</summary>
    public async Task DisposeAsync()
    {
        var disposing = sandbox.DisposeAsync().AsTask();
        while (!disposing.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(disposing, Task.Delay(20));
        }

        await disposing;
    }

    private ZoomConnection FakeZoom => sandbox.ZoomTenant() with { ApiBaseUrl = sandbox.FakeBase };

    private SmsConnection FakeSms => new(sandbox.FakeBase, "AC-tests", "token", "+15550100");

    private TelehealthConnection FakeTelehealth => new(sandbox.FakeBase, "epic-client", UseBasic: true, "user", "password", null);

    [Fact]
    public async Task ARateLimit_IsRetriedOnlyOnceTheRetryAfterHasPassedOnTheInjectedClock()
    {
        sandbox.Fake = http => ++calls == 1 ? RateLimited(http, retryAfterSeconds: 5) : LockSettings();

        var call = sandbox.Zoom.GetLockSettingsAsync(FakeZoom, default);
        await clock.WaitScheduledAsync(TimeSpan.FromSeconds(5), RealWait);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(200);

        Assert.False(call.IsCompleted);
        Assert.Equal(1, sandbox.Requests.Count("GET", LockSettingsPath));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(new ZoomLockSettings(true, false), await call.WaitAsync(RealWait));
        Assert.Equal(2, sandbox.Requests.Count("GET", LockSettingsPath));
    }

    [Fact]
    public async Task ASlowZoom_FailsAsZoomUnavailableWhenTheBudgetIsSpentOnTheFakeClock()
    {
        sandbox.Fake = NeverAnswers;
        var watch = Stopwatch.StartNew();

        var call = sandbox.Zoom.GetLockSettingsAsync(FakeZoom, default);
        await ArrivedAsync("GET", LockSettingsPath, 1);
        clock.Advance(TimeSpan.FromSeconds(15));
        var error = await Assert.ThrowsAsync<ZoomUnavailableException>(() => call.WaitAsync(RealWait));

        Assert.True(error.TimedOut);
        Assert.Equal("Zoom did not answer accounts.lock_settings within 15 s.", error.Message);
        Assert.True(watch.Elapsed < RealWait, $"took {watch.Elapsed} of real time");
    }

    [Fact]
    public async Task AServerErrorOnAGet_IsRetried()
    {
        sandbox.Fake = http => ++calls == 1 ? Status(503) : LockSettings();

        var call = sandbox.Zoom.GetLockSettingsAsync(FakeZoom, default);

        // The back-off is jittered: wait for it to be scheduled, then move the clock well past its longest first delay.
        await clock.WaitScheduledAsync(TimeSpan.FromSeconds(1), RealWait, orShorter: true);
        Assert.Equal(1, sandbox.Requests.Count("GET", LockSettingsPath));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new ZoomLockSettings(true, false), await call.WaitAsync(RealWait));
        Assert.Equal(2, sandbox.Requests.Count("GET", LockSettingsPath));
    }

    [Fact]
    public async Task AServerErrorOnAPost_IsNotRetried()
    {
        sandbox.Fake = _ => Status(503);
        var user = new ZoomUserToCreate("once@tenant-a.example", "Once", "Only", 1);

        var error = await Assert.ThrowsAsync<ZoomApiException>(() => sandbox.Zoom.CreateUserAsync(FakeZoom, user, default).WaitAsync(RealWait));

        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(1, sandbox.Requests.Count("POST", "/fake/users"));
    }

    [Theory]
    [InlineData(429, SmsFailure.Busy)]
    [InlineData(503, SmsFailure.Unavailable)]
    public async Task AnSmsSend_IsNeverRetried(int status, SmsFailure failure)
    {
        sandbox.Fake = http => status == 429 ? RateLimited(http, retryAfterSeconds: 1) : Status(status);
        var sms = sandbox.Services.GetRequiredService<ISmsGateway>();

        var result = await sms.SendAsync(FakeSms, "+15550123", "Your visit link", null, default).WaitAsync(RealWait);
        clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(200);

        Assert.Equal((status, failure, false), (result.HttpStatus, result.Failure, result.Accepted));
        Assert.Equal(1, sandbox.Requests.Count("POST", MessagesPath));
    }

    [Fact]
    public async Task ASlowSmsProvider_IsReportedAsNotAnsweringInTime()
    {
        sandbox.Fake = NeverAnswers;
        var sms = sandbox.Services.GetRequiredService<ISmsGateway>();

        var send = sms.SendAsync(FakeSms, "+15550123", "Your visit link", null, default);
        await ArrivedAsync("POST", MessagesPath, 1);
        clock.Advance(TimeSpan.FromSeconds(15));
        var result = await send.WaitAsync(RealWait);

        Assert.Equal((0, SmsFailure.Unavailable, "the SMS provider did not answer in time"), (result.HttpStatus, result.Failure, result.Message));
        Assert.Equal(1, sandbox.Requests.Count("POST", MessagesPath));
    }

    [Fact]
    public async Task ATelehealthStatusReport_IsNeverRetried_AndATimeoutIsStatusZero()
    {
        var telehealth = sandbox.Services.GetRequiredService<IEpicTelehealthApi>();
        var report = new ConnectionStatusReport("conf-1", "E1", "EXTERNAL", "EpicZoom", "1");
        var path = "/fake" + EpicZoom.Infrastructure.External.Epic.ITelehealthApi.StatusPath;
        sandbox.Fake = _ => Status(503);

        var refused = await telehealth.SetExternalConnectionStatusAsync(FakeTelehealth, report, default).WaitAsync(RealWait);
        sandbox.Fake = NeverAnswers;
        var slow = telehealth.SetExternalConnectionStatusAsync(FakeTelehealth, report, default);
        await ArrivedAsync("GET", path, 2);
        clock.Advance(TimeSpan.FromSeconds(15));
        var timedOut = await slow.WaitAsync(RealWait);

        Assert.Equal(503, refused.StatusCode);
        Assert.Equal((0, "TimeoutException: Epic did not answer telehealth.status within 15 s."), (timedOut.StatusCode, timedOut.Excerpt));
        Assert.Equal(2, sandbox.Requests.Count("GET", path));
    }

    /// <summary>Waits (real time, bounded) until the server has seen <paramref name="count"/> such requests.</summary>
    private async Task ArrivedAsync(string method, string path, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (sandbox.Requests.Count(method, path) < count)
        {
            Assert.True(deadline.Elapsed < RealWait, $"{method} {path} never arrived {count} time(s)");
            await Task.Delay(10);
        }
    }

    private static Task<IResult> RateLimited(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(Results.Json(new { code = 429, message = "Too many requests." }, statusCode: 429));
    }

    private static Task<IResult> LockSettings() =>
        Task.FromResult(Results.Json(new { schedule_meeting = new { join_before_host = true }, meeting_security = new { waiting_room = false } }));

    private static Task<IResult> Status(int status) => Task.FromResult(Results.Json(new { code = status, message = "Unavailable." }, statusCode: status));

    private static async Task<IResult> NeverAnswers(HttpContext http)
    {
        await Task.Delay(Timeout.Infinite, http.RequestAborted);
        return Results.Ok();
    }
}
