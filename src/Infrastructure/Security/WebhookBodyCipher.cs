using System.Security.Cryptography;
using System.Text;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Tenants;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Infrastructure.Security;

/// <summary>
/// Webhook bodies under AES-256-GCM with a data key from <see cref="DataKey"/> (wrapped by the key ring, unwrapped
/// once per process): one Data Protection call per process instead of one per webhook, same guarantee (authenticated
/// encryption under a key only the key ring opens). The associated data binds the tenant id and the body hash, so a
/// ciphertext copied onto another row fails like a tampered one.
/// Format: <c>g1:{keyId}:{base64(nonce ‖ tag ‖ ciphertext)}</c>. Rows written before carry Data Protection's output
/// (base64url, never a ':') and are read with <see cref="ISecretProtector"/> as they were written.
/// </summary>
internal sealed class WebhookBodyCipher(IServiceScopeFactory scopes, IDataProtectionProvider dataProtection, ISecretProtector legacy, TimeProvider clock)
    : IWebhookBodyCipher
{
    public const string Purpose = "webhook-bodies";
    private const string Prefix = "g1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly IDataProtector wrapper = dataProtection.CreateProtector("EpicZoom.DataKeys.v1", Purpose);
    private readonly Lock gate = new();
    private Dictionary<string, byte[]> keys = new(StringComparer.Ordinal);
    private (string Id, byte[] Key)? active;

    public string Protect(TenantId tenantId, string bodyHash, ReadOnlySpan<byte> body)
    {
        var (keyId, key) = Active();
        var sealedBytes = new byte[NonceSize + TagSize + body.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
            aes.Encrypt(nonce, body, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData(tenantId, bodyHash));
        return $"{Prefix}{keyId}:{Convert.ToBase64String(sealedBytes)}";
    }

    public byte[] Unprotect(TenantId tenantId, string bodyHash, string bodyProtected)
    {
        if (!bodyProtected.StartsWith(Prefix, StringComparison.Ordinal))
            return Encoding.UTF8.GetBytes(legacy.Unprotect(bodyProtected));

        var rest = bodyProtected.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0) throw new CryptographicException("The stored webhook body is not in a known format.");
        var key = Key(rest[..colon].ToString());
        var sealedBytes = Convert.FromBase64String(rest[(colon + 1)..].ToString());
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("The stored webhook body is truncated.");
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
            AssociatedData(tenantId, bodyHash));
        return plain;
    }

    private static byte[] AssociatedData(TenantId tenantId, string bodyHash) => Encoding.UTF8.GetBytes($"{tenantId.Value:N}/{bodyHash}");

    /// <summary>
    /// Loads (or creates) the data key now, at start, so that no webhook waits for it: the first burst after a start
    /// would otherwise queue every request on this lock behind a database read and the key ring's first load.
    /// </summary>
    public void Warm() => Active();

    private (string Id, byte[] Key) Active()
    {
        if (active is { } ready) return ready;
        lock (gate)
        {
            if (active is { } again) return again;
            Load();
            if (active is null) Create();
            return active!.Value;
        }
    }

    private byte[] Key(string id)
    {
        if (keys.TryGetValue(id, out var key)) return key;
        // Written by another instance since this one loaded its keys.
        lock (gate) Load();
        return keys.TryGetValue(id, out key) ? key : throw new CryptographicException($"Data key {id} is not in the database.");
    }

    /// <summary>Every instance picks the oldest key of the purpose, so instances that raced to create one converge.</summary>
    private void Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = db.Set<DataKey>().AsNoTracking().Where(k => k.Purpose == Purpose).OrderBy(k => k.CreatedAtUtc).ThenBy(k => k.Id).ToList();
        var loaded = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var row in rows) loaded[row.Id] = wrapper.Unprotect(Convert.FromBase64String(row.WrappedKey));
        keys = loaded;
        if (rows.Count > 0) active = (rows[0].Id, loaded[rows[0].Id]);
    }

    private void Create()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(DataKey.IdLength / 2)).ToLowerInvariant();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Set<DataKey>().Add(new DataKey(id, Purpose, Convert.ToBase64String(wrapper.Protect(key)), clock.GetUtcNow().UtcDateTime));
            db.SaveChanges();
        }
        Load();
    }
}
