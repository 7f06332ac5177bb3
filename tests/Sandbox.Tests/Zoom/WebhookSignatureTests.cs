using System.Text;
using EpicZoom.Sandbox.Zoom.Webhooks;

namespace EpicZoom.Sandbox.Tests.Zoom;

/// <summary>The test vector from shared/spec/zoom.md §4.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "4fv1RkqGQUq5sWbEz6hA5A";

    [Fact]
    public void Signature_MatchesZoomsTestVector()
    {
        const string body = """{"payload":{"plainToken":"xys8n8PGS7mAU0m5-YJjRA"},"event_ts":1720705455858,"event":"endpoint.url_validation"}""";

        var signature = ZoomWebhookSignature.Sign(Secret, "1720705455", Encoding.UTF8.GetBytes(body));

        Assert.Equal("v0=93a1a675965ceb9c5a50c5dfb31f20e50f763be37a54ef74cd2d16a1a8e5c0d6", signature);
    }

    [Fact]
    public void UrlValidationEncryptedToken_MatchesZoomsTestVector()
    {
        Assert.Equal(
            "2fffc6a967dde4f68024025a5bd991c5ae1e5313b4e6365be4883e3e81d479b3",
            ZoomWebhookSignature.EncryptToken(Secret, "xys8n8PGS7mAU0m5-YJjRA"));
    }
}
