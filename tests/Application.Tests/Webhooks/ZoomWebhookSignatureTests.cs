using System.Globalization;
using System.Text;
using EpicZoom.Application.Webhooks.Common;

namespace EpicZoom.Application.Tests.Webhooks;

/// <summary>Zoom's webhook signature and replay guard (shared/spec/zoom.md §4), against the spec's test vector.</summary>
public sealed class ZoomWebhookSignatureTests
{
    private const string Secret = "4fv1RkqGQUq5sWbEz6hA5A";
    private const string Timestamp = "1720705455";
    private const string Body = """{"payload":{"plainToken":"xys8n8PGS7mAU0m5-YJjRA"},"event_ts":1720705455858,"event":"endpoint.url_validation"}""";
    private const string Signature = "v0=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d6";
    private const string EncryptedToken = "2fffc6a967dde4f68024025a5bd991c5ae1e5313b4e6365be4883e3e81d479b3";

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1720705455);

    private static byte[] BodyBytes => Encoding.UTF8.GetBytes(Body);

    [Fact]
    public void Compute_ForTheSpecTestVector_IsTheSpecSignature()
    {
        Assert.Equal(Signature, ZoomWebhookSignature.Compute(Secret, Timestamp, BodyBytes));
    }

    [Fact]
    public void IsValid_ForTheSpecTestVector_IsTrue()
    {
        Assert.True(ZoomWebhookSignature.IsValid(Secret, Timestamp, Signature, BodyBytes));
    }

    [Fact]
    public void EncryptToken_ForTheSpecPlainToken_IsTheSpecEncryptedToken()
    {
        Assert.Equal(EncryptedToken, ZoomWebhookSignature.EncryptToken(Secret, "xys8n8PGS7mAU0m5-YJjRA"));
    }

    [Fact]
    public void IsValid_WhenAnyOneByteOfTheBodyIsChanged_IsFalse()
    {
        var body = BodyBytes;
        for (var i = 0; i < body.Length; i++)
        {
            var tampered = (byte[])body.Clone();
            tampered[i] ^= 0x01;
            Assert.False(ZoomWebhookSignature.IsValid(Secret, Timestamp, Signature, tampered), $"byte {i} changed and still valid");
        }
    }

    [Fact]
    public void IsValid_WhenTheBodyGainsOrLosesAByte_IsFalse()
    {
        Assert.False(ZoomWebhookSignature.IsValid(Secret, Timestamp, Signature, Encoding.UTF8.GetBytes(Body + " ")));
        Assert.False(ZoomWebhookSignature.IsValid(Secret, Timestamp, Signature, BodyBytes.AsSpan(0, BodyBytes.Length - 1)));
    }

    [Theory]
    [InlineData("1720705456")]
    [InlineData("1720705454")]
    [InlineData("01720705455")]
    [InlineData("1720705455 ")]
    public void IsValid_WhenTheTimestampIsChanged_IsFalse(string timestamp)
    {
        Assert.False(ZoomWebhookSignature.IsValid(Secret, timestamp, Signature, BodyBytes));
    }

    [Fact]
    public void IsValid_WithAnotherSecret_IsFalse()
    {
        Assert.False(ZoomWebhookSignature.IsValid("4fv1RkqGQUq5sWbEz6hA5B", Timestamp, Signature, BodyBytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v0=")]
    [InlineData("93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d6")] // no "v0=" prefix
    [InlineData("v0=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d")] // one hex digit short
    [InlineData("v0=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d6a")] // one too many
    [InlineData("v0=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d6,v0=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d6")]
    [InlineData("v1=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d6")]
    [InlineData("v0=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d7")]
    public void IsValid_ForASignatureOfTheWrongShapeOrValue_IsFalseWithoutThrowing(string signature)
    {
        Assert.False(ZoomWebhookSignature.IsValid(Secret, Timestamp, signature, BodyBytes));
    }

    [Fact]
    public void IsValid_WithoutTimestampOrSignature_IsFalse()
    {
        Assert.False(ZoomWebhookSignature.IsValid(Secret, null, Signature, BodyBytes));
        Assert.False(ZoomWebhookSignature.IsValid(Secret, "", Signature, BodyBytes));
        Assert.False(ZoomWebhookSignature.IsValid(Secret, Timestamp, null, BodyBytes));
    }

    /// <summary>
    /// Zoom sends lowercase hex and its own reference receiver compares the header string exactly, so an uppercase
    /// (or mixed-case) signature is not what Zoom sends: refused, like any other string that is not the signature.
    /// </summary>
    [Theory]
    [InlineData("v0=93A1A675965CEB9C5A50C5DFB31F20E50F763BE37A54EF74CD2D16A1A8E5C0D6")]
    [InlineData("V0=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d6")]
    [InlineData("v0=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0D6")]
    public void IsValid_WhenTheSignatureDiffersOnlyInCase_IsFalse(string signature)
    {
        Assert.False(ZoomWebhookSignature.IsValid(Secret, Timestamp, signature, BodyBytes));
    }

    [Fact]
    public void Compute_IsLowercaseHex_AsZoomSends()
    {
        var signature = ZoomWebhookSignature.Compute(Secret, Timestamp, BodyBytes);
        Assert.Matches("^v0=[0-9a-f]{64}$", signature);
        Assert.Matches("^[0-9a-f]{64}$", ZoomWebhookSignature.EncryptToken(Secret, "anything"));
    }

    [Fact]
    public void Compute_HashesTheRawBytes_SoAnEscapedAndAnUnescapedBodyDiffer()
    {
        var escaped = Encoding.UTF8.GetBytes("""{"event":"meeting.participant_joined","payload":{"object":{"participant":{"user_name":"Ren\u00e9e \u003cR\u003e"}}}}""");
        var unescaped = Encoding.UTF8.GetBytes("{\"event\":\"meeting.participant_joined\",\"payload\":{\"object\":{\"participant\":{\"user_name\":\"Renée <R>\"}}}}");
        var signature = ZoomWebhookSignature.Compute(Secret, Timestamp, escaped);

        Assert.True(ZoomWebhookSignature.IsValid(Secret, Timestamp, signature, escaped));
        Assert.False(ZoomWebhookSignature.IsValid(Secret, Timestamp, signature, unescaped));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4 * 60)]
    [InlineData(4 * 60)]
    [InlineData(-5 * 60)]
    [InlineData(5 * 60)]
    public void IsFresh_WithinFiveMinutesEitherWay_IsTrue(int offsetSeconds)
    {
        Assert.True(ZoomWebhookSignature.IsFresh(Seconds(Now.AddSeconds(offsetSeconds)), Now));
    }

    [Theory]
    [InlineData(-6 * 60)]
    [InlineData(6 * 60)]
    [InlineData(-5 * 60 - 1)]
    [InlineData(5 * 60 + 1)]
    [InlineData(-10 * 60)]
    [InlineData(-72 * 3600)]
    public void IsFresh_OutsideFiveMinutes_IsFalse(int offsetSeconds)
    {
        Assert.False(ZoomWebhookSignature.IsFresh(Seconds(Now.AddSeconds(offsetSeconds)), Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("abc")]
    [InlineData("1720705455abc")]
    [InlineData("1720705455.5")]
    [InlineData("1,720,705,455")]
    [InlineData("0x66902DAF")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775807")]
    [InlineData("99999999999999999999999999")]
    [InlineData("253402300799")]
    [InlineData("253402300800")]
    [InlineData("1720705455858")] // milliseconds, as in event_ts: not seconds
    public void IsFresh_ForAbsentNonNumericOrAbsurdTimestamps_IsFalseWithoutThrowing(string? timestamp)
    {
        Assert.False(ZoomWebhookSignature.IsFresh(timestamp, Now));
    }

    [Fact]
    public void IsFresh_NearTheEndOfTime_DoesNotThrow()
    {
        var late = DateTimeOffset.MaxValue.AddSeconds(-1);
        Assert.True(ZoomWebhookSignature.IsFresh(Seconds(late), late));
        Assert.False(ZoomWebhookSignature.IsFresh("1", late));
        Assert.False(ZoomWebhookSignature.IsFresh("9223372036854775807", DateTimeOffset.UnixEpoch));
    }

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
