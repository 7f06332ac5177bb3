using EpicZoom.Application.Common.Interfaces.External;

namespace EpicZoom.Application.Tenants.RunTroubleshooting;

/// <summary>Where a check went: the system, the tenant field holding its URL, that URL's host, and the fix when the credentials were refused.</summary>
internal sealed record CheckTarget(string System, string UrlField, string? Url, string CredentialsFix)
{
    public string Host => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.IdnHost : "(no host)";

    public string HostAndPort => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? $"{uri.IdnHost}:{uri.Port}" : "(no host)";
}

/// <summary>A classified failure in plain words: the likely cause, what was seen, and what to do about it.</summary>
internal static class FailureAdvice
{
    public static (string Detail, string Fix) Explain(ConnectionFailure failure, CheckTarget target)
    {
        var (cause, fix) = failure.Kind switch
        {
            ConnectionFailureKind.DnsNameNotFound => (
                $"The name {target.Host} was not found in DNS.",
                $"Check the spelling of the host in the {target.UrlField}, and that this server's DNS resolves it (try nslookup {target.Host} on the server; an intranet name may need the hospital's DNS)."),
            ConnectionFailureKind.ConnectionRefused => (
                $"{target.HostAndPort} refused the connection: nothing listens on that port, or a firewall rejects it.",
                $"Check the port in the {target.UrlField} and that {target.System} is running there; ask the network team to allow this server to reach {target.HostAndPort}."),
            ConnectionFailureKind.NetworkUnreachable => (
                $"There is no network route from this server to {target.Host}.",
                $"Ask the network team to route and allow traffic from this server to {target.HostAndPort} (VPN, proxy or firewall)."),
            ConnectionFailureKind.TlsCertificateNameMismatch => (
                $"The TLS certificate of {target.Host} is issued for another name.",
                $"Use the host name the certificate was issued for in the {target.UrlField}, or have {target.System}'s certificate reissued to include {target.Host}."),
            ConnectionFailureKind.TlsCertificateExpired => (
                $"The TLS certificate of {target.Host} has expired or is not valid yet.",
                $"Have the owner of {target.Host} renew its certificate; check this server's clock is right."),
            ConnectionFailureKind.TlsCertificateUntrusted => (
                $"The TLS certificate of {target.Host} is not trusted by this server (self-signed, an internal CA, or an incomplete chain).",
                $"Install the issuing CA's certificate in this server's trust store, or have {target.Host} serve its full certificate chain."),
            ConnectionFailureKind.TlsHandshakeFailed => (
                $"The secure (TLS) connection to {target.Host} failed.",
                $"Check the {target.UrlField} is https on the right port and that {target.Host} offers TLS 1.2 or later; a proxy that inspects TLS needs its CA trusted here."),
            ConnectionFailureKind.TimedOut => (
                $"{target.System} did not answer in time.",
                $"Check {target.Host} is reachable from this server and not overloaded; a firewall that silently drops traffic looks like this."),
            ConnectionFailureKind.Unauthorized => (
                $"{target.System} did not accept the credentials.",
                target.CredentialsFix),
            ConnectionFailureKind.Forbidden => (
                $"{target.System} accepted the credentials but does not allow this call.",
                target.System == "Epic"
                    ? "Ask the Epic analyst to grant this client the telehealth and FHIR scopes EpicZoom uses and to activate it for this environment."
                    : "Give the Zoom app the scopes EpicZoom uses (users, meetings, account settings) and activate it again."),
            ConnectionFailureKind.WrongZoomAccountId => (
                "Zoom does not know this account id for the app's credentials.",
                "Copy the Account ID from the Server-to-Server OAuth app's App Credentials page in the Zoom Marketplace into the tenant."),
            ConnectionFailureKind.OAuthRefused => (
                $"{target.System} refused the token request.",
                target.CredentialsFix),
            ConnectionFailureKind.ServerError => (
                $"{target.System} answered with a server error.",
                $"Try again later; if it persists, give {target.System}'s support the time of the check and the answer shown."),
            ConnectionFailureKind.UnexpectedAnswer => (
                $"Something answered at {target.Host}, but not {target.System}'s API (a proxy page or a wrong path).",
                $"Check the {target.UrlField}: it must be {target.System}'s API base URL, not a web page or portal address."),
            _ => ($"The call to {target.System} failed.", target.CredentialsFix),
        };
        return ($"{cause} ({failure.Detail})", fix);
    }
}
