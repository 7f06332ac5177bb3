using System.Security.Cryptography;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Epic;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Infrastructure.Tests.External;

/// <summary>The RS384 client assertion, with the tenant's key imported once and reused.</summary>
public sealed class EpicClientAuthenticationTests
{
    private const string TokenUrl = "https://epic.example.org/oauth2/token";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task EveryAssertion_VerifiesWithTheTenantsKey_AndHasItsOwnJti()
    {
        using var key = RSA.Create(2048);
        var client = Client(key, "kid-1");

        var first = await ValidateAsync(EpicClientAuthentication.CreateAssertion(client, TokenUrl, Now), key);
        var second = await ValidateAsync(EpicClientAuthentication.CreateAssertion(client, TokenUrl, Now), key);

        Assert.True(first.IsValid, first.Exception?.Message);
        Assert.True(second.IsValid, second.Exception?.Message);
        Assert.NotEqual(first.SecurityToken.Id, second.SecurityToken.Id);
        Assert.Equal("kid-1", ((JsonWebToken)second.SecurityToken).Kid);
        Assert.Equal("client-1", ((JsonWebToken)second.SecurityToken).Subject);
    }

    [Fact]
    public async Task ARotatedKey_SignsTheNextAssertion_NotTheOneImportedBefore()
    {
        using var old = RSA.Create(2048);
        using var rotated = RSA.Create(2048);
        EpicClientAuthentication.CreateAssertion(Client(old, "kid-a"), TokenUrl, Now);

        var assertion = EpicClientAuthentication.CreateAssertion(Client(rotated, "kid-b"), TokenUrl, Now);

        Assert.True((await ValidateAsync(assertion, rotated)).IsValid);
        Assert.False((await ValidateAsync(assertion, old)).IsValid);
        Assert.Equal("kid-b", new JsonWebToken(assertion).Kid);
    }

    [Fact]
    public async Task ManyAtOnce_WithOneKey_AllVerify()
    {
        using var key = RSA.Create(2048);
        var client = Client(key, "kid-c");

        var assertions = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => EpicClientAuthentication.CreateAssertion(client, TokenUrl, Now))));

        foreach (var assertion in assertions) Assert.True((await ValidateAsync(assertion, key)).IsValid);
    }

    [Fact]
    public void AKeyThatCannotBeRead_IsInvalidClient_WithoutTheKeyInTheMessage()
    {
        var client = new EpicClient("t", "client-1", null, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----", "kid", "https://fhir", null);

        var error = Assert.Throws<EpicOAuthException>(() => EpicClientAuthentication.CreateAssertion(client, TokenUrl, Now));

        Assert.Equal("invalid_client", error.Error);
        Assert.DoesNotContain("not a key", error.Message);
    }

    private static EpicClient Client(RSA key, string kid) =>
        new("t", "client-1", null, key.ExportPkcs8PrivateKeyPem(), kid, "https://fhir.example.org", null);

    private static Task<TokenValidationResult> ValidateAsync(string assertion, RSA key) =>
        new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = "client-1",
            ValidAudience = TokenUrl,
            IssuerSigningKey = new RsaSecurityKey(key.ExportParameters(false)),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha384],
        });
}
