using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.Sms;

public enum SmsStatus
{
    /// <summary>Written before the provider is called: a crash mid-call leaves a visible row, not nothing.</summary>
    Sending,
    Queued,
    Sent,
    Delivered,
    Undelivered,

    /// <summary>The provider refused it or could not be reached; the provider may resend.</summary>
    Failed,

    /// <summary>EpicZoom did not send it: the number opted out, or a rate limit was reached.</summary>
    Refused,
}

/// <summary>
/// One text to a patient with their visit link. The number is kept three ways: masked (shown), keyed hash (opt-outs and
/// rate limits match on it) and encrypted (a resend needs it); the message body is not kept, since it holds the link.
/// </summary>
public sealed class SmsMessage
{
    public const int MaxDetailLength = 300;

    private SmsMessage()
    {
        ToMasked = "";
        ToHash = "";
        ToProtected = "";
        SentBy = "";
        LinkId = "";
    }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public VisitId VisitId { get; private set; }
    public string LinkId { get; private set; }
    public string ToMasked { get; private set; }
    public string ToHash { get; private set; }
    public string ToProtected { get; private set; }

    /// <summary>The Epic id of the clinician who sent it.</summary>
    public string SentBy { get; private set; }
    public SmsStatus Status { get; private set; }
    public string? ProviderMessageId { get; private set; }

    /// <summary>The provider's HTTP status for the send (0 when it could not be reached).</summary>
    public int? HttpStatus { get; private set; }
    public int? ErrorCode { get; private set; }

    /// <summary>What the provider said, or why EpicZoom refused: short, never the number (numbers in it are masked) or the link.</summary>
    public string? Detail { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public bool CountsTowardsLimits => Status != SmsStatus.Refused;

    public static SmsMessage Start(TenantId tenantId, VisitId visitId, string linkId, PhoneNumber to, string toHash, string toProtected,
        string sentBy, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), TenantId = tenantId, VisitId = visitId, LinkId = linkId, ToMasked = to.Masked, ToHash = toHash,
        ToProtected = toProtected, SentBy = sentBy, Status = SmsStatus.Sending, CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc,
    };

    public static SmsMessage Refuse(TenantId tenantId, VisitId visitId, PhoneNumber to, string toHash, string sentBy, string reason, DateTime nowUtc)
    {
        var message = Start(tenantId, visitId, "", to, toHash, "", sentBy, nowUtc);
        message.Status = SmsStatus.Refused;
        message.Detail = Clip(reason);
        return message;
    }

    /// <summary>The provider took it (HTTP 2xx with a message id).</summary>
    public void Accepted(int httpStatus, string providerMessageId, string providerStatus, DateTime nowUtc)
    {
        HttpStatus = httpStatus;
        ProviderMessageId = providerMessageId;
        Status = ParseStatus(providerStatus) ?? SmsStatus.Queued;
        Detail = null;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The provider refused it or did not answer; the reason is kept for the clinician and the admin.</summary>
    public void Failed(int httpStatus, int? errorCode, string detail, DateTime nowUtc)
    {
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
        Status = SmsStatus.Failed;
        Detail = Clip(detail);
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>A delivery report from the provider. Reports can arrive out of order: a final state is never undone by an earlier one.</summary>
    public bool ReportDelivery(string providerStatus, int? errorCode, DateTime nowUtc)
    {
        if (ParseStatus(providerStatus) is not { } status || Status is SmsStatus.Refused or SmsStatus.Sending) return false;
        if (Rank(status) < Rank(Status)) return false;
        Status = status;
        if (errorCode is not null) ErrorCode = errorCode;
        UpdatedAtUtc = nowUtc;
        return true;
    }

    private static int Rank(SmsStatus status) => status switch
    {
        SmsStatus.Queued => 1,
        SmsStatus.Sent => 2,
        SmsStatus.Delivered or SmsStatus.Undelivered or SmsStatus.Failed => 3,
        _ => 0,
    };

    private static SmsStatus? ParseStatus(string providerStatus) => providerStatus.ToLowerInvariant() switch
    {
        "accepted" or "queued" or "scheduled" or "sending" => SmsStatus.Queued,
        "sent" => SmsStatus.Sent,
        "delivered" or "read" => SmsStatus.Delivered,
        "undelivered" => SmsStatus.Undelivered,
        "failed" or "canceled" => SmsStatus.Failed,
        _ => null,
    };

    /// <summary>Masked before it is cut: a number cut in half would escape the mask.</summary>
    private static string Clip(string text) => SafeText.Clip(PhoneNumber.MaskNumbersIn(text), MaxDetailLength);
}
