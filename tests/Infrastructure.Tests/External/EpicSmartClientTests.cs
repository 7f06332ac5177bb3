using System.Net;
using EpicZoom.Application.Common.Interfaces.External;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Infrastructure.Tests.External;

public sealed class EpicSmartClientTests : SandboxTest
{
    private const string DiscoveryPath = "/sandbox/epic/api/FHIR/R4/.well-known/smart-configuration";
    private const string TokenPath = "/sandbox/epic/oauth2/token";

    [Fact]
    public async Task Endpoints_WithoutAnOAuthBase_AreDiscoveredUnderTheFhirBaseWithTheClientIdHeader()
    {
        var endpoints = await Sandbox.Smart.GetEndpointsAsync(Sandbox.EpicWithKey(), default);

        Assert.Equal(Sandbox.OAuthBase + "/authorize", endpoints.AuthorizeUrl);
        Assert.Equal(Sandbox.TokenUrl, endpoints.TokenUrl);
        var discovery = Assert.Single(Sandbox.Requests.To("GET", DiscoveryPath));
        Assert.Equal(SandboxServer.EpicClientId, discovery.EpicClientId);
    }

    [Fact]
    public async Task Endpoints_OnceDiscovered_AreServedFromTheCacheWhileDiscoveryFails()
    {
        var first = await Sandbox.Smart.GetEndpointsAsync(Sandbox.EpicWithKey(), default);
        await Sandbox.AddFaultAsync("epic", "discovery", 500, failNext: 5);

        var second = await Sandbox.Smart.GetEndpointsAsync(Sandbox.EpicWithKey(), default);

        Assert.Equal(first, second);
        Assert.Equal(1, Sandbox.Requests.Count("GET", DiscoveryPath));
    }

    [Fact]
    public async Task Endpoints_WhenDiscoveryFailsAndNothingIsCached_ThrowEpicUnavailableAfterRetrying()
    {
        await Sandbox.AddFaultAsync("epic", "discovery", 500, failNext: 5);

        await Assert.ThrowsAsync<EpicUnavailableException>(() => Sandbox.Smart.GetEndpointsAsync(Sandbox.EpicWithKey(), default));

        Assert.Equal(3, Sandbox.Requests.Count("GET", DiscoveryPath));
    }

    [Fact]
    public async Task Endpoints_AfterAFailedDiscovery_AreDiscoveredAgainOnTheNextCall()
    {
        await Sandbox.AddFaultAsync("epic", "discovery", 500, failNext: 3);
        await Assert.ThrowsAsync<EpicUnavailableException>(() => Sandbox.Smart.GetEndpointsAsync(Sandbox.EpicWithKey(), default));

        var endpoints = await Sandbox.Smart.GetEndpointsAsync(Sandbox.EpicWithKey(), default);

        Assert.Equal(Sandbox.TokenUrl, endpoints.TokenUrl);
    }

    [Fact]
    public async Task Endpoints_WhenSmartConfigurationIsMissing_ComeFromTheCapabilityStatement()
    {
        await Sandbox.AddFaultAsync("epic", DiscoveryPath, 404, failNext: 1);

        var endpoints = await Sandbox.Smart.GetEndpointsAsync(Sandbox.EpicWithKey(), default);

        Assert.Equal(Sandbox.OAuthBase + "/authorize", endpoints.AuthorizeUrl);
        Assert.Equal(Sandbox.TokenUrl, endpoints.TokenUrl);
        Assert.Equal(1, Sandbox.Requests.Count("GET", "/sandbox/epic/api/FHIR/R4/metadata"));
    }

    [Fact]
    public async Task Endpoints_WithAnOAuthBase_AreDerivedWithoutAnyDiscoveryCall()
    {
        await Sandbox.AddFaultAsync("epic", "discovery", 500, failNext: 5);

        var endpoints = await Sandbox.Smart.GetEndpointsAsync(Sandbox.EpicWithKey(oauthBase: Sandbox.OAuthBase + "/"), default);

        Assert.Equal(new SmartEndpoints(Sandbox.OAuthBase + "/authorize", Sandbox.TokenUrl), endpoints);
        Assert.Empty(Sandbox.Requests.All);
    }

    [Fact]
    public async Task CodeExchange_WithPrivateKeyJwt_ReturnsTheLaunchContextAndTheUser()
    {
        var client = Sandbox.EpicWithKey();
        var endpoints = await Sandbox.Smart.GetEndpointsAsync(client, default);
        var (code, verifier) = await Sandbox.AuthorizeAsync(endpoints, "type=provider&csn=700100200&providerId=ePTEST1&userId=EMP77&firstName=Dana&noRedirect=false");

        var token = await Sandbox.Smart.ExchangeCodeAsync(client, endpoints, code, verifier, Sandbox.RedirectUri, default);

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(3600, token.ExpiresIn);
        Assert.Equal("launch openid fhirUser", token.Scope);
        Assert.False(string.IsNullOrEmpty(token.Patient));
        Assert.False(string.IsNullOrEmpty(token.Encounter));
        Assert.Equal("ePTEST1", token.IdTokenSubject);
        Assert.Equal(Sandbox.FhirBase + "/Practitioner/ePTEST1", token.FhirUser);
        Assert.Equal("700100200", token.Context["epicSessionId"]);
        Assert.Equal("Dana", token.Context["firstName"]);
        Assert.Equal("EMP77", token.Context["epicUserId"]);
        Assert.Equal("false", token.Context["noRedirect"]);
        Assert.DoesNotContain("access_token", token.Context.Keys);
        Assert.DoesNotContain("patient", token.Context.Keys);

        var request = Assert.Single(Sandbox.Requests.To("POST", TokenPath));
        Assert.Null(request.AuthorizationScheme);
        Assert.Equal(SandboxServer.EpicClientId, request.EpicClientId);
        var form = QueryHelpers.ParseQuery(request.Body);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"].ToString());
        Assert.Equal(SandboxServer.EpicClientId, form["client_id"].ToString());
    }

    [Fact]
    public async Task CodeExchange_WithClientSecretBasic_ReturnsTheLaunchContextAndTheUser()
    {
        var client = Sandbox.EpicWithSecret();
        var endpoints = await Sandbox.Smart.GetEndpointsAsync(client, default);
        var (code, verifier) = await Sandbox.AuthorizeAsync(endpoints, "type=patient&csn=700100300&noRedirect=false");

        var token = await Sandbox.Smart.ExchangeCodeAsync(client, endpoints, code, verifier, Sandbox.RedirectUri, default);

        Assert.Equal(token.Patient, token.IdTokenSubject);
        Assert.Equal(Sandbox.FhirBase + "/Patient/" + token.Patient, token.FhirUser);
        Assert.Equal("700100300", token.Context["epicSessionId"]);
        Assert.Contains("encounterProviderId", token.Context.Keys);
        var request = Assert.Single(Sandbox.Requests.To("POST", TokenPath));
        Assert.Equal("Basic", request.AuthorizationScheme);
        Assert.False(QueryHelpers.ParseQuery(request.Body).ContainsKey("client_id"));
    }

    [Fact]
    public async Task CodeExchange_WithTheWrongVerifier_ThrowsInvalidGrant()
    {
        var client = Sandbox.EpicWithKey();
        var endpoints = await Sandbox.Smart.GetEndpointsAsync(client, default);
        var (code, _) = await Sandbox.AuthorizeAsync(endpoints);

        var error = await Assert.ThrowsAsync<EpicOAuthException>(() =>
            Sandbox.Smart.ExchangeCodeAsync(client, endpoints, code, "not-the-verifier-0123456789012345678901234567", Sandbox.RedirectUri, default));

        Assert.Equal("invalid_grant", error.Error);
        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public async Task CodeExchange_WithAWrongSecret_ThrowsInvalidClient()
    {
        var client = Sandbox.EpicWithSecret("wrong secret");
        var endpoints = await Sandbox.Smart.GetEndpointsAsync(client, default);
        var (code, verifier) = await Sandbox.AuthorizeAsync(endpoints);

        var error = await Assert.ThrowsAsync<EpicOAuthException>(() =>
            Sandbox.Smart.ExchangeCodeAsync(client, endpoints, code, verifier, Sandbox.RedirectUri, default));

        Assert.Equal("invalid_client", error.Error);
        Assert.Equal(401, error.HttpStatus);
    }

    [Fact]
    public async Task CodeExchange_WhenTheTokenEndpointFails_ThrowsEpicUnavailableWithoutSendingTheCodeTwice()
    {
        var client = Sandbox.EpicWithKey();
        var endpoints = await Sandbox.Smart.GetEndpointsAsync(client, default);
        var (code, verifier) = await Sandbox.AuthorizeAsync(endpoints);
        await Sandbox.AddFaultAsync("epic", "token", 500, failNext: 1);

        await Assert.ThrowsAsync<EpicUnavailableException>(() =>
            Sandbox.Smart.ExchangeCodeAsync(client, endpoints, code, verifier, Sandbox.RedirectUri, default));

        Assert.Equal(1, Sandbox.Requests.Count("POST", TokenPath));
    }

    [Fact]
    public async Task CodeExchange_WhenTheTokenEndpointIsNotOAuth_ThrowsEpicUnavailable()
    {
        Sandbox.Fake = _ => Task.FromResult(Results.Content("<html>maintenance</html>", "text/html", statusCode: 503));
        var endpoints = new SmartEndpoints(Sandbox.FakeBase + "/authorize", Sandbox.FakeBase + "/token");

        await Assert.ThrowsAsync<EpicUnavailableException>(() =>
            Sandbox.Smart.ExchangeCodeAsync(Sandbox.EpicWithSecret(), endpoints, "code", "verifier", Sandbox.RedirectUri, default));
    }

    [Fact]
    public async Task ClientAssertion_IsAnRs384JwtForTheTokenUrlThatExpiresInFourMinutes()
    {
        string? assertion = null;
        Sandbox.Fake = async http =>
        {
            assertion = (await http.Request.ReadFormAsync())["client_assertion"];
            return Results.Json(new { access_token = "opaque", token_type = "Bearer", expires_in = 300 });
        };
        var tokenUrl = Sandbox.FakeBase + "/token";

        await Sandbox.Smart.ExchangeCodeAsync(
            Sandbox.EpicWithKey(), new SmartEndpoints(Sandbox.FakeBase + "/authorize", tokenUrl), "code", "verifier", Sandbox.RedirectUri, default);

        var jwt = new JsonWebToken(assertion);
        Assert.Equal("RS384", jwt.Alg);
        Assert.Equal(SandboxServer.KeyId, jwt.Kid);
        Assert.Equal(SandboxServer.EpicClientId, jwt.Issuer);
        Assert.Equal(SandboxServer.EpicClientId, jwt.Subject);
        Assert.Equal(tokenUrl, Assert.Single(jwt.Audiences));
        Assert.Equal(TimeSpan.FromMinutes(4), jwt.ValidTo - jwt.IssuedAt);
        Assert.InRange(jwt.IssuedAt, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.True(Base64UrlEncoder.DecodeBytes(jwt.Id).Length >= 16);
        var signature = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(SandboxServer.ClientRsa.ExportParameters(false)),
            ValidateIssuer = false,
            ValidateAudience = false,
        });
        Assert.True(signature.IsValid);
    }

    [Fact]
    public async Task TokenResponse_PutsEveryOtherPlainValueIntoTheContextAsText()
    {
        Sandbox.Fake = _ => Task.FromResult(Results.Json(new Dictionary<string, object?>
        {
            ["access_token"] = "opaque",
            ["token_type"] = "Bearer",
            ["expires_in"] = "600",
            ["refresh_token"] = "never-context",
            ["epicSessionId"] = "123",
            ["need_patient_banner"] = false,
            ["attempt"] = 2,
            ["nested"] = new { a = 1 },
            ["list"] = new[] { "x" },
            ["nothing"] = null,
        }));

        var token = await Sandbox.Smart.ExchangeCodeAsync(
            Sandbox.EpicWithSecret(), new SmartEndpoints("", Sandbox.FakeBase + "/token"), "code", "verifier", Sandbox.RedirectUri, default);

        Assert.Equal(600, token.ExpiresIn);
        Assert.Null(token.IdTokenSubject);
        Assert.Equal(
            new Dictionary<string, string> { ["epicSessionId"] = "123", ["need_patient_banner"] = "false", ["attempt"] = "2" },
            token.Context);
    }

    [Theory]
    [InlineData("someone-else", 5)]
    [InlineData(SandboxServer.EpicClientId, -5)]
    public async Task TokenResponse_WithAnIdTokenForAnotherClientOrExpired_IsRefusedAsInvalidIdToken(string audience, int expiresInMinutes)
    {
        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Sandbox.FhirBase,
            Audience = audience,
            IssuedAt = now.AddMinutes(-10),
            Expires = now.AddMinutes(expiresInMinutes),
            Claims = new Dictionary<string, object> { ["sub"] = "ePTEST1" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(SandboxServer.ClientRsa), SecurityAlgorithms.RsaSha256),
        });
        Sandbox.Fake = _ => Task.FromResult(Results.Json(new { access_token = "opaque", expires_in = 600, id_token = idToken }));

        var error = await Assert.ThrowsAsync<EpicOAuthException>(() => Sandbox.Smart.ExchangeCodeAsync(
            Sandbox.EpicWithSecret(), new SmartEndpoints("", Sandbox.FakeBase + "/token"), "code", "verifier", Sandbox.RedirectUri, default));

        Assert.Equal("invalid_id_token", error.Error);
    }

    [Fact]
    public async Task BackendToken_IsRequestedOnceAndThenServedFromTheCache()
    {
        var client = Sandbox.EpicWithKey();

        var first = await Sandbox.Smart.GetBackendTokenAsync(client, default);
        var second = await Sandbox.Smart.GetBackendTokenAsync(client, default);

        Assert.Equal(first, second);
        var request = Assert.Single(Sandbox.Requests.To("POST", TokenPath));
        var form = QueryHelpers.ParseQuery(request.Body);
        Assert.Equal("client_credentials", form["grant_type"].ToString());
        Assert.True(form.ContainsKey("client_assertion"));
    }

    [Fact]
    public async Task BackendToken_SendsTheTenantsScope_AndADifferentScopeIsADifferentToken()
    {
        var client = Sandbox.EpicWithKey();

        var standard = await Sandbox.Smart.GetBackendTokenAsync(client, default);
        var narrow = await Sandbox.Smart.GetBackendTokenAsync(client with { BackendScope = "system/Patient.read" }, default);

        Assert.NotEqual(standard, narrow);
        var scopes = Sandbox.Requests.To("POST", TokenPath).Select(r => QueryHelpers.ParseQuery(r.Body)["scope"].ToString()).ToList();
        Assert.Equal([Domain.Tenants.SmartSettings.DefaultBackendScopes, "system/Patient.read"], scopes);
    }

    [Fact]
    public async Task BackendToken_AskedForByTwentyCallersAtOnce_IsRequestedOnce()
    {
        var client = Sandbox.EpicWithKey(oauthBase: Sandbox.OAuthBase);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Sandbox.Smart.GetBackendTokenAsync(client, default))));

        Assert.Single(tokens.Distinct());
        Assert.Equal(1, Sandbox.Requests.Count("POST", TokenPath));
    }

    [Fact]
    public async Task BackendToken_WithoutAPrivateKey_FallsBackToClientSecretBasic()
    {
        var token = await Sandbox.Smart.GetBackendTokenAsync(Sandbox.EpicWithSecret(oauthBase: Sandbox.OAuthBase), default);

        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal("Basic", Assert.Single(Sandbox.Requests.To("POST", TokenPath)).AuthorizationScheme);
    }

    [Fact]
    public async Task BackendToken_WhenRefused_IsNotCached()
    {
        var wrong = Sandbox.EpicWithSecret("wrong", oauthBase: Sandbox.OAuthBase);
        await Assert.ThrowsAsync<EpicOAuthException>(() => Sandbox.Smart.GetBackendTokenAsync(wrong, default));
        await Assert.ThrowsAsync<EpicOAuthException>(() => Sandbox.Smart.GetBackendTokenAsync(wrong, default));

        Assert.Equal(2, Sandbox.Requests.Count("POST", TokenPath));
    }
}
