using System.Net;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Epic;

public sealed class SmartDiscoveryTests
{
    [Fact]
    public async Task SmartConfiguration_AdvertisesEndpointsPkceAndAuthMethods()
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/epic/api/FHIR/R4/.well-known/smart-configuration");
        request.Headers.Add("Epic-Client-ID", SandboxDefaults.EpicClientId);

        using var response = await host.Client.SendAsync(request);
        var config = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Equal(host.BaseUrl + "/sandbox/epic/oauth2/authorize", config.Str("authorization_endpoint"));
        Assert.Equal(host.TokenUrl, config.Str("token_endpoint"));
        Assert.Equal(host.FhirBase + "/.well-known/jwks.json", config.Str("jwks_uri"));
        var methods = config.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("private_key_jwt", methods);
        Assert.Contains("client_secret_basic", methods);
        Assert.Equal(["S256"], config.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("launch-ehr", config.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Metadata_IsCapabilityStatementWithOAuthUris()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.GetAsync("/sandbox/epic/api/FHIR/R4/metadata");
        var statement = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("CapabilityStatement", statement.Str("resourceType"));
        var oauthUris = statement.GetProperty("rest")[0].GetProperty("security").GetProperty("extension")[0];
        Assert.Equal("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris", oauthUris.Str("url"));
        var uris = oauthUris.GetProperty("extension").EnumerateArray().ToDictionary(e => e.Str("url"), e => e.Str("valueUri"));
        Assert.Equal(host.TokenUrl, uris["token"]);
        Assert.Equal(host.BaseUrl + "/sandbox/epic/oauth2/authorize", uris["authorize"]);
    }
}
