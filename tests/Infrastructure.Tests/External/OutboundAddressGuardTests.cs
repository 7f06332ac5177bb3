using System.Net;
using System.Net.Sockets;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.Tests.External;

/// <summary>Tenant URLs never reach link-local or metadata addresses, however they are spelled or resolved.</summary>
public sealed class OutboundAddressGuardTests : SandboxTest
{
    private static OutboundAddressGuard GuardResolving(params (string Host, string[] Addresses)[] names) =>
        new((host, _) => Task.FromResult(names.Single(n => n.Host == host).Addresses.Select(IPAddress.Parse).ToArray()));

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("0.0.0.0")]
    public async Task Connect_ToANameThatResolvesOnlyToAForbiddenAddress_IsRefusedBeforeAnyConnection(string address)
    {
        var guard = GuardResolving(("metadata.test", [address]));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guard.ConnectAsync(new DnsEndPoint("metadata.test", 80), default).AsTask());

        Assert.Contains("does not call metadata.test", refused.Message);
    }

    [Fact]
    public async Task Connect_ToANameWithAForbiddenAndAnAllowedAddress_UsesOnlyTheAllowedOne()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var guard = GuardResolving(("mixed.test", ["169.254.169.254", "127.0.0.1"]));

        var accepting = listener.AcceptSocketAsync();
        await using var stream = await guard.ConnectAsync(new DnsEndPoint("mixed.test", port), default);
        using var accepted = await accepting;

        Assert.Equal(IPAddress.Loopback, ((IPEndPoint)accepted.LocalEndPoint!).Address);
    }

    [Fact]
    public async Task Telehealth_ToAMetadataAddressStoredBeforeValidation_FailsWithTheReasonAndConnectsNowhere()
    {
        var telehealth = (IEpicTelehealthApi)Sandbox.Services.GetService(typeof(IEpicTelehealthApi))!;
        var connection = new TelehealthConnection("http://169.254.169.254", "client", UseBasic: true, "user", "password", null);

        var started = DateTime.UtcNow;
        var response = await telehealth.SetExternalConnectionStatusAsync(connection, new ConnectionStatusReport("1", "2", "3", "v", "1"), default);

        Assert.Equal(0, response.StatusCode);
        Assert.Contains("does not call 169.254.169.254", response.Excerpt);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the guard should refuse at once, not wait for a connect timeout");
    }

    [Theory]
    [InlineData("epic-client\r\nX-Injected: 1")]
    [InlineData("epic-client\n")]
    [InlineData("épic-client")]
    public async Task Telehealth_WithAStoredClientIdThatCannotBeAHeader_FailsClearlyWithoutThrowing(string clientId)
    {
        var telehealth = (IEpicTelehealthApi)Sandbox.Services.GetService(typeof(IEpicTelehealthApi))!;
        var connection = new TelehealthConnection(Sandbox.BaseUrl + "/sandbox/epic", clientId, UseBasic: true, "user", "password", null);

        var response = await telehealth.SetExternalConnectionStatusAsync(connection, new ConnectionStatusReport("1", "2", "3", "v", "1"), default);
        var probe = await telehealth.ProbeAsync(connection, default);

        Assert.Equal(0, response.StatusCode);
        Assert.Contains("Epic client ID contains a character that cannot be sent", response.Excerpt);
        Assert.Equal(0, probe.StatusCode);
        Assert.Equal(0, Sandbox.Requests.Count("GET", "/sandbox/epic" + EpicZoom.Infrastructure.External.Epic.ITelehealthApi.StatusPath));
    }

    [Fact]
    public async Task SmartDiscovery_WithAStoredClientIdHoldingALineBreak_IsEpicUnavailableNotAFormatException()
    {
        var client = Sandbox.EpicWithKey() with { ClientId = "epic\r\nclient" };

        var failure = await Assert.ThrowsAsync<EpicUnavailableException>(() => Sandbox.Smart.GetEndpointsAsync(client, default));

        Assert.Contains("Epic client ID", failure.Message);
    }
}
