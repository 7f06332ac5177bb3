using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Sms;

/// <summary>The Account resource a client reads to check its credentials (EpicZoom's troubleshooting check).</summary>
public sealed class SmsAccountTests
{
    private static string AccountPath(string sid) => $"/sandbox/sms/2010-04-01/Accounts/{sid}.json";

    [Fact]
    public async Task TheAccount_WithItsOwnCredentials_IsActive()
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, AccountPath(SandboxDefaults.SmsAccountSid));
        request.Headers.Authorization = SandboxHost.Basic(SandboxDefaults.SmsAccountSid, SandboxDefaults.SmsAuthToken);

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((SandboxDefaults.SmsAccountSid, "active"), (account.GetProperty("sid").GetString(), account.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("wrong-token", SandboxDefaults.SmsAccountSid)]
    [InlineData(SandboxDefaults.SmsAuthToken, "AC00000000000000000000000000000000")]
    public async Task AWrongTokenOrAnotherAccountsPath_Is401_20003(string token, string pathSid)
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, AccountPath(pathSid));
        request.Headers.Authorization = SandboxHost.Basic(SandboxDefaults.SmsAccountSid, token);

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(20003, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
    }
}
