using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Tenants;
using EpicZoom.Infrastructure.External.Email;
using EpicZoom.Sandbox;
using EpicZoom.Sandbox.Email;

namespace EpicZoom.Web.Sandbox;

/// <summary>
/// In sandbox mode e-mail goes to the sandbox's own SMTP server (its inbox at /sandbox/email) unless Email:Host names a
/// real one, so invitations work offline with `dotnet run`.
/// </summary>
internal sealed class SandboxEmailServer(ConfiguredEmailServer configured, ISandboxSmtp smtp) : IEmailServerSettings
{
    public const string FromName = "Sandbox Hospital telehealth";

    public async Task<EmailConnection?> GetAsync(CancellationToken cancellationToken)
    {
        if (await configured.GetAsync(cancellationToken) is { } real) return real;
        var endpoint = await smtp.EndpointAsync(cancellationToken);
        return new EmailConnection(endpoint.Host, endpoint.Port, EmailTlsMode.None, endpoint.UserName, endpoint.Password, SandboxDefaults.EmailFromAddress, FromName);
    }
}
