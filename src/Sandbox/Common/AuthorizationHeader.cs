using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace EpicZoom.Sandbox.Common;

/// <summary>Parsing of the two Authorization schemes the simulated services accept.</summary>
internal static class AuthorizationHeader
{
    public static bool TryGetBasic(string? header, out string user, out string password)
    {
        user = password = "";
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }

    public static bool TryGetBearer(string? header, out string token)
    {
        token = "";
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(value.Parameter))
        {
            return false;
        }

        token = value.Parameter;
        return true;
    }

    /// <summary>Compares secrets without an early exit, so timing does not reveal a matching prefix.</summary>
    public static bool SecretEquals(string? expected, string? actual) =>
        expected is not null && actual is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
