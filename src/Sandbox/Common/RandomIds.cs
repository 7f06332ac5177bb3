using System.Security.Cryptography;

namespace EpicZoom.Sandbox.Common;

/// <summary>
/// Identifiers and credentials the simulators hand out. All come from the OS CSPRNG: several
/// of them (access tokens, codes, launch tokens, ZAKs) are bearer secrets even in a sandbox.
/// </summary>
internal static class RandomIds
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>An opaque bearer value with 256 bits of entropy, URL-safe.</summary>
    public static string Token() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Digits(int length) =>
        RandomNumberGenerator.GetString("123456789", 1) + RandomNumberGenerator.GetString("0123456789", length - 1);

    public static string Alphanumeric(int length) => RandomNumberGenerator.GetString(Alphanumerics, length);

    public static T Pick<T>(IReadOnlyList<T> items) => items[RandomNumberGenerator.GetInt32(items.Count)];

    /// <summary>Zoom user, room and participant ids look like "KDcuGIm1QgePTO8WbOqwIQ".</summary>
    public static string ZoomId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    /// <summary>Zoom meeting instance uuids are plain base64 of 16 bytes ("4444AAAiAAAAAiAiAiiAii==").</summary>
    public static string ZoomUuid() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>Twilio resource sids: a two-letter type prefix ("SM" for messages) and 32 lowercase hex digits.</summary>
    public static string TwilioSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Zoom meeting numbers are 10 or 11 digits.</summary>
    public static long MeetingNumber() => RandomNumberGenerator.GetInt32(100_000, 999_999) * 100_000L
        + RandomNumberGenerator.GetInt32(0, 100_000);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
