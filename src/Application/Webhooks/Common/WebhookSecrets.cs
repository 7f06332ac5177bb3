using System.Collections.Concurrent;
using EpicZoom.Application.Common.Interfaces;

namespace EpicZoom.Application.Webhooks.Common;

/// <summary>
/// Tenants' webhook secret tokens, unprotected once rather than on every webhook (an event without account_id may
/// have to be tried against every tenant). Keyed by the stored ciphertext, so nothing needs invalidating: a changed
/// secret is stored as a new ciphertext and misses, a deleted tenant's is never asked for again, and the cache is
/// emptied when it grows past <see cref="MaxEntries"/> (the stale entries of changed secrets).
/// </summary>
public sealed class WebhookSecrets(ISecretProtector protector)
{
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, string> plain = new(StringComparer.Ordinal);

    public string Unprotect(string protectedSecret)
    {
        if (plain.TryGetValue(protectedSecret, out var secret)) return secret;
        if (plain.Count >= MaxEntries) plain.Clear();
        secret = protector.Unprotect(protectedSecret);
        plain[protectedSecret] = secret;
        return secret;
    }
}
