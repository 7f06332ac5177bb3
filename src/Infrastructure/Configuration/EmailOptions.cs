using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EpicZoom.Infrastructure.Configuration;

/// <summary>Section "Email" (docs/configuration.md): the SMTP server EpicZoom submits invitations to. Unset Host: no e-mail.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>The SMTP server's host name, e.g. smtp.office365.com; unset turns e-mail off (in the sandbox: its own server).</summary>
    public string? Host { get; set; }

    /// <summary>587 for STARTTLS (default), 465 for TLS on connect, 25 for a trusted relay.</summary>
    public int Port { get; set; } = 587;

    public EmailTlsMode Tls { get; set; } = EmailTlsMode.StartTls;

    /// <summary>Unset: no AUTH (a relay that trusts the network).</summary>
    public string? UserName { get; set; }

    /// <summary>Keep it out of appsettings: an environment variable or the systemd EnvironmentFile (docs/deployment.md).</summary>
    public string? Password { get; set; }

    /// <summary>The sender address, e.g. telehealth@hospital.example.org; required with Host.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The sender's display name; default "Telehealth visits".</summary>
    public string FromName { get; set; } = "Telehealth visits";
}

public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Host)) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        var host = options.Host.Trim();
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            failures.Add("Email:Host must be a host name or IP address such as smtp.hospital.example.org (no scheme, no port).");
        if (options.Port is < 1 or > 65535) failures.Add("Email:Port must be from 1 to 65535 (587 for STARTTLS, 465 for TLS on connect).");
        if (!Enum.IsDefined(options.Tls)) failures.Add("Email:Tls must be StartTls, SslOnConnect or None.");
        if (string.IsNullOrWhiteSpace(options.FromAddress) || !MailboxAddress.TryParse(options.FromAddress.Trim(), out var from) || !from.Address.Contains('@'))
            failures.Add("Email:FromAddress must be the sender's e-mail address, such as telehealth@hospital.example.org.");
        if (string.IsNullOrWhiteSpace(options.UserName) != string.IsNullOrEmpty(options.Password))
            failures.Add("Email:UserName and Email:Password go together: set both to sign in, or neither for a relay that does not ask.");
        if (options.Tls == EmailTlsMode.None && !string.IsNullOrEmpty(options.Password) && !HttpUrl.IsLoopbackHost(host))
            failures.Add("Email:Tls None would send Email:Password in clear over the network: use StartTls or SslOnConnect, or a relay on this machine.");
        if (options.FromName.Any(char.IsControl) || options.FromName.Length > 100)
            failures.Add("Email:FromName must be at most 100 characters without control characters.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
