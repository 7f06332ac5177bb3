using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Tenants;
using EpicZoom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Sandbox;

/// <summary>In sandbox mode EpicZoom's e-mail goes to the sandbox SMTP server, unless Email:Host names a real one.</summary>
public sealed class SandboxEmailTests
{
    [Fact]
    public async Task WithoutEmailHost_TheSandboxServerIsUsed_AndAMessageArrivesInItsInbox()
    {
        using var app = new EpicZoomApp(new EpicZoomAppOptions { Sandbox = true });
        var client = app.CreateClient();
        var connection = await app.Services.GetRequiredService<IEmailServerSettings>().GetAsync(default);

        Assert.NotNull(connection);
        Assert.Equal(EmailTlsMode.None, connection.Tls);
        var sent = await app.Services.GetRequiredService<IEmailGateway>().SendAsync(
            connection, new EmailMessage("interpreter@language.example", "Your video visit", "Join: https://x.example/t/1", null), default);

        Assert.True(sent.Accepted, sent.Message);
        var inbox = await client.GetFromJsonAsync<JsonElement>("/sandbox/email/_test/messages?to=interpreter@language.example");
        Assert.Equal("Your video visit", Assert.Single(inbox.EnumerateArray().ToList()).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task WithoutEmailHost_OutsideTheSandbox_EmailIsOff()
    {
        using var app = new EpicZoomApp(new Dictionary<string, string?> { ["Sandbox:Enabled"] = "false" });

        Assert.Null(await app.Services.GetRequiredService<IEmailServerSettings>().GetAsync(default));
    }

    [Fact]
    public async Task WithEmailHost_TheConfiguredServerIsUsed()
    {
        using var app = new EpicZoomApp(new Dictionary<string, string?>
        {
            ["Email:Host"] = "smtp.hospital.example.org", ["Email:Port"] = "465", ["Email:Tls"] = "SslOnConnect",
            ["Email:FromAddress"] = "telehealth@hospital.example.org", ["Email:UserName"] = "svc", ["Email:Password"] = "pw-not-shown",
        });

        var connection = await app.Services.GetRequiredService<IEmailServerSettings>().GetAsync(default);

        Assert.Equal(("smtp.hospital.example.org", 465, EmailTlsMode.SslOnConnect), (connection!.Host, connection.Port, connection.Tls));
        Assert.DoesNotContain("pw-not-shown", connection.ToString());
    }
}
