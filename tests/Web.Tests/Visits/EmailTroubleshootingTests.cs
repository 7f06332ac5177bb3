using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.RunTroubleshooting;
using EpicZoom.Domain.Tenants;
using EpicZoom.Web.Tests.Launch;

namespace EpicZoom.Web.Tests.Visits;

/// <summary>
/// The troubleshooting e-mail check, over real SMTP (MailKit) against the sandbox's own server (docs/sandbox-email.md),
/// through the whole MediatR pipeline as the Troubleshooting page runs it: a failure is a failed check in plain words,
/// never an exception (which the page would show as an error).
/// </summary>
public sealed class EmailTroubleshootingTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    private const string Name = "E-mail server accepts the sign-in";

    private async Task<(string Host, int Port, string User, string Password)> SandboxSmtpAsync()
    {
        var server = await sandbox.Http.GetFromJsonAsync<JsonElement>("/sandbox/email/_test/server");
        return (server.GetProperty("host").GetString()!, server.GetProperty("port").GetInt32(),
            server.GetProperty("userName").GetString()!, server.GetProperty("password").GetString()!);
    }

    private static void OwnServer(TenantInput t, string host, int port, string user, string password)
    {
        t.EmailUseOwnServer = true;
        t.EmailHost = host;
        t.EmailPort = port;
        t.EmailTls = EmailTlsMode.None;
        t.EmailUserName = user;
        t.SmtpPassword = password;
        t.EmailFromAddress = "telehealth@hospital.example";
    }

    private async Task<IReadOnlyList<TroubleshootingCheck>> RunAsync(Action<TenantInput> change)
    {
        var (id, _) = await sandbox.CreateTenantAsync(change);
        return await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(id));
    }

    [Fact]
    public async Task OwnServer_WithTheRightSignIn_PassesTheEmailCheck()
    {
        var (host, port, user, password) = await SandboxSmtpAsync();

        var checks = await RunAsync(t => OwnServer(t, host, port, user, password));

        var email = checks.Single(c => c.Name == Name);
        Assert.True(email.Passed, email.Detail);
        Assert.Contains($"the tenant's own SMTP server, {host}:{port}", email.Detail);
        Assert.Contains("signed in", email.Detail); // the server asked for AUTH and took these credentials
        Assert.Null(email.Fix);
        Assert.DoesNotContain(password, email.Detail);
    }

    [Fact]
    public async Task OwnServer_WithAWrongPassword_FailsWithACredentialsFix_AndDoesNotShowThePassword()
    {
        var (host, port, user, _) = await SandboxSmtpAsync();

        var checks = await RunAsync(t => OwnServer(t, host, port, user, "wrong-password-77x"));

        var email = checks.Single(c => c.Name == Name);
        Assert.False(email.Passed);
        Assert.Contains($"{host}:{port}", email.Detail);
        Assert.Contains("refused the sign-in", email.Detail);
        Assert.Contains("Check the SMTP user name and re-enter its password", email.Fix);
        AssertPlainWords(email, "wrong-password-77x");
    }

    /// <summary>A person reads it: no exception type or stack, and never the password that was tried.</summary>
    private static void AssertPlainWords(TroubleshootingCheck check, string password)
    {
        var text = check.Detail + " " + check.Fix;
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnServer_OnAClosedPort_FailsWithAHostAndPortFix()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var checks = await RunAsync(t => OwnServer(t, "127.0.0.1", port, "telehealth", "secret-pw-1"));

        var email = checks.Single(c => c.Name == Name);
        Assert.False(email.Passed);
        Assert.Contains($"Nothing accepts connections at 127.0.0.1:{port}", email.Detail);
        Assert.Contains("Check the SMTP host and port", email.Fix);
        AssertPlainWords(email, "secret-pw-1");
    }

    [Fact]
    public async Task GuestsOn_WithoutAnOwnServer_ChecksTheInstallationServer()
    {
        var checks = await RunAsync(t => t.GuestsEnabled = true);

        var email = checks.Single(c => c.Name == Name);
        Assert.True(email.Passed, email.Detail);
        Assert.Contains("installation's SMTP server", email.Detail);
    }

    [Fact]
    public async Task GuestsOff_AndNoOwnServer_HasNoEmailCheck()
    {
        var checks = await RunAsync(t => t.GuestsEnabled = false);

        Assert.DoesNotContain(checks, c => c.Name == Name);
        Assert.Contains(checks, c => c.Name == "Hosts are plain ASCII");
    }
}
