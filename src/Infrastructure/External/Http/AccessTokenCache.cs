using System.Collections.Concurrent;

namespace EpicZoom.Infrastructure.External.Http;

/// <summary>An access token and when to stop handing it out (shortly before it expires).</summary>
internal sealed class CachedAccessToken(string value, DateTimeOffset refreshAt)
{
    public string Value { get; } = value;

    public DateTimeOffset RefreshAt { get; } = refreshAt;

    /// <summary>A token valid for less than twice the margin is kept for half its life instead.</summary>
    public static CachedAccessToken Create(string value, int expiresInSeconds, TimeSpan refreshMargin, DateTimeOffset now)
    {
        var lifetime = TimeSpan.FromSeconds(Math.Max(expiresInSeconds, 0));
        var margin = refreshMargin < lifetime / 2 ? refreshMargin : lifetime / 2;
        return new CachedAccessToken(value, now + lifetime - margin);
    }

    // Never let a token reach a log through string interpolation.
    public override string ToString() => $"access token (refresh at {RefreshAt:O})";
}

/// <summary>
/// Access tokens by key, single-flight: concurrent callers for one key share one token request. The request
/// runs without any caller's cancellation token (one caller giving up must not fail the others; the resilience
/// pipeline's time budget bounds it). Failures are not cached.
/// </summary>
internal sealed class AccessTokenCache<TKey>(TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<CachedAccessToken>>> entries = new();

    public async Task<string> GetAsync(TKey key, Func<Task<CachedAccessToken>> request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entry = entries.GetOrAdd(key, static (_, request) => new Lazy<Task<CachedAccessToken>>(async () => await request()), request);
            var task = entry.Value;
            CachedAccessToken token;
            try
            {
                token = await task.WaitAsync(cancellationToken);
            }
            catch (Exception) when (task.IsFaulted || task.IsCanceled)
            {
                entries.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }

            // A token fetched on the second pass is used even if the server gave it a very short life.
            if (time.GetUtcNow() < token.RefreshAt || attempt > 0)
            {
                return token.Value;
            }

            entries.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    /// <summary>Forgets <paramref name="token"/> (the server refused it), unless another caller already replaced it.</summary>
    public void Invalidate(TKey key, string token)
    {
        if (entries.TryGetValue(key, out var entry)
            && entry.IsValueCreated
            && entry.Value.IsCompletedSuccessfully
            && entry.Value.Result.Value == token)
        {
            entries.TryRemove(KeyValuePair.Create(key, entry));
        }
    }
}
