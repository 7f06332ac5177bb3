using EpicZoom.Domain.Common;

namespace EpicZoom.Domain.Tenants;

/// <summary>
/// The tenant's own SMTP server for invitations, or (<see cref="UseOwnServer"/> false) the installation's (configuration
/// section <c>Email</c>). The password is a tenant secret (<see cref="TenantSecret.SmtpPassword"/>).
/// </summary>
public sealed record TenantEmailSettings(bool UseOwnServer, string Host, int Port, EmailTlsMode Tls, string UserName, string FromAddress, string FromName)
{
    public const int MaxHostLength = 253;
    public const int MaxUserNameLength = 256;
    public const int MaxAddressLength = 254;
    public const int MaxFromNameLength = 100;

    public static TenantEmailSettings Installation { get; } = new(false, "", 587, EmailTlsMode.StartTls, "", "", "");

    /// <summary>As for the installation's server (Email:Tls): no TLS with a sign-in only to a relay on this machine.</summary>
    public const string ClearTextSignIn =
        "Without TLS the SMTP user name and password would cross the network in clear: choose STARTTLS or TLS on connect, " +
        "or leave the user name and password empty for a relay that needs no sign-in (no TLS with a sign-in is allowed only for localhost).";

    /// <summary>Why these settings cannot be saved, or null (surrounding spaces are trimmed on save, so they are no problem).</summary>
    public string? Problem()
    {
        if (Host.Length > MaxHostLength || UserName.Length > MaxUserNameLength || FromAddress.Length > MaxAddressLength || FromName.Length > MaxFromNameLength)
            return "An e-mail setting is too long.";
        if (new[] { Host, UserName, FromAddress, FromName }.Any(v => v.Any(char.IsControl)))
            return "E-mail settings may not contain control characters or line breaks.";
        if (!UseOwnServer) return null;
        var host = Host.Trim();
        if (host.Length == 0 || host.Any(c => c is ' ' or '/' or ':' or '@'))
            return "The SMTP host must be a host name such as smtp.example.org (no scheme, port or path).";
        if (Port is < 1 or > 65535) return "The SMTP port must be between 1 and 65535.";
        if (!Enum.IsDefined(Tls)) return "Unknown TLS mode.";
        if (Tls == EmailTlsMode.None && UserName.Trim().Length > 0 && !HttpUrl.IsLoopbackHost(host)) return ClearTextSignIn;
        var from = FromAddress.Trim();
        var at = from.IndexOf('@');
        if (at < 1 || at != from.LastIndexOf('@') || at == from.Length - 1 || from.Any(char.IsWhiteSpace))
            return "The sender address must be an e-mail address such as telehealth@example.org.";
        return null;
    }
}
