using System.Net;
using System.Text;
using System.Text.Json;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests.Errors;

/// <summary>
/// What Zoom, Epic, an SMS provider or a patient's browser gets for the wrong method or the wrong kind of body on a
/// public address: 405 with Allow, or 415 — never the admin sign-in page, never a 500.
/// </summary>
public sealed class PublicEndpointMethodTests : IDisposable
{
    private readonly EpicZoomApp app = new();

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("GET", "/zoom/webhooks", "POST")]
    [InlineData("PUT", "/zoom/webhooks", "POST")]
    [InlineData("HEAD", "/epicfhir/providerlaunch", "GET")]
    [InlineData("POST", "/epicfhir/callback", "GET")]
    [InlineData("DELETE", "/visit/wait", "GET")]
    [InlineData("PUT", "/visit/wait/status", "GET")]
    [InlineData("GET", "/visit/device-test/result", "POST")]
    [InlineData("GET", "/sms/inbound/sandbox", "POST")]
    [InlineData("PATCH", "/sms/status/sandbox", "POST")]
    [InlineData("POST", "/t/abc.def", "GET")]
    public async Task AWrongMethod_OnAPublicAddress_Is405WithTheMethodsItTakes(string method, string path, string allowed)
    {
        var response = await app.CreateBrowserlessClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains(allowed, response.Content.Headers.Allow);
        Assert.Null(response.Headers.Location);
        if (method != "HEAD") Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AFormPostedToTheDeviceTestResult_Is415()
    {
        var response = await app.CreateBrowserlessClient().PostAsync("/visit/device-test/result?pass=x",
            new FormUrlEncodedContent([new("camera", "true")]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task AFormPostedToTheZoomWebhook_Is415_WithItsCode()
    {
        var response = await app.CreateBrowserlessClient().PostAsync("/zoom/webhooks", new FormUrlEncodedContent([new("event", "meeting.started")]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("EZ-W009", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task JsonWithACharset_IsStillAcceptedAsJsonByTheWebhook()
    {
        var response = await app.CreateBrowserlessClient().PostAsync("/zoom/webhooks",
            new StringContent("{\"event\":\"meeting.started\"}", Encoding.UTF8, "application/json"));

        // Past the content-type check: refused for its (missing) signature, not for its type.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("EZ-W009", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused_AndTheAdminStaysSignedIn()
    {
        var admin = await app.SignedInAdminAsync();

        var forged = await admin.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/tenants")).StatusCode);
    }

    [Fact]
    public async Task SignOut_FromThePortalsOwnForm_SignsOut()
    {
        var admin = await app.SignedInAdminAsync();

        var signedOut = await EpicZoomApp.PostFormAsync(admin, "/tenants", "/account/logout", []);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/admin/tenants")).StatusCode);
    }
}
