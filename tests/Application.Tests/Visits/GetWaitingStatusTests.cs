using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Application.Visits.GetWaitingStatus;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using EpicZoom.TestSupport;
using NSubstitute;

namespace EpicZoom.Application.Tests.Visits;

/// <summary>
/// The waiting page's status over a real SQLite database, a substituted Zoom and the fake clock: the long-poll's
/// wake-up and timeout, one Zoom check shared by every waiting patient of a visit, one ZAK per patient.
/// </summary>
public sealed class GetWaitingStatusTests : IDisposable
{
    private const string JoinUrl = "https://zoom.example/j/4242?pwd=secret";
    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(10);
    // Two Zoom checks a second per tenant: more than any test but the budget's own needs.
    private readonly TestApp app = new(waitingRoom: new WaitingRoomSettings(ZoomChecksPerSecond: 2));

    [Fact]
    public async Task ALongPoll_AnswersStillWaiting_OnceItsWaitIsOver()
    {
        var (_, passes) = await VisitAsync(patients: 1, zoomStatus: "waiting");

        var poll = app.Send(new GetWaitingStatusQuery(passes[0], TimeSpan.FromSeconds(7)));
        // Zoom is asked every MinInterval while the patient waits: 3 s, 3 s, then the last 1 s of the wait.
        foreach (var step in new[] { 3, 3, 1 })
        {
            Assert.False(poll.IsCompleted);
            await app.Clock.WaitScheduledAsync(TimeSpan.FromSeconds(step), RealWait);
            app.Clock.Advance(TimeSpan.FromSeconds(step));
        }

        var status = await poll.WaitAsync(RealWait);
        Assert.Equal(new WaitingStatusDto(false, null), status);
        await app.Zoom.DidNotReceiveWithAnyArgs().GetZakAsync(default!, default!, default);
    }

    [Fact]
    public async Task ALongPoll_IsWokenByTheCommitThatMarksTheHostJoined_AndNeedsNoZoomCheckAfterwards()
    {
        var (visitId, passes) = await VisitAsync(patients: 1, zoomStatus: "waiting");
        var poll = app.Send(new GetWaitingStatusQuery(passes[0], GetWaitingStatusQuery.MaxWait));
        await app.Clock.WaitScheduledAsync(MeetingStatusChecks.MinInterval, RealWait);
        await ZoomCheckedAsync();

        // What webhook processing does when the host's participant_joined arrives: a tracked change and a commit.
        await app.InScope(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            var visit = await db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Id == visitId);
            visit.MarkHostJoined(app.Clock.UtcNow);
            return await db.SaveChangesAsync(CancellationToken.None);
        });

        var status = await poll.WaitAsync(RealWait);
        Assert.True(status.HostIsIn);
        Assert.Equal(JoinUrl + "&zak=zak-for-zoom-patient-0", status.JoinUrl);
        // Asked once, when the wait began; the host being in needs no further check.
        await app.Zoom.ReceivedWithAnyArgs(1).GetMeetingAsync(default!, default, default);
        Assert.True((await app.Send(new GetWaitingStatusQuery(passes[0]))).HostIsIn);
        await app.Zoom.ReceivedWithAnyArgs(1).GetMeetingAsync(default!, default, default);
    }

    [Fact]
    public async Task ALongPoll_LearnsOfAHostJoinCommittedByAnotherInstance_AtTheNextSharedCheck()
    {
        var (visitId, passes) = await VisitAsync(patients: 1, zoomStatus: "waiting");
        var poll = app.Send(new GetWaitingStatusQuery(passes[0], GetWaitingStatusQuery.MaxWait));
        await app.Clock.WaitScheduledAsync(MeetingStatusChecks.MinInterval, RealWait);
        await ZoomCheckedAsync();
        await FirstCheckDoneAsync(visitId);

        // Another instance processed the host's webhook: its commit woke only its own waiters.
        await HostJoinsOnAnotherInstanceAsync(visitId, attachMeeting: false);
        Assert.False(poll.IsCompleted);
        app.Clock.Advance(MeetingStatusChecks.MinInterval);

        var status = await poll.WaitAsync(RealWait);
        Assert.True(status.HostIsIn);
        // The check that saw the join in the database did not ask Zoom again.
        await app.Zoom.ReceivedWithAnyArgs(1).GetMeetingAsync(default!, default, default);
    }

    [Fact]
    public async Task ALongPollBeforeTheMeetingExists_LearnsOfTheHostFromAnotherInstance_AtTheNextSharedCheck()
    {
        var (visitId, passes) = await VisitAsync(patients: 1, zoomStatus: "waiting", withMeeting: false);
        var poll = app.Send(new GetWaitingStatusQuery(passes[0], GetWaitingStatusQuery.MaxWait));
        await app.Clock.WaitScheduledAsync(MeetingStatusChecks.MinInterval, RealWait);
        await FirstCheckDoneAsync(visitId);

        await HostJoinsOnAnotherInstanceAsync(visitId, attachMeeting: true);
        app.Clock.Advance(MeetingStatusChecks.MinInterval);

        var status = await poll.WaitAsync(RealWait);
        Assert.True(status.HostIsIn);
        Assert.Equal(JoinUrl + "&zak=zak-for-zoom-patient-0", status.JoinUrl);
        await app.Zoom.DidNotReceiveWithAnyArgs().GetMeetingAsync(default!, default, default);
    }

    [Fact]
    public async Task ManyPatientsOfOneVisit_ShareOneZoomCheck_AndEachGetsALinkFromOneZakCall()
    {
        var meeting = new TaskCompletionSource<ZoomMeeting?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (_, passes) = await VisitAsync(patients: 12, zoomStatus: null);
        app.Zoom.GetMeetingAsync(default!, default, default).ReturnsForAnyArgs(_ => meeting.Task);

        var polls = passes.Select(pass => app.Send(new GetWaitingStatusQuery(pass))).ToList();
        await ZoomCheckedAsync();
        meeting.SetResult(Meeting("started"));
        var first = await Task.WhenAll(polls).WaitAsync(RealWait);

        Assert.All(first, s => Assert.True(s.HostIsIn));
        Assert.Equal(passes.Count, first.Select(s => s.JoinUrl).Distinct().Count());
        var again = await Task.WhenAll(passes.Select(pass => app.Send(new GetWaitingStatusQuery(pass))));
        Assert.Equal(first.Select(s => s.JoinUrl), again.Select(s => s.JoinUrl));

        await app.Zoom.ReceivedWithAnyArgs(1).GetMeetingAsync(default!, default, default);
        // One ZAK per patient for both rounds of polls.
        for (var i = 0; i < passes.Count; i++) await app.Zoom.Received(1).GetZakAsync(Arg.Any<ZoomConnection>(), $"zoom-patient-{i}", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AnEndedVisit_OrAPassForAnotherPurpose_IsLinkInvalidOrExpired()
    {
        var (visitId, passes) = await VisitAsync(patients: 1, zoomStatus: "waiting");
        var waitingPass = app.Passes.Read(passes[0])!;
        app.Passes.Read("device-test-pass").Returns(waitingPass with { Purpose = VisitPass.DeviceTest });
        var wrongPurpose = await Assert.ThrowsAsync<AppException>(() => app.Send(new GetWaitingStatusQuery("device-test-pass")));
        Assert.Equal(LaunchErrors.LinkInvalidOrExpired.Code, wrongPurpose.Code);

        var poll = app.Send(new GetWaitingStatusQuery(passes[0], GetWaitingStatusQuery.MaxWait));
        await app.Clock.WaitScheduledAsync(MeetingStatusChecks.MinInterval, RealWait);
        await app.InScope(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            var visit = await db.VideoVisits.SingleAsync(v => v.Id == visitId);
            visit.End(app.Clock.UtcNow);
            return await db.SaveChangesAsync(CancellationToken.None);
        });

        var ended = await Assert.ThrowsAsync<AppException>(() => poll.WaitAsync(RealWait));
        Assert.Equal(LaunchErrors.LinkInvalidOrExpired.Code, ended.Code);
    }

    [Fact]
    public async Task ManyWaitingVisitsOfATenant_ShareItsZoomBudget_AndTheDeferredOnesStillAnswer()
    {
        var tenant = await app.CreateTenant(Inputs.Valid().WithSecrets());
        var visits = new List<string>();
        for (var i = 0; i < 5; i++) visits.Add((await VisitAsync(patients: 1, zoomStatus: "waiting", tenantId: tenant.Id, passPrefix: $"v{i}-")).Passes[0]);

        // Five visits due at once: the budget (2 a second, 2 at once) lets two ask Zoom; the others answer "still waiting".
        var first = await Task.WhenAll(visits.Select(pass => app.Send(new GetWaitingStatusQuery(pass))));
        Assert.All(first, s => Assert.Equal(new WaitingStatusDto(false, null), s));
        Assert.Equal(2, ZoomChecks());
        Assert.Equal(3, await app.InScope(sp => Task.FromResult(sp.GetRequiredService<ZoomCheckBudget>().Deferred)));

        // At the next check (the budget refilled meanwhile) two more may ask; another tenant's visit has its own budget.
        app.Clock.Advance(MeetingStatusChecks.MinInterval);
        await Task.WhenAll(visits.Skip(2).Select(pass => app.Send(new GetWaitingStatusQuery(pass))));
        Assert.Equal(4, ZoomChecks());
        var otherTenant = await app.CreateTenant(Inputs.Valid("other-health", "Other Health").WithSecrets());
        var (_, other) = await VisitAsync(patients: 1, zoomStatus: "waiting", tenantId: otherTenant.Id, passPrefix: "other-");
        await app.Send(new GetWaitingStatusQuery(other[0]));
        Assert.Equal(5, ZoomChecks());
    }

    [Fact]
    public async Task ZoomsRateLimit_EmptiesTheBudget_UntilItRefills()
    {
        var tenant = await app.CreateTenant(Inputs.Valid().WithSecrets());
        var (_, a) = await VisitAsync(patients: 1, zoomStatus: null, tenantId: tenant.Id, passPrefix: "a-");
        var (_, b) = await VisitAsync(patients: 1, zoomStatus: null, tenantId: tenant.Id, passPrefix: "b-");
        var limited429 = true;
        app.Zoom.GetMeetingAsync(default!, default, default).ReturnsForAnyArgs(_ =>
            limited429 ? throw new ZoomApiException(429, 429, "Too many requests") : Meeting("started"));

        var limited = await Assert.ThrowsAsync<AppException>(() => app.Send(new GetWaitingStatusQuery(a[0])));
        Assert.Equal(LaunchErrors.ZoomRequestFailed.Code, limited.Code);
        // The budget had room for one more, but Zoom said 429: the other visit does not ask.
        Assert.Equal(new WaitingStatusDto(false, null), await app.Send(new GetWaitingStatusQuery(b[0])));
        Assert.Equal(1, ZoomChecks());

        limited429 = false;
        app.Clock.Advance(MeetingStatusChecks.MinInterval);
        Assert.True((await app.Send(new GetWaitingStatusQuery(b[0]))).HostIsIn);
        Assert.Equal(2, ZoomChecks());
    }

    private int ZoomChecks() => app.Zoom.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IZoomApi.GetMeetingAsync));

    /// <summary>A visit with its meeting and <paramref name="patients"/> waiting patients, each with a pass and a Zoom user.</summary>
    private async Task<(VisitId VisitId, List<string> Passes)> VisitAsync(int patients, string? zoomStatus, bool withMeeting = true,
        Guid? tenantId = null, string passPrefix = "")
    {
        var tenant = tenantId ?? (await app.CreateTenant(Inputs.Valid().WithSecrets())).Id;
        app.Protector.Unprotect("enc-join").Returns(JoinUrl);
        if (zoomStatus is not null) app.Zoom.GetMeetingAsync(default!, default, default).ReturnsForAnyArgs(Meeting(zoomStatus));
        app.Zoom.GetZakAsync(Arg.Any<ZoomConnection>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => "zak-for-" + call.ArgAt<string>(1));

        await using var db = app.Db.NewContext();
        var now = app.Clock.UtcNow;
        var visit = VideoVisit.Open(new TenantId(tenant), "CSN-" + Guid.NewGuid().ToString("N")[..8], now);
        visit.Enlist("eDoc", ParticipantRole.Provider, "zoom-host", isHost: true, now);
        if (withMeeting) visit.AttachMeeting(4242, "uuid", "zoom-host", "eDoc", "enc-join", null, null, now);
        var passes = new List<string>();
        for (var i = 0; i < patients; i++)
        {
            var patient = visit.Enlist($"ePatient{i}", ParticipantRole.Patient, $"zoom-patient-{i}", isHost: false, now);
            var pass = $"{passPrefix}pass-{i}";
            app.Passes.Read(pass).Returns(new VisitPass(visit.Id.Value, patient.Id, VisitPass.WaitingRoom));
            passes.Add(pass);
        }
        db.VideoVisits.Add(visit);
        await db.SaveChangesAsync();
        return (visit.Id, passes);
    }

    /// <summary>
    /// The commit another instance makes: through a context without this app's interceptor, so no wake-up is published
    /// here (as none crosses processes).
    /// </summary>
    private async Task HostJoinsOnAnotherInstanceAsync(VisitId visitId, bool attachMeeting)
    {
        await using var db = app.Db.NewContext();
        var visit = await db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Id == visitId);
        if (attachMeeting) visit.AttachMeeting(4242, "uuid", "zoom-host", "eDoc", "enc-join", null, null, app.Clock.UtcNow);
        visit.MarkHostJoined(app.Clock.UtcNow);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Waits for the check the poll started when its wait began (shared, not a new one: the clock has not moved). Under
    /// load that check's read can still be in flight when the test changes the database and advances the clock; the
    /// poll's next round would then share its stale outcome and wait another interval the test never gives it.
    /// </summary>
    private Task FirstCheckDoneAsync(VisitId visitId) =>
        app.InScope(sp => sp.GetRequiredService<MeetingStatusChecks>().AskIfDueAsync(visitId)).WaitAsync(RealWait);

    private Task<int> ZoomCheckedAsync() =>
        Eventually.HoldsAsync(() => Task.FromResult(app.Zoom.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IZoomApi.GetMeetingAsync))),
            calls => calls > 0, "the Zoom check to start", timeout: RealWait, interval: TimeSpan.FromMilliseconds(10));

    private static ZoomMeeting Meeting(string status) =>
        new(4242, "uuid", "zoom-host", "Video visit", status, "https://zoom.example/s/4242", JoinUrl, null,
            new ZoomMeetingSettings(false, false, true, true, false));

    public void Dispose() => app.Dispose();
}
