using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Common.Email;

/// <summary>
/// The SMTP server a tenant's mail goes through: its own (<see cref="TenantEmailSettings.UseOwnServer"/>, password
/// decrypted for this use only) or the installation's (<see cref="IEmailServerSettings"/>); null when neither is set up.
/// </summary>
public sealed class TenantEmailServers(ISecretProtector protector, IEmailServerSettings installation)
{
    public async Task<EmailConnection?> ForAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        if (!tenant.Email.UseOwnServer) return await installation.GetAsync(cancellationToken);
        var email = tenant.Email;
        var password = tenant.SmtpPasswordProtected is { } secret ? protector.Unprotect(secret) : null;
        return new EmailConnection(email.Host, email.Port, email.Tls, string.IsNullOrEmpty(email.UserName) ? null : email.UserName,
            password, email.FromAddress, string.IsNullOrEmpty(email.FromName) ? tenant.Name : email.FromName);
    }
}
