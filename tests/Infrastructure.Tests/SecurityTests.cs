using System.Security.Cryptography;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Infrastructure.Tests;

public sealed class SecurityTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void SecretProtector_RoundTripsWithoutLeavingPlaintextInTheCiphertext()
    {
        var protector = Services(dir.Path).GetRequiredService<ISecretProtector>();

        var cipher = protector.Protect("zoom-client-secret-123");

        Assert.DoesNotContain("zoom-client-secret-123", cipher);
        Assert.Equal("zoom-client-secret-123", protector.Unprotect(cipher));
    }

    [Fact]
    public void SecretProtector_WithAnotherKeyRing_CannotReadTheSecret()
    {
        var cipher = Services(dir.Path).GetRequiredService<ISecretProtector>().Protect("webhook-token");
        using var other = new TempDirectory();

        var stranger = Services(other.Path).GetRequiredService<ISecretProtector>();

        Assert.ThrowsAny<CryptographicException>(() => stranger.Unprotect(cipher));
    }

    [Fact]
    public void SecretProtector_AfterRestartWithTheSameDataFolder_StillReadsTheSecret()
    {
        var cipher = Services(dir.Path).GetRequiredService<ISecretProtector>().Protect("epic-secret");

        Assert.Equal("epic-secret", Services(dir.Path).GetRequiredService<ISecretProtector>().Unprotect(cipher));
    }

    [Fact]
    public void GeneratedSigningKey_PublishesOnlyThePublicHalfWithAThumbprintKid()
    {
        var keys = Services(dir.Path).GetRequiredService<ISigningKeyService>();

        var pair = keys.Generate();

        using var jwk = JsonDocument.Parse(pair.PublicPart.PublicJwkJson);
        var root = jwk.RootElement;
        Assert.Equal("RSA", root.GetProperty("kty").GetString());
        Assert.Equal("RS384", root.GetProperty("alg").GetString());
        Assert.Equal(pair.PublicPart.KeyId, root.GetProperty("kid").GetString());
        foreach (var privateMember in new[] { "d", "p", "q", "dp", "dq", "qi" })
            Assert.False(root.TryGetProperty(privateMember, out _), $"JWK must not contain '{privateMember}'");

        using var rsa = RSA.Create();
        rsa.ImportFromPem(pair.PrivateKeyPem);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), root.GetProperty("n").GetString());
    }

    [Fact]
    public void ImportedPkcs1Key_GetsTheSameKidAsItsPkcs8Form()
    {
        var keys = Services(dir.Path).GetRequiredService<ISigningKeyService>();
        using var rsa = RSA.Create(2048);

        Assert.True(keys.TryImport(rsa.ExportRSAPrivateKeyPem(), out var pkcs1, out _));
        Assert.True(keys.TryImport(rsa.ExportPkcs8PrivateKeyPem(), out var pkcs8, out _));

        Assert.Equal(pkcs1!.PublicPart.KeyId, pkcs8!.PublicPart.KeyId);
        Assert.True(pkcs1.PublicPart.Imported);
    }

    [Theory]
    [InlineData("not a pem at all")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----")]
    public void Import_OfSomethingThatIsNotAnRsaPrivateKey_IsRefusedWithAReason(string pem)
    {
        var keys = Services(dir.Path).GetRequiredService<ISigningKeyService>();

        Assert.False(keys.TryImport(pem, out var pair, out var problem));
        Assert.Null(pair);
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Import_OfAnEcKey_IsRefused()
    {
        var keys = Services(dir.Path).GetRequiredService<ISigningKeyService>();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.False(keys.TryImport(ec.ExportPkcs8PrivateKeyPem(), out _, out var problem));
        Assert.Contains("RSA", problem);
    }

    [Fact]
    public void OrgIdGenerator_MakesDistinctUrlSafeIds()
    {
        var generator = Services(dir.Path).GetRequiredService<IOrgIdGenerator>();

        var ids = Enumerable.Range(0, 200).Select(_ => generator.NewOrgId()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(Domain.Tenants.OrgId.IsValid(id), id));
    }

    private static ServiceProvider Services(string dataPath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:DataPath"] = dataPath }).Build();
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration, dataPath).BuildServiceProvider();
    }
}
