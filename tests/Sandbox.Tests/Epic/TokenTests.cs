using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Sandbox.Tests.Epic;

public sealed class TokenTests
{
    [Fact]
    public async Task AuthorizeThenToken_WithClientSecretBasic_ReturnsTokenAndProviderLaunchContext()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var launch = await flow.LaunchAsync("type=provider&csn=123456789&firstName=Dana&lastName=Doctor&userId=EMP42&providerId=ePDANA&noRedirect=true");

        using var response = await flow.TokenWithSecretAsync(await flow.CodeAsync(launch));
        var token = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.False(string.IsNullOrEmpty(token.Str("access_token")));
        Assert.Equal("Bearer", token.Str("token_type"));
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        Assert.Equal("launch openid fhirUser", token.Str("scope"));
        Assert.Equal("false", token.Str("need_patient_banner"));
        Assert.False(string.IsNullOrEmpty(token.Str("patient")));
        Assert.False(string.IsNullOrEmpty(token.Str("encounter")));
        Assert.Equal("123456789", token.Str("epicSessionId"));
        Assert.Equal("Dana", token.Str("firstName"));
        Assert.Equal("Doctor", token.Str("lastName"));
        Assert.Equal("EMP42", token.Str("epicUserId"));
        Assert.Equal("false", token.Str("useProviderZoomAccount"));
        Assert.Equal("true", token.Str("noRedirect"));
        Assert.False(token.TryGetProperty("roomName", out _));
        Assert.False(token.TryGetProperty("encounterProviderId", out _));

        var idToken = await ValidateIdTokenAsync(host, token.Str("id_token"));
        Assert.Equal("ePDANA", idToken.Subject);
        Assert.Equal(host.FhirBase + "/Practitioner/ePDANA", idToken.GetClaim("fhirUser").Value);
    }

    [Theory]
    [InlineData("patient", "Patient/", new[] { "epicSessionId", "epicUserId", "firstName", "lastName", "encounterProviderId", "useProviderZoomAccount", "noRedirect" })]
    [InlineData("nurse", "Practitioner/", new[] { "epicSessionId", "firstName", "lastName", "epicProviderId", "useProviderZoomAccount", "noRedirect" })]
    [InlineData("zoomroom", "Practitioner/", new[] { "epicSessionId", "epicProviderId", "useProviderZoomAccount", "roomName", "roomDisplay", "noRedirect" })]
    [InlineData("devicetest", "Patient/", new[] { "epicSessionId", "epicUserId", "firstName", "lastName" })]
    public async Task Token_ForEachLaunchType_CarriesThatFdiRecordsContextFields(string type, string fhirUserType, string[] fields)
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.TokenWithSecretAsync(await flow.CodeAsync(await flow.LaunchAsync("type=" + type)));
        var token = await response.JsonAsync(HttpStatusCode.OK);

        string[] all = ["epicSessionId", "firstName", "lastName", "epicUserId", "epicProviderId", "encounterProviderId", "useProviderZoomAccount", "noRedirect", "roomName", "roomDisplay"];
        Assert.Equal(fields.Order(), all.Where(f => token.TryGetProperty(f, out _)).Order());
        var idToken = await ValidateIdTokenAsync(host, token.Str("id_token"));
        Assert.StartsWith(host.FhirBase + "/" + fhirUserType, idToken.GetClaim("fhirUser").Value);
    }

    [Fact]
    public async Task AuthorizeThenToken_WithPrivateKeyJwtRs384_Succeeds()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.TokenWithAssertionAsync(await flow.CodeAsync(await flow.LaunchAsync()), flow.Assertion());

        var token = await response.JsonAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(token.Str("access_token")));
    }

    [Fact]
    public async Task AuthorizeThenToken_WithPrivateKeyJwtEs384_Succeeds()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.TokenWithAssertionAsync(await flow.CodeAsync(await flow.LaunchAsync()), flow.Assertion(SecurityAlgorithms.EcdsaSha384));

        await response.JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ClientJwks_IsFetchedOnceForItsKeys_AndAgainForAKeyReplacedUnderTheSameKid()
    {
        var replaced = new TestKeys();
        var serveReplaced = false;
        var fetches = 0;
        await using var host = await SandboxHost.StartAsync(new SandboxHostSettings
        {
            Middleware = async (context, next) =>
            {
                if (context.Request.Path == "/jwks/sandbox")
                {
                    Interlocked.Increment(ref fetches);
                    if (Volatile.Read(ref serveReplaced))
                    {
                        await Microsoft.AspNetCore.Http.Results.Text(replaced.JwksJson, "application/json").ExecuteAsync(context);
                        return;
                    }
                }
                await next(context);
            },
        });
        var flow = new SmartFlow(host);

        for (var i = 0; i < 3; i++)
        {
            using var response = await flow.TokenWithAssertionAsync(await flow.CodeAsync(await flow.LaunchAsync()), flow.Assertion());
            await response.JsonAsync(HttpStatusCode.OK);
        }
        Assert.Equal(1, fetches);

        // The client publishes a new key under the same kid and signs with it: the copy fetched before does not verify
        // the assertion, so the set is fetched again and the new key does.
        Volatile.Write(ref serveReplaced, true);
        using (var response = await flow.TokenWithAssertionAsync(await flow.CodeAsync(await flow.LaunchAsync()),
                   replaced.ClientAssertion(SandboxDefaults.EpicClientId, host.TokenUrl)))
            await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, fetches);

        // The old key is no longer published: an assertion it signs is refused.
        using var old = await flow.TokenWithAssertionAsync(await flow.CodeAsync(await flow.LaunchAsync()), flow.Assertion());
        await AssertOAuthErrorAsync(old, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_WithWrongPkceVerifier_IsInvalidGrant()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var code = await flow.CodeAsync(await flow.LaunchAsync());

        using var response = await flow.TokenWithSecretAsync(code, verifier: new SmartFlow(host).Verifier);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_WithReusedCode_IsInvalidGrant()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var code = await flow.CodeAsync(await flow.LaunchAsync());
        using var first = await flow.TokenWithSecretAsync(code);
        await first.JsonAsync(HttpStatusCode.OK);

        using var second = await flow.TokenWithSecretAsync(code);

        await AssertOAuthErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_AfterCodeExpired_IsInvalidGrant()
    {
        var time = FakeClock.StartingNow();
        await using var host = await SandboxHost.StartAsync(time: time);
        var flow = new SmartFlow(host);
        var code = await flow.CodeAsync(await flow.LaunchAsync());
        time.Advance(TimeSpan.FromMinutes(6));

        using var response = await flow.TokenWithSecretAsync(code);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_WithWrongClientSecret_IsInvalidClient()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.TokenWithSecretAsync(await flow.CodeAsync(await flow.LaunchAsync()), secret: "wrong");

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Token_WithClientAssertionSignedRs256_IsInvalidClient()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.TokenWithAssertionAsync(await flow.CodeAsync(await flow.LaunchAsync()), flow.Assertion(SecurityAlgorithms.RsaSha256));

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_WithExpiredClientAssertion_IsInvalidClient()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.TokenWithAssertionAsync(
            await flow.CodeAsync(await flow.LaunchAsync()), flow.Assertion(expires: DateTimeOffset.UtcNow.AddMinutes(-1)));

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_WithClientAssertionExpiringTooFarAhead_IsInvalidClient()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.TokenWithAssertionAsync(
            await flow.CodeAsync(await flow.LaunchAsync()), flow.Assertion(expires: DateTimeOffset.UtcNow.AddMinutes(30)));

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_WithClientAssertionForAnotherAudience_IsInvalidClient()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var assertion = host.Keys.ClientAssertion(SandboxDefaults.EpicClientId, "https://fhir.example/token");

        using var response = await flow.TokenWithAssertionAsync(await flow.CodeAsync(await flow.LaunchAsync()), assertion);

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_WithReplayedClientAssertionJti_IsInvalidClient()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        using var first = await flow.TokenWithAssertionAsync(await flow.CodeAsync(await flow.LaunchAsync()), flow.Assertion(jti: "once"));
        await first.JsonAsync(HttpStatusCode.OK);

        using var replay = await flow.TokenWithAssertionAsync(await flow.CodeAsync(await flow.LaunchAsync()), flow.Assertion(jti: "once"));

        await AssertOAuthErrorAsync(replay, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_WithClientCredentialsAndPrivateKeyJwt_IssuesBackendToken()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.BackendTokenAsync(flow.Assertion());
        var token = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Bearer", token.Str("token_type"));
        Assert.False(token.TryGetProperty("id_token", out _));
        Assert.False(token.TryGetProperty("patient", out _));
    }

    [Fact]
    public async Task Token_WithBasicAndClientIdInBody_IsInvalidRequest()
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/epic/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = SandboxDefaults.EpicClientId }),
        };
        request.Headers.Authorization = SandboxHost.Basic(SandboxDefaults.EpicClientId, SandboxDefaults.EpicClientSecret);

        using var response = await host.Client.SendAsync(request);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task ClientRegisteredOverTestApi_CanExchangeCodes()
    {
        await using var host = await SandboxHost.StartAsync();
        var redirect = host.BaseUrl + "/other/callback";
        using var registered = await host.Client.PostAsJsonAsync("/sandbox/epic/_test/clients", new
        {
            clientId = "tenant-b",
            clientSecret = "b-secret",
            redirectUris = new[] { redirect },
        });
        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        var flow = new SmartFlow(host);
        using var authorize = await flow.AuthorizeAsync(await flow.LaunchAsync(), new Dictionary<string, string?> { ["client_id"] = "tenant-b", ["redirect_uri"] = redirect });
        var code = SmartFlow.Query(authorize.Headers.Location!)["code"];

        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/sandbox/epic/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirect,
                ["code_verifier"] = flow.Verifier,
            }),
            Headers = { Authorization = SandboxHost.Basic("tenant-b", "b-secret") },
        });

        await response.JsonAsync(HttpStatusCode.OK);
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.JsonAsync(status);
        Assert.Equal(error, body.Str("error"));
        Assert.False(string.IsNullOrEmpty(body.Str("error_description")));
    }

    private static async Task<JsonWebToken> ValidateIdTokenAsync(SandboxHost host, string idToken)
    {
        var jwks = new JsonWebKeySet(await host.Client.GetStringAsync("/sandbox/epic/api/FHIR/R4/.well-known/jwks.json"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = host.FhirBase,
            ValidAudience = SandboxDefaults.EpicClientId,
            IssuerSigningKeys = jwks.Keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
