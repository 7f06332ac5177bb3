using System.Net;

namespace EpicZoom.Domain.Common;

/// <summary>Rules every external URL a tenant configures must follow.</summary>
public static class HttpUrl
{
    public const int MaxLength = 2048;

    /// <summary>
    /// Absolute https URL without query or fragment; plain http is accepted only for loopback hosts so the
    /// local sandbox works while nothing leaves the machine unencrypted.
    /// </summary>
    public static bool IsAcceptableBaseUrl(string? value, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(value)) { problem = "is required."; return false; }
        if (value.Length > MaxLength) { problem = $"must be at most {MaxLength} characters."; return false; }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problem = "must be an absolute URL starting with https://.";
            return false;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            problem = "must use https:// (plain http is allowed only for localhost).";
            return false;
        }
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            problem = "must not contain a query string, fragment or credentials.";
            return false;
        }
        return true;
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Trims whitespace and trailing slashes so "https://x/api/FHIR/R4/" and "https://x/api/FHIR/R4" compare equal.</summary>
    public static string Normalize(string value) => value.Trim().TrimEnd('/');
}
