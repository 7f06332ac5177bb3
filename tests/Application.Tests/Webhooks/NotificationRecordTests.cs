using EpicZoom.Domain.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Application.Tests.Webhooks;

/// <summary>The outbox row's rules, through its public API only: deliver on 200, retry within 24 h, fail visibly, replay, keep every attempt.</summary>
public sealed class NotificationRecordTests
{
    private static readonly DateTime Created = new(2026, 11, 23, 8, 30, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Took = TimeSpan.FromMilliseconds(120);

    [Fact]
    public void For_IsPendingDueNowWithNoAttempts()
    {
        var record = NewRecord();

        Assert.Equal(NotificationStatus.Pending, record.Status);
        Assert.Equal(Created, record.NextAttemptAtUtc);
        Assert.Equal(Created, record.CreatedAtUtc);
        Assert.Equal(0, record.AttemptCount);
        Assert.Empty(record.Attempts);
        Assert.Null(record.LastRespCode);
        Assert.Null(record.DeliveredAtUtc);
        Assert.Equal(("CSN-1", "E-PROV", "2", "1", 1L, NotificationKind.Connected, ParticipantRole.Provider),
            (record.Csn, record.ExternalId, record.ExternalIdType, record.StatusCode, record.Sequence, record.Kind, record.ParticipantRole));
    }

    [Theory]
    [InlineData("", "2")]
    [InlineData("1", "")]
    public void For_WithoutEpicCodes_IsRefused(string statusCode, string idType)
    {
        var (visit, participant) = Visit();
        var ex = Assert.Throws<DomainRuleViolationException>(() =>
            NotificationRecord.For(visit, participant, NotificationKind.Connected, idType, statusCode, Created, 1, Created));
        Assert.Equal("StatusCodesKnown", ex.Rule);
    }

    [Fact]
    public void RecordAttempt_200_Delivers()
    {
        var record = NewRecord();
        var at = Created.AddSeconds(1);

        record.RecordAttempt(200, Took, "", at, Delay);

        Assert.Equal(NotificationStatus.Delivered, record.Status);
        Assert.Equal(at, record.DeliveredAtUtc);
        Assert.Equal((1, 200, at), (record.AttemptCount, record.LastRespCode, record.LastAttemptAtUtc));
        var attempt = Assert.Single(record.Attempts);
        Assert.Equal((record.Id, 1, 200, 120, at), (attempt.NotificationRecordId, attempt.Number, attempt.RespCode, attempt.DurationMs, attempt.AttemptedAtUtc));
    }

    [Theory]
    [InlineData(0, "TimeoutException: Epic did not answer telehealth.status within 15 s.")]
    [InlineData(201, "")]
    [InlineData(204, "")]
    [InlineData(400, "{\"error\":\"invalid_request\"}")]
    [InlineData(401, "unauthorized")]
    [InlineData(500, "Internal Server Error")]
    [InlineData(503, "")]
    public void RecordAttempt_AnythingBut200_StaysPendingAndIsDueAfterTheDelay(int respCode, string excerpt)
    {
        var record = NewRecord();
        var at = Created.AddSeconds(2);

        record.RecordAttempt(respCode, Took, excerpt, at, Delay);

        Assert.Equal(NotificationStatus.Pending, record.Status);
        Assert.Equal(at + Delay, record.NextAttemptAtUtc);
        Assert.Null(record.DeliveredAtUtc);
        Assert.Equal((1, respCode, at), (record.AttemptCount, record.LastRespCode, record.LastAttemptAtUtc));
        var attempt = Assert.Single(record.Attempts);
        Assert.Equal((1, respCode, excerpt), (attempt.Number, attempt.RespCode, attempt.ResponseExcerpt));
    }

    [Fact]
    public void RecordAttempt_ClipsTheExcerpt()
    {
        var record = NewRecord();

        record.RecordAttempt(500, Took, new string('x', 1000), Created, Delay);

        Assert.Equal(NotificationRecord.MaxExcerptLength, Assert.Single(record.Attempts).ResponseExcerpt.Length);
    }

    [Fact]
    public void RecordAttempt_WhenTheNextTryWouldFallOutsideTheRetryWindow_Fails()
    {
        var record = NewRecord();
        record.RecordAttempt(500, Took, "down", Created.AddHours(23), TimeSpan.FromMinutes(30));
        Assert.Equal(NotificationStatus.Pending, record.Status); // 23:30 is still inside the window

        var at = Created.AddHours(23).AddMinutes(45);
        record.RecordAttempt(503, Took, "still down", at, TimeSpan.FromMinutes(30));

        Assert.Equal(NotificationStatus.Failed, record.Status);
        Assert.Equal((2, 503, at), (record.AttemptCount, record.LastRespCode, record.LastAttemptAtUtc));
        Assert.Null(record.DeliveredAtUtc);
        Assert.Equal([1, 2], record.Attempts.Select(a => a.Number));
    }

    [Fact]
    public void RecordAttempt_WhoseRetryLandsExactlyOnTheEndOfTheWindow_StaysPending()
    {
        var record = NewRecord();

        record.RecordAttempt(500, Took, "", Created + NotificationRecord.DefaultRetryWindow - Delay, Delay);

        Assert.Equal(NotificationStatus.Pending, record.Status);
        Assert.Equal(Created + NotificationRecord.DefaultRetryWindow, record.NextAttemptAtUtc);
    }

    [Fact]
    public void RecordAttempt_WithAShortConfiguredWindow_FailsOnceThatWindowIsOver()
    {
        var record = NewRecord();
        var window = TimeSpan.FromMinutes(2);

        record.RecordAttempt(500, Took, "down", Created.AddSeconds(30), TimeSpan.FromSeconds(20), window);
        Assert.Equal(NotificationStatus.Pending, record.Status);
        record.RecordAttempt(500, Took, "down", Created.AddSeconds(90), TimeSpan.FromSeconds(40), window);

        Assert.Equal(NotificationStatus.Failed, record.Status);
        Assert.Equal(Created + window, record.RetryWindowEndsAt(window));
    }

    [Fact]
    public void RecordAttempt_WithAWindowOfZero_IsRefused()
    {
        var record = NewRecord();

        Assert.Throws<DomainRuleViolationException>(() => record.RecordAttempt(500, Took, "", Created, Delay, TimeSpan.Zero));
        Assert.Empty(record.Attempts);
    }

    [Fact]
    public void RecordAttempt_After24Hours_FailsEvenWithAShortDelay()
    {
        var record = NewRecord();

        record.RecordAttempt(0, Took, "no answer", Created.AddHours(25), TimeSpan.FromSeconds(1));

        Assert.Equal(NotificationStatus.Failed, record.Status);
        Assert.Single(record.Attempts);
    }

    [Fact]
    public void RecordAttempt_AlsoClearsTheLease()
    {
        var record = NewRecord();

        record.RecordAttempt(500, Took, "", Created, Delay);

        Assert.Null(record.LeaseOwner);
        Assert.Null(record.LeaseExpiresAtUtc);
    }

    [Fact]
    public void RecordAttempt_OnADeliveredRecord_Throws_AndChangesNothing()
    {
        var record = NewRecord();
        record.RecordAttempt(200, Took, "", Created, Delay);

        var ex = Assert.Throws<DomainRuleViolationException>(() => record.RecordAttempt(200, Took, "", Created.AddSeconds(1), Delay));

        Assert.Equal("OnlyPendingRecordsAreSent", ex.Rule);
        Assert.Equal((NotificationStatus.Delivered, 1), (record.Status, record.AttemptCount));
        Assert.Single(record.Attempts);
    }

    [Fact]
    public void RecordAttempt_OnAFailedRecord_Throws()
    {
        var record = FailedRecord();

        var ex = Assert.Throws<DomainRuleViolationException>(() => record.RecordAttempt(200, Took, "", Created.AddHours(26), Delay));

        Assert.Equal("OnlyPendingRecordsAreSent", ex.Rule);
        Assert.Equal(NotificationStatus.Failed, record.Status);
    }

    [Fact]
    public void Attempts_AreKeptAndNumberedInOrder_NeverRemoved()
    {
        var record = NewRecord();
        var at = Created;
        foreach (var code in new[] { 500, 0, 502, 401 })
        {
            record.RecordAttempt(code, Took, $"code {code}", at, Delay);
            at = record.NextAttemptAtUtc;
        }
        record.RecordAttempt(200, Took, "", at, Delay);

        Assert.Equal(NotificationStatus.Delivered, record.Status);
        Assert.Equal(5, record.AttemptCount);
        Assert.Equal([1, 2, 3, 4, 5], record.Attempts.Select(a => a.Number));
        Assert.Equal([500, 0, 502, 401, 200], record.Attempts.Select(a => a.RespCode));
        Assert.Equal(5, record.Attempts.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Replay_OfAFailedRecord_MakesItPendingAndDueNow_WithAFreshWindow_KeepingItsAttempts()
    {
        var record = FailedRecord();
        var before = record.Attempts.ToList();
        var replayedAt = Created.AddHours(30);

        record.Replay(replayedAt);

        Assert.Equal(NotificationStatus.Pending, record.Status);
        Assert.Equal(replayedAt, record.NextAttemptAtUtc);
        Assert.Equal(before, record.Attempts);
        Assert.Equal(before.Count, record.AttemptCount);
        // When it was first written stays what it was; the replay has a time of its own, where the new window starts.
        Assert.Equal(Created, record.CreatedAtUtc);
        Assert.Equal(replayedAt, record.ReplayedAtUtc);
        Assert.Equal(replayedAt + NotificationRecord.DefaultRetryWindow, record.RetryWindowEndsAt(NotificationRecord.DefaultRetryWindow));

        // A fresh window: a failure right after the replay is retried, not failed at once.
        record.RecordAttempt(500, Took, "", replayedAt, Delay);
        Assert.Equal(NotificationStatus.Pending, record.Status);
        record.RecordAttempt(200, Took, "", replayedAt + Delay, Delay);
        Assert.Equal(NotificationStatus.Delivered, record.Status);
        Assert.Equal(Enumerable.Range(1, before.Count + 2), record.Attempts.Select(a => a.Number));
    }

    [Fact]
    public void ForDeviceTest_CarriesItsBodyAndOutcome_AndIsSentLikeAnyRecord()
    {
        var (visit, participant) = Visit();

        var record = NotificationRecord.ForDeviceTest(visit, participant, "2", passed: false, "{\"Result\":\"Failed\"}", Created.AddSeconds(-1), 4, Created);

        Assert.Equal((NotificationKind.DeviceTest, "Failed", "{\"Result\":\"Failed\"}", 4L, NotificationStatus.Pending),
            (record.Kind, record.StatusCode, record.Payload, record.Sequence, record.Status));
        record.RecordAttempt(200, Took, "", Created, Delay);
        Assert.Equal(NotificationStatus.Delivered, record.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void ForDeviceTest_WithoutABody_IsRefused(string? payload)
    {
        var (visit, participant) = Visit();
        var ex = Assert.Throws<DomainRuleViolationException>(() =>
            NotificationRecord.ForDeviceTest(visit, participant, "2", true, payload!, Created, 1, Created));
        Assert.Equal("PayloadBounded", ex.Rule);
    }

    [Fact]
    public void ForDeviceTest_WithAnOversizedBody_IsRefused()
    {
        var (visit, participant) = Visit();
        var ex = Assert.Throws<DomainRuleViolationException>(() =>
            NotificationRecord.ForDeviceTest(visit, participant, "2", true, new string('x', NotificationRecord.MaxPayloadLength + 1), Created, 1, Created));
        Assert.Equal("PayloadBounded", ex.Rule);
    }

    [Fact]
    public void Replay_OfAPendingRecord_Throws()
    {
        var record = NewRecord();
        record.RecordAttempt(500, Took, "", Created, Delay);

        var ex = Assert.Throws<DomainRuleViolationException>(() => record.Replay(Created.AddMinutes(1)));

        Assert.Equal("ReplayFailedOnly", ex.Rule);
        Assert.Equal(Created + Delay, record.NextAttemptAtUtc);
    }

    [Fact]
    public void Replay_OfADeliveredRecord_Throws()
    {
        var record = NewRecord();
        record.RecordAttempt(200, Took, "", Created, Delay);

        var ex = Assert.Throws<DomainRuleViolationException>(() => record.Replay(Created.AddMinutes(1)));

        Assert.Equal("ReplayFailedOnly", ex.Rule);
        Assert.Equal(NotificationStatus.Delivered, record.Status);
    }

    private static NotificationRecord FailedRecord()
    {
        var record = NewRecord();
        record.RecordAttempt(500, Took, "first", Created, Delay);
        record.RecordAttempt(0, Took, "second", Created.AddHours(25), Delay);
        Assert.Equal(NotificationStatus.Failed, record.Status);
        return record;
    }

    private static NotificationRecord NewRecord()
    {
        var (visit, participant) = Visit();
        return NotificationRecord.For(visit, participant, NotificationKind.Connected, "2", "1", Created.AddSeconds(-3), 1, Created);
    }

    private static (VideoVisit Visit, VisitParticipant Participant) Visit()
    {
        var visit = VideoVisit.Open(new TenantId(Guid.NewGuid()), "CSN-1", Created);
        visit.AttachMeeting(81234567890, "uuid==", "zoom-host", "E-PROV", "enc:join", null, null, Created);
        return (visit, visit.Enlist("E-PROV", ParticipantRole.Provider, "zoom-host", isHost: true, Created));
    }
}
