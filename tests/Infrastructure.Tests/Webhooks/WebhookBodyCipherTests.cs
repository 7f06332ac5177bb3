using System.Security.Cryptography;
using System.Text;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.Infrastructure.Security;
using EpicZoom.Infrastructure.Webhooks;
using EpicZoom.TestSupport;
using EpicZoom.TestSupport.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Infrastructure.Tests.Webhooks;

public sealed class WebhookBodyCipherTests(SqliteFiles files) : IClassFixture<SqliteFiles>
{
    private static readonly TenantId Tenant = new(Guid.Parse("6a1f0c1e-9d4b-4a57-9a64-0f2b9d1e5c01"));
    private const string Hash = "ABCDEF";
    private readonly IDataProtectionProvider keyRing = new EphemeralDataProtectionProvider();

    [Fact]
    public async Task Body_RoundTrips_AndIsNotStoredInTheClear()
    {
        var cipher = await NewCipherAsync(await NewDatabaseAsync());
        var body = Encoding.UTF8.GetBytes("""{"user_name":"Renée"}""");

        var stored = cipher.Protect(Tenant, Hash, body);

        Assert.StartsWith("g1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Ren", stored, StringComparison.Ordinal);
        Assert.Equal(body, cipher.Unprotect(Tenant, Hash, stored));
    }

    [Fact]
    public async Task TamperedCiphertext_OrAnotherRowsTenantOrHash_FailsToDecrypt()
    {
        var cipher = await NewCipherAsync(await NewDatabaseAsync());
        var stored = cipher.Protect(Tenant, Hash, "secret body"u8);
        var sealedBytes = Convert.FromBase64String(stored[(stored.LastIndexOf(':') + 1)..]);
        sealedBytes[^1] ^= 1;
        var tampered = stored[..(stored.LastIndexOf(':') + 1)] + Convert.ToBase64String(sealedBytes);

        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(Tenant, Hash, tampered));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(TenantId.New(), Hash, stored));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(Tenant, "ABCDEE", stored));
    }

    [Fact]
    public async Task RowWrittenBeforeAesGcm_WithDataProtection_StillDecrypts()
    {
        var connection = await NewDatabaseAsync();
        var legacy = new DataProtectionSecretProtector(keyRing);
        var cipher = await NewCipherAsync(connection);

        Assert.Equal("""{"event":"old"}"""u8.ToArray(), cipher.Unprotect(Tenant, Hash, legacy.Protect("""{"event":"old"}""")));
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabase_ShareOneDataKey_KeptWrappedInTheDatabase()
    {
        var connection = await NewDatabaseAsync();
        var first = await NewCipherAsync(connection);
        var stored = first.Protect(Tenant, Hash, "shared"u8);
        var second = await NewCipherAsync(connection);

        Assert.Equal("shared"u8.ToArray(), second.Unprotect(Tenant, Hash, second.Protect(Tenant, Hash, "shared"u8)));
        Assert.Equal("shared"u8.ToArray(), second.Unprotect(Tenant, Hash, stored));
        await using var db = files.Open(connection);
        var key = Assert.Single(await db.Set<DataKey>().ToListAsync());
        Assert.Equal(WebhookBodyCipher.Purpose, key.Purpose);
        Assert.NotEqual(44, key.WrappedKey.Length); // not a bare base64 of the 32 raw bytes: wrapped by the key ring
    }

    [Fact]
    public async Task SecretsCache_IsEmptiedWhenThisInstanceSavesATenant_AndOtherInstancesCatchUpAfterTheTtl()
    {
        var connection = await NewDatabaseAsync();
        var protector = new DataProtectionSecretProtector(keyRing);
        var clock = FakeClock.StartingNow();
        var here = new WebhookSecrets(clock);
        var elsewhere = new WebhookSecrets(clock);
        var interceptor = new TenantChangeInterceptor(here);
        AppDbContext Open() => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(connection).AddInterceptors(interceptor).Options);

        var id = await SeedTenantAsync(Open, "cache", protector.Protect("first"), clock.UtcNow);
        await using (var db = Open())
        {
            Assert.Equal("first", Assert.Single(await here.SignersAsync(db, protector, default)).Secret);
            Assert.Equal("first", Assert.Single(await elsewhere.SignersAsync(db, protector, default)).Secret);
            var tenant = await db.Tenants.SingleAsync(t => t.Id == id);
            tenant.SetProtectedSecret(TenantSecret.ZoomWebhookSecretToken, protector.Protect("second"), clock.UtcNow);
            await db.SaveChangesAsync();

            Assert.Equal("second", Assert.Single(await here.SignersAsync(db, protector, default)).Secret);
            Assert.Equal("first", Assert.Single(await elsewhere.SignersAsync(db, protector, default)).Secret);
            clock.Advance(WebhookSecrets.TimeToLive);
            Assert.Equal("second", Assert.Single(await elsewhere.SignersAsync(db, protector, default)).Secret);
        }
    }

    [Fact]
    public async Task SecretsCache_OldByTime_IsReadAgainByOneRequest_WhileTheOthersKeepTheListTheyHave()
    {
        var connection = await NewDatabaseAsync();
        var protector = new DataProtectionSecretProtector(keyRing);
        var clock = FakeClock.StartingNow();
        var elsewhere = new WebhookSecrets(clock);
        AppDbContext Open() => files.Open(connection);

        var id = await SeedTenantAsync(Open, "stale", protector.Protect("first"), clock.UtcNow);
        await using (var db = Open())
            Assert.Equal("first", Assert.Single(await elsewhere.SignersAsync(db, protector, default)).Secret);
        await using (var db = Open())
        {
            // Saved by another instance: this cache learns of it only by time.
            var tenant = await db.Tenants.SingleAsync(t => t.Id == id);
            tenant.SetProtectedSecret(TenantSecret.ZoomWebhookSecretToken, protector.Protect("second"), clock.UtcNow);
            await db.SaveChangesAsync();
        }
        clock.Advance(WebhookSecrets.TimeToLive);

        var slow = new GatedProtector(protector);
        await using var refreshingDb = Open();
        var refresh = Task.Run(() => elsewhere.SignersAsync(refreshingDb, slow, default));
        Assert.True(slow.Entered.Wait(TimeSpan.FromSeconds(10)), "the refresh did not reach the secrets");

        var counting = new CountingProtector(protector);
        await using (var db = Open())
            Assert.Equal("first", Assert.Single(await elsewhere.SignersAsync(db, counting, default)).Secret);
        Assert.Equal(0, counting.Calls);

        slow.Release.Set();
        Assert.Equal("second", Assert.Single(await refresh).Secret);
        await using (var db = Open())
            Assert.Equal("second", Assert.Single(await elsewhere.SignersAsync(db, counting, default)).Secret);
        Assert.Equal(0, counting.Calls); // the refreshed list is kept
    }

    /// <summary>Holds its first Unprotect until released: a tenant read caught in the middle.</summary>
    private sealed class GatedProtector(ISecretProtector inner) : ISecretProtector
    {
        public ManualResetEventSlim Entered { get; } = new();
        public ManualResetEventSlim Release { get; } = new();
        public string Protect(string plaintext) => inner.Protect(plaintext);

        public string Unprotect(string protectedValue)
        {
            Entered.Set();
            Release.Wait(TimeSpan.FromSeconds(30));
            return inner.Unprotect(protectedValue);
        }
    }

    private sealed class CountingProtector(ISecretProtector inner) : ISecretProtector
    {
        public int Calls;
        public string Protect(string plaintext) => inner.Protect(plaintext);

        public string Unprotect(string protectedValue)
        {
            Interlocked.Increment(ref Calls);
            return inner.Unprotect(protectedValue);
        }
    }

    private async Task<string> NewDatabaseAsync()
    {
        var connection = await files.CreateDatabaseAsync("cipher");
        await using var db = files.Open(connection);
        await db.Database.MigrateAsync();
        return connection;
    }

    private Task<IWebhookBodyCipher> NewCipherAsync(string connection)
    {
        var services = new ServiceCollection().AddScoped<AppDbContext>(_ => files.Open(connection)).BuildServiceProvider();
        IWebhookBodyCipher cipher = new WebhookBodyCipher(services.GetRequiredService<IServiceScopeFactory>(), keyRing,
            new DataProtectionSecretProtector(keyRing), TimeProvider.System);
        return Task.FromResult(cipher);
    }

    /// <summary>A tenant whose Zoom webhook secret is <paramref name="protectedSecret"/>, saved on its own.</summary>
    private static async Task<TenantId> SeedTenantAsync(Func<AppDbContext> open, string name, string protectedSecret, DateTime now)
    {
        await using var db = open();
        var tenant = TestTenants.Valid(name, now);
        tenant.SetProtectedSecret(TenantSecret.ZoomWebhookSecretToken, protectedSecret, now);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }
}
