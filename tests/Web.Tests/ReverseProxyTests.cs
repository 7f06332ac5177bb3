using System.Net;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests;

/// <summary>
/// Behind nginx (docs/deployment.md): X-Forwarded-Proto from a known proxy (loopback by default) makes the request
/// https for everything after it — redirects, HSTS, cookies' Secure flag; from anyone else it is ignored.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string PublicHost = "epiczoom.example.org";

    [Fact]
    public async Task ForwardedProtoFromLoopback_IsBelieved_SoRedirectsAndCookiesAreHttps()
    {
        using var app = new EpicZoomApp(kestrel: true);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.ServerAddress) };

        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/tenants");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        proxied.Headers.Host = PublicHost; // HSTS leaves localhost out
        var behindNginx = await http.SendAsync(proxied);
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/tenants");
        plain.Headers.Host = PublicHost;
        var direct = await http.SendAsync(plain);

        Assert.Equal(HttpStatusCode.Redirect, behindNginx.StatusCode);
        Assert.Equal("https", behindNginx.Headers.Location!.Scheme);
        Assert.True(behindNginx.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("http", direct.Headers.Location!.Scheme);
        Assert.False(direct.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ForwardedProtoFromAnUnknownProxy_IsIgnored()
    {
        using var app = new EpicZoomApp(new Dictionary<string, string?> { ["ReverseProxy:KnownProxies:0"] = "10.9.8.7" }, kestrel: true);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.ServerAddress) };

        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/tenants");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        proxied.Headers.Host = PublicHost;
        var response = await http.SendAsync(proxied);

        Assert.Equal("http", response.Headers.Location!.Scheme);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
