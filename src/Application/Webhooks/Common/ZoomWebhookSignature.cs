using System.Security.Cryptography;
using System.Text;

namespace EpicZoom.Application.Webhooks.Common;

/// <summary>
/// Zoom's webhook signature (shared/spec/zoom.md §4): "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)),
/// computed over the raw bytes as received (re-serialising would change Zoom's \uXXXX escapes).
/// </summary>
public static class ZoomWebhookSignature
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static string Compute(string secretToken, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), message));
    }

    public static bool IsValid(string secretToken, string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) || signature.Length != 67) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secretToken, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>A replayed request carries an old timestamp; its signature is still valid, so freshness is checked separately.</summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now) =>
        long.TryParse(timestamp, out var seconds) && seconds > 0 &&
        (now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799))).Duration() <= MaxClockSkew;

    /// <summary>The answer to endpoint.url_validation: hex(HMAC-SHA256(secret, plainToken)).</summary>
    public static string EncryptToken(string secretToken, string plainToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), Encoding.UTF8.GetBytes(plainToken)));
}
