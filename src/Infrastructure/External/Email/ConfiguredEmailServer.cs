using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.External.Email;

/// <summary>The SMTP server named by the "Email" section; none when Email:Host is unset.</summary>
public sealed class ConfiguredEmailServer(IOptions<EmailOptions> options) : IEmailServerSettings
{
    public Task<EmailConnection?> GetAsync(CancellationToken cancellationToken)
    {
        var email = options.Value;
        return Task.FromResult(string.IsNullOrWhiteSpace(email.Host)
            ? null
            : new EmailConnection(email.Host.Trim(), email.Port, email.Tls, NullIfBlank(email.UserName), NullIfBlank(email.Password), email.FromAddress!.Trim(),
                email.FromName.Trim()));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
