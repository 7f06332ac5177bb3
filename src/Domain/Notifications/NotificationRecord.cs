using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.Notifications;

public enum NotificationKind
{
    Connected,
    Disconnected,

    /// <summary>A device-test result (camera, microphone, speaker), sent to the tenant's device-test path as JSON.</summary>
    DeviceTest,
}

public enum NotificationStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>
/// One report to Epic that a person connected or disconnected (the green light), or a device-test result: the outbox
/// row, written with the state change it reports and delivered by the dispatcher. Every attempt is kept; a record is
/// never deleted.
/// </summary>
public sealed class NotificationRecord
{
    /// <summary>How long a report is retried before it fails, unless the host configures another window (Notifications:RetryWindow).</summary>
    public static readonly TimeSpan DefaultRetryWindow = TimeSpan.FromHours(24);
    public const int MaxExcerptLength = 300;
    public const int MaxPayloadLength = 2000;

    private readonly List<NotificationAttempt> attempts = [];

    private NotificationRecord()
    {
        Csn = "";
        ExternalId = "";
        ExternalIdType = "";
        StatusCode = "";
    }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public VisitId VisitId { get; private set; }
    public string Csn { get; private set; }
    public long? ZoomMeetingId { get; private set; }
    public Guid ParticipantId { get; private set; }
    public ParticipantRole ParticipantRole { get; private set; }
    public string ExternalId { get; private set; }
    public string ExternalIdType { get; private set; }
    public NotificationKind Kind { get; private set; }
    public string StatusCode { get; private set; }

    /// <summary>When the person entered or left the meeting (Zoom's time).</summary>
    public DateTime OccurredAtUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When an admin last replayed the record; its retry window starts then instead of at creation.</summary>
    public DateTime? ReplayedAtUtc { get; private set; }

    /// <summary>The JSON body sent to Epic for a device-test result; null for connection reports (sent as a query).</summary>
    public string? Payload { get; private set; }

    /// <summary>
    /// Numbers a participant's records (unique per participant). Connection reports go strictly in this order: the
    /// dispatcher sends one only after every earlier connection report is settled. Device-test results wait for nothing.
    /// </summary>
    public long Sequence { get; private set; }

    public NotificationStatus Status { get; private set; }
    public int AttemptCount { get; private set; }
    public int? LastRespCode { get; private set; }
    public DateTime? LastAttemptAtUtc { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public DateTime? DeliveredAtUtc { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseExpiresAtUtc { get; private set; }

    /// <summary>The W3C traceparent of the webhook processing that wrote the record, so its dispatch links back to it (no data).</summary>
    public string? TraceParent { get; private set; }

    public IReadOnlyList<NotificationAttempt> Attempts => attempts;

    public static NotificationRecord For(VideoVisit visit, VisitParticipant participant, NotificationKind kind, string externalIdType,
        string statusCode, DateTime occurredAtUtc, long sequence, DateTime nowUtc)
    {
        if (string.IsNullOrEmpty(statusCode) || string.IsNullOrEmpty(externalIdType))
            throw new DomainRuleViolationException("StatusCodesKnown", "A status report needs Epic's status and id-type codes.");
        return new NotificationRecord
        {
            Id = Guid.NewGuid(),
            TenantId = visit.TenantId,
            VisitId = visit.Id,
            Csn = visit.Csn,
            ZoomMeetingId = visit.ZoomMeetingId,
            ParticipantId = participant.Id,
            ParticipantRole = participant.Role,
            ExternalId = participant.EpicId,
            ExternalIdType = externalIdType,
            Kind = kind,
            StatusCode = statusCode,
            OccurredAtUtc = occurredAtUtc,
            CreatedAtUtc = nowUtc,
            Sequence = sequence,
            Status = NotificationStatus.Pending,
            NextAttemptAtUtc = nowUtc,
        };
    }

    /// <summary>A device-test result to report with the visit's CSN; the payload is the JSON body Epic receives.</summary>
    public static NotificationRecord ForDeviceTest(VideoVisit visit, VisitParticipant participant, string externalIdType, bool passed,
        string payload, DateTime testedAtUtc, long sequence, DateTime nowUtc)
    {
        if (string.IsNullOrEmpty(externalIdType))
            throw new DomainRuleViolationException("StatusCodesKnown", "A device-test report needs Epic's id-type code.");
        if (string.IsNullOrEmpty(payload) || payload.Length > MaxPayloadLength)
            throw new DomainRuleViolationException("PayloadBounded", $"A device-test report needs a body of at most {MaxPayloadLength} characters.");
        var record = For(visit, participant, NotificationKind.DeviceTest, externalIdType, passed ? "Passed" : "Failed", testedAtUtc, sequence, nowUtc);
        record.Payload = payload;
        return record;
    }

    /// <summary>Remembers the trace that wrote the record (a W3C traceparent; anything longer or empty is ignored).</summary>
    public void TraceFrom(string? traceParent) =>
        TraceParent = traceParent is { Length: > 0 and <= Webhooks.ZoomWebhookEvent.MaxTraceParentLength } ? traceParent : null;

    /// <summary>When a retry window of <paramref name="window"/> ends: it starts at creation, or at the last replay.</summary>
    public DateTime RetryWindowEndsAt(TimeSpan window) => (ReplayedAtUtc ?? CreatedAtUtc) + window;

    /// <summary>
    /// Records one delivery attempt; 200 delivers, anything else schedules a retry within the retry window
    /// (<paramref name="retryWindow"/>, else <see cref="DefaultRetryWindow"/>) or fails the record.
    /// </summary>
    public void RecordAttempt(int respCode, TimeSpan duration, string excerpt, DateTime nowUtc, TimeSpan retryDelay, TimeSpan? retryWindow = null)
    {
        var window = retryWindow ?? DefaultRetryWindow;
        if (window <= TimeSpan.Zero)
            throw new DomainRuleViolationException("RetryWindowPositive", "A retry window must be longer than zero.");
        if (Status != NotificationStatus.Pending)
            throw new DomainRuleViolationException("OnlyPendingRecordsAreSent", $"A {Status} record is not sent again; replay it first.");
        attempts.Add(NotificationAttempt.Of(Id, AttemptCount + 1, respCode, duration, excerpt, nowUtc));
        AttemptCount++;
        LastRespCode = respCode;
        LastAttemptAtUtc = nowUtc;
        LeaseOwner = null;
        LeaseExpiresAtUtc = null;
        if (respCode == 200)
        {
            Status = NotificationStatus.Delivered;
            DeliveredAtUtc = nowUtc;
        }
        else if (nowUtc + retryDelay > RetryWindowEndsAt(window))
        {
            // The next try would fall outside the retry window: give up, visibly, and keep the record.
            Status = NotificationStatus.Failed;
        }
        else
        {
            NextAttemptAtUtc = nowUtc + retryDelay;
        }
    }

    /// <summary>
    /// The dispatcher took the record but did not send it (its tenant's Epic went down in the same batch, or the batch
    /// ran out of time): the lease is given back and nothing else changes, as no attempt was made.
    /// </summary>
    public void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseExpiresAtUtc = null;
    }

    /// <summary>
    /// Epic is answering again after an outage: a record waiting out its backoff from that outage is due at once,
    /// instead of up to half an hour later. Only a pending record waits.
    /// </summary>
    public void RetryNow(DateTime nowUtc)
    {
        if (Status != NotificationStatus.Pending)
            throw new DomainRuleViolationException("OnlyPendingRecordsAreSent", $"A {Status} record is not sent again; replay it first.");
        if (NextAttemptAtUtc > nowUtc) NextAttemptAtUtc = nowUtc;
    }

    /// <summary>An admin sends a failed record again: it gets a fresh retry window; its history and creation time stay.</summary>
    public void Replay(DateTime nowUtc)
    {
        if (Status != NotificationStatus.Failed)
            throw new DomainRuleViolationException("ReplayFailedOnly", "Only a failed record can be replayed.");
        Status = NotificationStatus.Pending;
        ReplayedAtUtc = nowUtc;
        NextAttemptAtUtc = nowUtc;
    }
}

public sealed class NotificationAttempt
{
    private NotificationAttempt()
    {
        ResponseExcerpt = "";
    }

    public Guid Id { get; private set; }
    public Guid NotificationRecordId { get; private set; }
    public int Number { get; private set; }
    public int RespCode { get; private set; }
    public int DurationMs { get; private set; }
    public string ResponseExcerpt { get; private set; }
    public DateTime AttemptedAtUtc { get; private set; }

    internal static NotificationAttempt Of(Guid recordId, int number, int respCode, TimeSpan duration, string excerpt, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(),
        NotificationRecordId = recordId,
        Number = number,
        RespCode = respCode,
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds),
        ResponseExcerpt = SafeText.Clip(excerpt, NotificationRecord.MaxExcerptLength),
        AttemptedAtUtc = nowUtc,
    };
}
