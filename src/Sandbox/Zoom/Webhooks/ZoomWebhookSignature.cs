using System.Security.Cryptography;
using System.Text;

namespace EpicZoom.Sandbox.Zoom.Webhooks;

/// <summary>Zoom's webhook signature and URL-validation token (spec: zoom.md §4).</summary>
internal static class ZoomWebhookSignature
{
    public const string TimestampHeader = "x-zm-request-timestamp";
    public const string SignatureHeader = "x-zm-signature";

    /// <summary>"v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body)).</summary>
    public static string Sign(string secretToken, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), message));
    }

    /// <summary>hex(HMAC-SHA256(secret, plainToken)): what a receiver must answer to endpoint.url_validation.</summary>
    public static string EncryptToken(string secretToken, string plainToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), Encoding.UTF8.GetBytes(plainToken)));
}
