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
        if (SafeText.FindUnsafeCharacter(value) is { } unsafeText) { problem = unsafeText; return false; }
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
        if (IsForbiddenHost(uri))
        {
            problem = $"must not point to {uri.Host}: EpicZoom never calls link-local, unspecified or cloud metadata addresses (private network addresses are fine).";
            return false;
        }
        return true;
    }

    /// <summary>
    /// A host EpicZoom must never call: a literal link-local, unspecified or cloud-metadata address (however the IP is
    /// spelled: Uri canonicalises "0xA9FEA9FE" to 169.254.169.254), or a metadata service's well-known name.
    /// </summary>
    public static bool IsForbiddenHost(Uri uri)
    {
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
            return IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IsForbiddenAddress(ip);
        var host = uri.DnsSafeHost.TrimEnd('.');
        return MetadataHostNames.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Link-local (169.254.0.0/16, where AWS, Azure and GCP serve instance metadata and credentials; fe80::/10),
    /// "this network" (0.0.0.0/8) and unspecified (::) addresses, and the metadata addresses outside those ranges
    /// (AWS fd00:ec2::254, Alibaba 100.100.100.200). Loopback and private ranges are allowed: Epic often lives on an intranet.
    /// </summary>
    public static bool IsForbiddenAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return bytes[0] == 0 || (bytes[0] == 169 && bytes[1] == 254) || address.Equals(AlibabaMetadata);
        }
        return address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.Equals(AwsIpv6Metadata);
    }

    private static readonly IPAddress AlibabaMetadata = IPAddress.Parse("100.100.100.200");
    private static readonly IPAddress AwsIpv6Metadata = IPAddress.Parse("fd00:ec2::254");
    private static readonly string[] MetadataHostNames = ["metadata.google.internal", "metadata.goog", "metadata"];

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>A bare host name that is this machine: localhost or a loopback IP address (127.0.0.0/8, ::1).</summary>
    public static bool IsLoopbackHost(string host) =>
        string.Equals(host.Trim(), "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim(), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>
    /// The URL as an admin should see it: a host that is not plain ASCII is shown in punycode ("xn--…"), so a
    /// look-alike ("аpple.example" with a Cyrillic а) cannot pass for the real one. Anything unparseable is shown as is.
    /// </summary>
    public static string ForDisplay(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || HasAsciiHost(uri)) return url ?? "";
        var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        return $"{uri.Scheme}://{uri.IdnHost}{port}{uri.PathAndQuery}{uri.Fragment}";
    }

    /// <summary>Whether the host is written in ASCII only (no internationalised, possibly look-alike, characters).</summary>
    public static bool HasAsciiHost(Uri uri) => uri.Host.All(char.IsAscii) && !uri.IdnHost.Contains("xn--", StringComparison.OrdinalIgnoreCase);

    /// <summary>Trims whitespace and trailing slashes so "https://x/api/FHIR/R4/" and "https://x/api/FHIR/R4" compare equal.</summary>
    public static string Normalize(string value) => value.Trim().TrimEnd('/');
}
