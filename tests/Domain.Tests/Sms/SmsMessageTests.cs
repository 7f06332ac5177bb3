using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.Tests.Sms;

public sealed class SmsMessageTests
{
    private static readonly DateTime Now = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TenantId Tenant = TenantId.New();
    private static readonly VisitId Visit = VisitId.New();

    private static PhoneNumber Number()
    {
        Assert.True(PhoneNumber.TryParse("+15550100123", out var number, out _));
        return number!;
    }

    private static SmsMessage Started() =>
        SmsMessage.Start(Tenant, Visit, "link-1", Number(), "hash-1", "enc-number", "prov-1", Now);

    private static SmsMessage AcceptedAs(string providerStatus)
    {
        var message = Started();
        message.Accepted(201, "SM123", providerStatus, Now.AddSeconds(1));
        return message;
    }

    [Fact]
    public void Start_IsSendingAndKeepsOnlyTheMaskedNumber()
    {
        var message = Started();

        Assert.NotEqual(Guid.Empty, message.Id);
        Assert.Equal(SmsStatus.Sending, message.Status);
        Assert.Equal(Tenant, message.TenantId);
        Assert.Equal(Visit, message.VisitId);
        Assert.Equal("link-1", message.LinkId);
        Assert.Equal("+•••••••0123", message.ToMasked);
        Assert.Equal("hash-1", message.ToHash);
        Assert.Equal("enc-number", message.ToProtected);
        Assert.Equal("prov-1", message.SentBy);
        Assert.Null(message.ProviderMessageId);
        Assert.Null(message.HttpStatus);
        Assert.Null(message.Detail);
        Assert.Equal(Now, message.CreatedAtUtc);
        Assert.Equal(Now, message.UpdatedAtUtc);
        Assert.True(message.CountsTowardsLimits);
    }

    [Fact]
    public void Start_GivesEachMessageItsOwnId()
    {
        Assert.NotEqual(Started().Id, Started().Id);
    }

    [Fact]
    public void Refuse_IsRefusedWithTheReasonAndDoesNotCountTowardsLimits()
    {
        var message = SmsMessage.Refuse(Tenant, Visit, Number(), "hash-1", "prov-1", "The number opted out.", Now);

        Assert.Equal(SmsStatus.Refused, message.Status);
        Assert.False(message.CountsTowardsLimits);
        Assert.Equal("The number opted out.", message.Detail);
        Assert.Equal("+•••••••0123", message.ToMasked);
        Assert.Equal("hash-1", message.ToHash);
        Assert.Equal("", message.ToProtected);
        Assert.Equal("", message.LinkId);
        Assert.Null(message.ProviderMessageId);
    }

    [Fact]
    public void Refuse_WithALongReason_ClipsItTo300Characters()
    {
        var reason = new string('r', 299) + "XYZ" + new string('t', 500);

        var message = SmsMessage.Refuse(Tenant, Visit, Number(), "hash-1", "prov-1", reason, Now);

        Assert.Equal(SmsMessage.MaxDetailLength, message.Detail!.Length);
        Assert.Equal(reason[..300], message.Detail);
    }

    [Theory]
    [InlineData("queued", SmsStatus.Queued)]
    [InlineData("accepted", SmsStatus.Queued)]
    [InlineData("sending", SmsStatus.Queued)]
    [InlineData("scheduled", SmsStatus.Queued)]
    [InlineData("QUEUED", SmsStatus.Queued)]
    [InlineData("sent", SmsStatus.Sent)]
    [InlineData("Sent", SmsStatus.Sent)]
    [InlineData("something-new", SmsStatus.Queued)]
    [InlineData("", SmsStatus.Queued)]
    public void Accepted_MapsTheProviderStatus(string providerStatus, SmsStatus expected)
    {
        var message = AcceptedAs(providerStatus);

        Assert.Equal(expected, message.Status);
    }

    [Fact]
    public void Accepted_KeepsTheProviderIdAndHttpStatus()
    {
        var message = AcceptedAs("queued");

        Assert.Equal(201, message.HttpStatus);
        Assert.Equal("SM123", message.ProviderMessageId);
        Assert.Equal(Now.AddSeconds(1), message.UpdatedAtUtc);
        Assert.Equal(Now, message.CreatedAtUtc);
        Assert.Null(message.Detail);
        Assert.True(message.CountsTowardsLimits);
    }

    [Fact]
    public void Failed_KeepsTheProviderReasonClipped()
    {
        var message = Started();

        message.Failed(400, 21211, "Invalid 'To' number. " + new string('x', 400), Now.AddSeconds(2));

        Assert.Equal(SmsStatus.Failed, message.Status);
        Assert.Equal(400, message.HttpStatus);
        Assert.Equal(21211, message.ErrorCode);
        Assert.StartsWith("Invalid 'To' number.", message.Detail);
        Assert.Equal(SmsMessage.MaxDetailLength, message.Detail!.Length);
        Assert.Equal(Now.AddSeconds(2), message.UpdatedAtUtc);
        Assert.True(message.CountsTowardsLimits);
    }

    [Fact]
    public void Failed_WhenTheProviderCannotBeReached_RecordsStatusZero()
    {
        var message = Started();

        message.Failed(0, null, "Connection refused", Now);

        Assert.Equal(SmsStatus.Failed, message.Status);
        Assert.Equal(0, message.HttpStatus);
        Assert.Null(message.ErrorCode);
        Assert.Equal("Connection refused", message.Detail);
    }

    [Theory]
    [InlineData("queued", "sent", SmsStatus.Sent)]
    [InlineData("queued", "delivered", SmsStatus.Delivered)]
    [InlineData("sent", "delivered", SmsStatus.Delivered)]
    [InlineData("sent", "read", SmsStatus.Delivered)]
    [InlineData("sent", "undelivered", SmsStatus.Undelivered)]
    [InlineData("sent", "failed", SmsStatus.Failed)]
    [InlineData("queued", "canceled", SmsStatus.Failed)]
    public void ReportDelivery_MovingForward_ChangesTheStatus(string accepted, string report, SmsStatus expected)
    {
        var message = AcceptedAs(accepted);

        Assert.True(message.ReportDelivery(report, null, Now.AddMinutes(1)));

        Assert.Equal(expected, message.Status);
        Assert.Equal(Now.AddMinutes(1), message.UpdatedAtUtc);
    }

    [Theory]
    [InlineData("delivered", "sent", SmsStatus.Delivered)]
    [InlineData("delivered", "queued", SmsStatus.Delivered)]
    [InlineData("undelivered", "sent", SmsStatus.Undelivered)]
    [InlineData("failed", "queued", SmsStatus.Failed)]
    [InlineData("sent", "queued", SmsStatus.Sent)]
    [InlineData("sent", "accepted", SmsStatus.Sent)]
    public void ReportDelivery_ArrivingOutOfOrder_NeverMovesBackwards(string first, string late, SmsStatus expected)
    {
        var message = AcceptedAs("queued");
        message.ReportDelivery(first, null, Now.AddMinutes(2));

        Assert.False(message.ReportDelivery(late, null, Now.AddMinutes(3)));

        Assert.Equal(expected, message.Status);
        Assert.Equal(Now.AddMinutes(2), message.UpdatedAtUtc);
    }

    [Fact]
    public void ReportDelivery_DeliveredThenSent_StaysDelivered()
    {
        var message = AcceptedAs("queued");

        Assert.True(message.ReportDelivery("delivered", null, Now.AddMinutes(1)));
        Assert.False(message.ReportDelivery("sent", null, Now.AddMinutes(2)));

        Assert.Equal(SmsStatus.Delivered, message.Status);
    }

    [Fact]
    public void ReportDelivery_AfterASendFailure_DoesNotReviveTheMessageWithAnEarlierState()
    {
        var message = Started();
        message.Failed(503, null, "Service unavailable", Now);

        Assert.False(message.ReportDelivery("queued", null, Now.AddMinutes(1)));
        Assert.False(message.ReportDelivery("sent", null, Now.AddMinutes(1)));

        Assert.Equal(SmsStatus.Failed, message.Status);
    }

    [Theory]
    [InlineData("delivered")]
    [InlineData("sent")]
    [InlineData("failed")]
    public void ReportDelivery_ForARefusedMessage_IsIgnored(string report)
    {
        var message = SmsMessage.Refuse(Tenant, Visit, Number(), "hash-1", "prov-1", "Opted out.", Now);

        Assert.False(message.ReportDelivery(report, 30007, Now.AddMinutes(1)));

        Assert.Equal(SmsStatus.Refused, message.Status);
        Assert.Null(message.ErrorCode);
        Assert.False(message.CountsTowardsLimits);
        Assert.Equal(Now, message.UpdatedAtUtc);
    }

    [Theory]
    [InlineData("delivered")]
    [InlineData("sent")]
    public void ReportDelivery_WhileStillSending_IsIgnored(string report)
    {
        var message = Started();

        Assert.False(message.ReportDelivery(report, null, Now.AddMinutes(1)));

        Assert.Equal(SmsStatus.Sending, message.Status);
        Assert.Equal(Now, message.UpdatedAtUtc);
    }

    [Theory]
    [InlineData("receiving")]
    [InlineData("")]
    [InlineData("delivered-ish")]
    public void ReportDelivery_OfAnUnknownStatus_IsIgnored(string report)
    {
        var message = AcceptedAs("sent");

        Assert.False(message.ReportDelivery(report, 30001, Now.AddMinutes(1)));

        Assert.Equal(SmsStatus.Sent, message.Status);
        Assert.Null(message.ErrorCode);
    }

    [Fact]
    public void ReportDelivery_WithAnErrorCode_KeepsIt()
    {
        var message = AcceptedAs("sent");

        Assert.True(message.ReportDelivery("undelivered", 30003, Now.AddMinutes(1)));

        Assert.Equal(SmsStatus.Undelivered, message.Status);
        Assert.Equal(30003, message.ErrorCode);
    }

    [Fact]
    public void ReportDelivery_WithoutAnErrorCode_KeepsTheEarlierOne()
    {
        var message = AcceptedAs("queued");
        message.ReportDelivery("sent", 30005, Now.AddMinutes(1));

        message.ReportDelivery("undelivered", null, Now.AddMinutes(2));

        Assert.Equal(30005, message.ErrorCode);
    }

    [Fact]
    public void ReportDelivery_ThatIsIgnoredAsLate_DoesNotRecordItsErrorCode()
    {
        var message = AcceptedAs("queued");
        message.ReportDelivery("delivered", null, Now.AddMinutes(1));

        message.ReportDelivery("queued", 30008, Now.AddMinutes(2));

        Assert.Null(message.ErrorCode);
    }
}
