using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.GetJwks;
using EpicZoom.Application.Tests.Support;
using Microsoft.IdentityModel.Tokens;
using NSubstitute;

namespace EpicZoom.Application.Tests.Tenants;

public sealed class GetJwksTests : IDisposable
{
    private readonly TestApp app = new();

    private async Task<JsonObject> Jwks(string orgId) => JsonNode.Parse(await app.Send(new GetJwksQuery(orgId)))!.AsObject();

    [Fact]
    public async Task Get_ForATenantWithAKey_PublishesItsPublicRsaJwk()
    {
        var input = Inputs.Valid(orgId: "keyed-org");
        input.SigningKeyAction = SigningKeyAction.Generate;
        await app.CreateTenant(input);
        var privatePem = app.Protector.ReceivedCalls().Select(c => (string)c.GetArguments()[0]!).Single(a => a.Contains("PRIVATE KEY", StringComparison.Ordinal));

        var jwks = await Jwks("keyed-org");

        Assert.Equal(["keys"], jwks.Select(p => p.Key));
        var key = Assert.Single(jwks["keys"]!.AsArray())!.AsObject();
        Assert.Equal("RSA", (string?)key["kty"]);
        Assert.Equal("RS384", (string?)key["alg"]);
        Assert.Equal(app.StoredTenants().Single().SigningKey!.KeyId, (string?)key["kid"]);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privatePem);
        var expected = rsa.ExportParameters(includePrivateParameters: false);
        Assert.Equal(Base64UrlEncoder.Encode(expected.Modulus), (string?)key["n"]);
        Assert.Equal(Base64UrlEncoder.Encode(expected.Exponent), (string?)key["e"]);
        Assert.All(new[] { "d", "p", "q", "dp", "dq", "qi", "oth", "k" }, member => Assert.False(key.ContainsKey(member), member));
    }

    [Fact]
    public async Task Get_ForATenantWithoutAKey_IsAnEmptyKeySet()
    {
        await app.CreateTenant(Inputs.Valid(orgId: "keyless-org"));

        Assert.Equal("{\"keys\":[]}", await app.Send(new GetJwksQuery("keyless-org")));
    }

    [Fact]
    public async Task Get_PublishesOnlyTheRequestedTenantsKey()
    {
        var first = Inputs.Valid(orgId: "first-org");
        first.SigningKeyAction = SigningKeyAction.Import;
        first.PrivateKeyPem = SigningKeys.RsaPkcs8Pem;
        await app.CreateTenant(first);
        var input = Inputs.Valid(orgId: "second-org");
        input.SigningKeyAction = SigningKeyAction.Generate;
        await app.CreateTenant(input);
        var second = app.StoredTenants().Single(t => t.OrgId == "second-org").SigningKey!.KeyId;

        var key = Assert.Single((await Jwks("second-org"))["keys"]!.AsArray())!;

        Assert.Equal(second, (string?)key["kid"]);
    }

    [Theory]
    [InlineData("unknown-org")]
    [InlineData("../keyed-org")]
    [InlineData("")]
    [InlineData("ab")]
    public async Task Get_ForAnUnknownOrInvalidOrgId_IsNotFound(string orgId)
    {
        await app.CreateTenant(Inputs.Valid(orgId: "keyed-org"));

        await Assert.ThrowsAsync<NotFoundException>(() => app.Send(new GetJwksQuery(orgId)));
    }

    [Fact]
    public async Task Get_WithTheOrgIdInAnotherCase_FindsTheSameTenant()
    {
        var input = Inputs.Valid(orgId: "Keyed-Org");
        input.SigningKeyAction = SigningKeyAction.Generate;
        await app.CreateTenant(input);

        var jwks = await Jwks("KEYED-ORG");

        Assert.Single(jwks["keys"]!.AsArray());
    }

    [Fact]
    public void UrlFor_IsThePublicBaseUrlWithJwksAndTheOrgId()
    {
        Assert.Equal("https://ez.example.org/jwks/acme-health", GetJwksQuery.UrlFor(app.Urls, "acme-health"));
    }

    public void Dispose() => app.Dispose();
}
