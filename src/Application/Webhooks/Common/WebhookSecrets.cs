using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Webhooks.Common;

/// <summary>A tenant that may have signed a webhook: its Zoom account and its webhook secret token, unprotected.</summary>
public sealed record WebhookSigner(TenantId TenantId, string? AccountId, string Secret);

/// <summary>
/// Every tenant's webhook secret, read and unprotected once and kept in memory, so a webhook costs no query and no
/// Data Protection call. A save that touches a tenant in this process calls <see cref="Invalidate"/> (an EF
/// interceptor does, whichever command saved it); another instance on the same database sees the change after at
/// most <see cref="TimeToLive"/>.
/// </summary>
/// <remarks>
/// It takes the protector per call rather than in its constructor: the EF interceptor that invalidates it is built with
/// every DbContext, and the key ring behind the protector reads a DbContext itself (a constructor cycle would deadlock).
/// </remarks>
public sealed class WebhookSecrets(TimeProvider clock)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(long Generation, DateTimeOffset LoadedAt, IReadOnlyList<WebhookSigner> Signers);

    private long generation;
    private Snapshot? current;
    private int refreshing;

    /// <summary>Drops the cached list; the next webhook reads the tenants again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref current, null);
    }

    public async Task<IReadOnlyList<WebhookSigner>> SignersAsync(IAppDbContext db, ISecretProtector protector, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref current);
        var wanted = Interlocked.Read(ref generation);
        if (snapshot is not null && snapshot.Generation == wanted)
        {
            if (clock.GetUtcNow() - snapshot.LoadedAt < TimeToLive) return snapshot.Signers;
            // Old by time only (nothing saved here since): one request reads the tenants again while the others keep
            // the list they have, instead of every request in flight querying at once.
            if (Interlocked.CompareExchange(ref refreshing, 1, 0) != 0) return snapshot.Signers;
            try
            {
                return await LoadAsync(db, protector, wanted, ct);
            }
            finally
            {
                Volatile.Write(ref refreshing, 0);
            }
        }
        return await LoadAsync(db, protector, wanted, ct);
    }

    private async Task<IReadOnlyList<WebhookSigner>> LoadAsync(IAppDbContext db, ISecretProtector protector, long wanted, CancellationToken ct)
    {
        var rows = await db.Tenants.AsNoTracking().Where(t => t.ZoomWebhookSecretTokenProtected != null)
            .Select(t => new { t.Id, t.Zoom.AccountId, Protected = t.ZoomWebhookSecretTokenProtected! }).ToListAsync(ct);
        var signers = rows.Select(r => new WebhookSigner(r.Id, r.AccountId, protector.Unprotect(r.Protected))).ToList();
        // A tenant saved while this list was read invalidated it: keep the list for this webhook only.
        if (Interlocked.Read(ref generation) == wanted)
            Volatile.Write(ref current, new Snapshot(wanted, clock.GetUtcNow(), signers));
        return signers;
    }
}
