using System.Collections.Concurrent;
using EpicZoom.Application.Visits.Common;

namespace EpicZoom.Application.Visits.GetWaitingStatus;

/// <summary>
/// A waiting patient's personal join link (the meeting's join_url with their ZAK), made once per participant and
/// handed to every later poll until <see cref="Lifetime"/>, so polls after the host is in cost no Zoom call. Zoom
/// documents a ZAK as valid for two hours (90 days for custCreate users): the link is kept for less than the shortest.
/// </summary>
public sealed class PersonalJoinLinks(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(90);
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<Guid, Entry> links = new();

    /// <summary>The participant's link; <paramref name="zak"/> is called at most once per lifetime, concurrent callers share it.</summary>
    public async Task<string> GetAsync(Guid participantId, string joinUrl, Func<CancellationToken, Task<string>> zak, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entry = links.AddOrUpdate(participantId,
            _ => New(now, joinUrl, zak),
            (_, existing) => existing.Usable(now) ? existing : New(now, joinUrl, zak));
        try
        {
            return await entry.Link.WaitAsync(ct);
        }
        catch when (entry.Link.IsFaulted)
        {
            // Let the next poll ask again instead of repeating the failure for the link's whole lifetime.
            links.TryRemove(new KeyValuePair<Guid, Entry>(participantId, entry));
            throw;
        }
    }

    private Entry New(DateTimeOffset now, string joinUrl, Func<CancellationToken, Task<string>> zak)
    {
        if (links.Count > MaxRemembered)
        {
            foreach (var (id, old) in links) if (!old.Usable(now)) links.TryRemove(new KeyValuePair<Guid, Entry>(id, old));
        }
        // Not the caller's token: other polls of the same participant may share the fetch.
        var link = new Lazy<Task<string>>(async () => JoinLinks.Personal(joinUrl, await zak(CancellationToken.None)));
        return new Entry(now + Lifetime, link);
    }

    private sealed record Entry(DateTimeOffset ExpiresAt, Lazy<Task<string>> Lazy)
    {
        public Task<string> Link => Lazy.Value;

        public bool Usable(DateTimeOffset now) => now < ExpiresAt && !(Lazy.IsValueCreated && Lazy.Value.IsFaulted);
    }
}
