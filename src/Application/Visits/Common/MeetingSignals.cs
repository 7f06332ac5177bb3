using System.Collections.Concurrent;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Application.Visits.Common;

/// <summary>How long a launch waits for another launch that is creating the visit's meeting, and how often it re-reads the database meanwhile.</summary>
public sealed record VisitMeetingSettings
{
    public TimeSpan WaitForOtherCreator { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The fallback for a creator on another instance (its signal cannot reach this one): the visit is read again
    /// this often. Launches on this instance are woken by <see cref="MeetingSignals"/> at once.
    /// </summary>
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Wakes launches waiting for a visit's meeting the moment the launch that created it (or gave up its claim) on this
/// instance has committed, instead of each waiter polling. A waiter takes <see cref="Next"/> before it re-reads the
/// visit, so a signal between its read and its wait is never lost.
/// </summary>
public sealed class MeetingSignals
{
    private readonly ConcurrentDictionary<VisitId, TaskCompletionSource> waiting = new();

    public Task Next(VisitId visit) =>
        waiting.GetOrAdd(visit, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>The visit's meeting or claim changed and is committed.</summary>
    public void Changed(VisitId visit)
    {
        if (waiting.TryRemove(visit, out var signal)) signal.TrySetResult();
    }
}
