using System.Net;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Zoom;

public sealed class UserTests
{
    [Fact]
    public async Task Users_CreateGetDuplicateAndDelete_BehaveLikeZoom()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);

        var created = await zoom.CreateUserAsync("pat.provider@sandbox-hospital.example");
        var id = created.Str("id");
        Assert.Equal(2, created.GetProperty("type").GetInt32());
        Assert.Equal("Pat", created.Str("first_name"));

        using var byEmail = await zoom.SendAsync(HttpMethod.Get, "/users/pat.provider@sandbox-hospital.example");
        Assert.Equal(id, (await byEmail.JsonAsync(HttpStatusCode.OK)).Str("id"));

        using var duplicate = await zoom.SendAsync(HttpMethod.Post, "/users", new
        {
            action = "custCreate",
            user_info = new { email = "PAT.provider@sandbox-hospital.example", type = 1 },
        });
        Assert.Equal(1005, (await duplicate.JsonAsync(HttpStatusCode.Conflict)).GetProperty("code").GetInt32());

        using var deleted = await zoom.SendAsync(HttpMethod.Delete, $"/users/{id}?action=delete");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var gone = await zoom.SendAsync(HttpMethod.Get, $"/users/{id}");
        Assert.Equal(1001, (await gone.JsonAsync(HttpStatusCode.NotFound)).GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("custCreate", "not-an-email", 2, "user_info.email")]
    [InlineData("custCreate", "ok@sandbox-hospital.example", 7, "user_info.type")]
    [InlineData("makeUser", "ok@sandbox-hospital.example", 2, "action")]
    public async Task Users_WithInvalidFields_Are400Code300(string action, string email, int type, string field)
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);

        using var response = await zoom.SendAsync(HttpMethod.Post, "/users", new { action, user_info = new { email, type } });
        var error = await response.JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(300, error.GetProperty("code").GetInt32());
        Assert.Equal(field, error.GetProperty("errors")[0].Str("field"));
    }

    [Fact]
    public async Task Users_AreScopedToTheirAccount()
    {
        await using var host = await SandboxHost.StartAsync(options => options.ZoomAccounts =
        [
            new SandboxZoomAccount { AccountId = "a", ClientId = "a-client", ClientSecret = "a-secret", WebhookSecretToken = "x" },
            new SandboxZoomAccount { AccountId = "b", ClientId = "b-client", ClientSecret = "b-secret", WebhookSecretToken = "y" },
        ]);
        using var tokenA = await ZoomApi.RequestTokenAsync(host, "a", "a-client", "a-secret");
        using var tokenB = await ZoomApi.RequestTokenAsync(host, "b", "b-client", "b-secret");
        var bearerA = (await tokenA.JsonAsync(HttpStatusCode.OK)).Str("access_token");
        var bearerB = (await tokenB.JsonAsync(HttpStatusCode.OK)).Str("access_token");
        using var create = new HttpRequestMessage(HttpMethod.Post, "/sandbox/zoom/v2/users")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { action = "custCreate", user_info = new { email = "a@sandbox-hospital.example", type = 2 } }),
            Headers = { Authorization = new("Bearer", bearerA) },
        };
        await (await host.Client.SendAsync(create)).JsonAsync(HttpStatusCode.Created);

        using var read = new HttpRequestMessage(HttpMethod.Get, "/sandbox/zoom/v2/users/a@sandbox-hospital.example") { Headers = { Authorization = new("Bearer", bearerB) } };
        using var response = await host.Client.SendAsync(read);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
