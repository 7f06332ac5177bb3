namespace EpicZoom.Sandbox.Email;

/// <summary>Where the sandbox SMTP server listens and the credentials it accepts (no TLS): for the host to send its e-mail there.</summary>
public sealed record SandboxSmtpEndpoint(string Host, int Port, string UserName, string Password)
{
    public override string ToString() => $"SandboxSmtpEndpoint {{ Host = {Host}, Port = {Port} }}";
}

public interface ISandboxSmtp
{
    /// <summary>Completes once the server accepts connections.</summary>
    Task<SandboxSmtpEndpoint> EndpointAsync(CancellationToken cancellationToken);
}
