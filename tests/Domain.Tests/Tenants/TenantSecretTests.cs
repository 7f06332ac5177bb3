using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Tests.Tenants;

public class TenantSecretTests
{
    public static TheoryData<TenantSecret> SettableSecrets => new()
    {
        TenantSecret.ZoomClientSecret,
        TenantSecret.ZoomWebhookSecretToken,
        TenantSecret.EpicClientSecret,
        TenantSecret.TelehealthBasicPassword,
    };

    [Fact]
    public void Create_HoldsNoSecrets()
    {
        var tenant = TenantFactory.Create();

        Assert.All(Enum.GetValues<TenantSecret>(), s => Assert.False(tenant.HasSecret(s)));
    }

    [Theory]
    [MemberData(nameof(SettableSecrets))]
    public void SetProtectedSecret_StoresTheValueOnlyInThatSecretsSlot(TenantSecret secret)
    {
        var tenant = TenantFactory.Create();

        tenant.SetProtectedSecret(secret, "cipher-1", TenantFactory.Later);

        Assert.Equal("cipher-1", tenant.GetProtectedSecret(secret));
        Assert.All(Enum.GetValues<TenantSecret>().Where(s => s != secret), s => Assert.Null(tenant.GetProtectedSecret(s)));
        Assert.Equal(TenantFactory.Later, tenant.UpdatedAtUtc);
    }

    [Fact]
    public void SetProtectedSecret_WritesTheMatchingProperty()
    {
        var tenant = TenantFactory.Create();

        tenant.SetProtectedSecret(TenantSecret.ZoomClientSecret, "c1", TenantFactory.Later);
        tenant.SetProtectedSecret(TenantSecret.ZoomWebhookSecretToken, "c2", TenantFactory.Later);
        tenant.SetProtectedSecret(TenantSecret.EpicClientSecret, "c3", TenantFactory.Later);
        tenant.SetProtectedSecret(TenantSecret.TelehealthBasicPassword, "c4", TenantFactory.Later);

        Assert.Equal(new string?[] { "c1", "c2", "c3", "c4" }, new[]
        {
            tenant.ZoomClientSecretProtected, tenant.ZoomWebhookSecretTokenProtected,
            tenant.EpicClientSecretProtected, tenant.TelehealthBasicPasswordProtected,
        });
    }

    [Theory]
    [MemberData(nameof(SettableSecrets))]
    public void SetProtectedSecret_WhenAlreadySet_ReplacesTheValue(TenantSecret secret)
    {
        var tenant = TenantFactory.Create();
        tenant.SetProtectedSecret(secret, "old", TenantFactory.Created);

        tenant.SetProtectedSecret(secret, "new", TenantFactory.Later);

        Assert.Equal("new", tenant.GetProtectedSecret(secret));
    }

    [Theory]
    [MemberData(nameof(SettableSecrets))]
    public void SetProtectedSecret_WithNull_RemovesTheSecret(TenantSecret secret)
    {
        var tenant = TenantFactory.Create();
        tenant.SetProtectedSecret(secret, "old", TenantFactory.Created);

        tenant.SetProtectedSecret(secret, null, TenantFactory.Later);

        Assert.False(tenant.HasSecret(secret));
        Assert.Equal(TenantFactory.Later, tenant.UpdatedAtUtc);
    }

    [Theory]
    [MemberData(nameof(SettableSecrets))]
    public void SetProtectedSecret_WhenValueIsEmpty_IsRejectedAndKeepsTheStoredValue(TenantSecret secret)
    {
        var tenant = TenantFactory.Create();
        tenant.SetProtectedSecret(secret, "old", TenantFactory.Created);

        var ex = Assert.Throws<DomainRuleViolationException>(() => tenant.SetProtectedSecret(secret, "", TenantFactory.Later));

        Assert.Equal("SecretNotEmpty", ex.Rule);
        Assert.Equal("old", tenant.GetProtectedSecret(secret));
    }

    [Theory]
    [InlineData("cipher")]
    [InlineData(null)]
    public void SetProtectedSecret_ForThePrivateKey_IsRejectedBecauseItChangesOnlyWithItsPublicKey(string? value)
    {
        var tenant = TenantFactory.Create();
        tenant.SetSigningKey(TenantFactory.Key(), "enc-private", TenantFactory.Created);

        var ex = Assert.Throws<DomainRuleViolationException>(() => tenant.SetProtectedSecret(TenantSecret.EpicPrivateKey, value, TenantFactory.Later));

        Assert.Equal("SigningKeyPair", ex.Rule);
        Assert.Equal("enc-private", tenant.EpicPrivateKeyProtected);
        Assert.NotNull(tenant.SigningKey);
    }

    [Fact]
    public void SetSigningKey_StoresBothHalves()
    {
        var tenant = TenantFactory.Create();
        var key = TenantFactory.Key();

        tenant.SetSigningKey(key, "enc-private", TenantFactory.Later);

        Assert.Equal(key, tenant.SigningKey);
        Assert.Equal("enc-private", tenant.GetProtectedSecret(TenantSecret.EpicPrivateKey));
        Assert.True(tenant.HasSecret(TenantSecret.EpicPrivateKey));
        Assert.Equal(TenantFactory.Later, tenant.UpdatedAtUtc);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void SetSigningKey_WithoutPrivateHalf_IsRejected(string? privateKey)
    {
        var tenant = TenantFactory.Create();

        var ex = Assert.Throws<DomainRuleViolationException>(() => tenant.SetSigningKey(TenantFactory.Key(), privateKey!, TenantFactory.Later));

        Assert.Equal("SigningKeyPair", ex.Rule);
        Assert.Null(tenant.SigningKey);
    }

    [Fact]
    public void RemoveSigningKey_RemovesBothHalves()
    {
        var tenant = TenantFactory.Create();
        tenant.SetSigningKey(TenantFactory.Key(), "enc-private", TenantFactory.Created);

        tenant.RemoveSigningKey(TenantFactory.Later);

        Assert.Null(tenant.SigningKey);
        Assert.False(tenant.HasSecret(TenantSecret.EpicPrivateKey));
        Assert.Equal(TenantFactory.Later, tenant.UpdatedAtUtc);
    }

    [Fact]
    public void GetProtectedSecret_ForUnknownSecret_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TenantFactory.Create().GetProtectedSecret((TenantSecret)99));
    }
}
