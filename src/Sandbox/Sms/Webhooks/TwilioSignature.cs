using System.Security.Cryptography;
using System.Text;

namespace EpicZoom.Sandbox.Sms.Webhooks;

/// <summary>
/// Twilio's request signature (X-Twilio-Signature): Base64(HMAC-SHA1(key = auth token,
/// data = the full URL the request was sent to, followed by every POST parameter's name and
/// value, sorted by name in ordinal order)).
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>Checks a signature without an early exit, so timing does not reveal a matching prefix.</summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(authToken, url, form)), Encoding.ASCII.GetBytes(signature));
}
