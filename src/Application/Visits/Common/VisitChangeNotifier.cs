using EpicZoom.Domain.Visits;

namespace EpicZoom.Application.Visits.Common;

/// <summary>
/// In-process wake-ups keyed by visit: the waiting page's long-poll subscribes, and the database layer publishes the
/// ids of visits whose host-joined or ended state was committed (Infrastructure's VisitChangeInterceptor). Changes
/// committed by another instance are not published here: the waiting page's shared check
/// (GetWaitingStatus.MeetingStatusChecks, every few seconds per visit) reads the visit and publishes what it finds.
/// </summary>
public sealed class VisitChangeNotifier
{
    private readonly Lock gate = new();
    private readonly Dictionary<VisitId, Slot> slots = [];

    /// <summary>
    /// Subscribe before reading the visit's state, so a change committed between the read and the wait is not missed.
    /// Dispose when done: the last subscriber of a visit removes its slot, so quiet visits hold no memory.
    /// </summary>
    public Subscription Subscribe(VisitId visitId)
    {
        lock (gate)
        {
            if (!slots.TryGetValue(visitId, out var slot)) slots[visitId] = slot = new Slot();
            slot.Subscribers++;
            return new Subscription(this, visitId, slot);
        }
    }

    /// <summary>Wakes every subscriber of these visits (called after the commit that changed them).</summary>
    public void Publish(IEnumerable<VisitId> visitIds)
    {
        List<Slot>? woken = null;
        lock (gate)
        {
            foreach (var id in visitIds)
            {
                if (slots.Remove(id, out var slot)) (woken ??= []).Add(slot);
            }
        }
        // Outside the lock: continuations run asynchronously anyway, but a long list should not hold the gate.
        foreach (var slot in woken ?? []) slot.Changed.TrySetResult();
    }

    /// <summary>Subscribers right now, over all visits (diagnostics and the benchmark).</summary>
    public int Subscribers
    {
        get { lock (gate) return slots.Values.Sum(s => s.Subscribers); }
    }

    /// <summary>Visits with at least one subscriber right now (diagnostics and tests).</summary>
    public int WatchedVisits
    {
        get { lock (gate) return slots.Count; }
    }

    private void Leave(VisitId visitId, Slot slot)
    {
        lock (gate)
        {
            // A published slot was already removed; a newer slot for the same visit belongs to later subscribers.
            if (--slot.Subscribers == 0 && slots.TryGetValue(visitId, out var current) && ReferenceEquals(current, slot)) slots.Remove(visitId);
        }
    }

    internal sealed class Slot
    {
        public readonly TaskCompletionSource Changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Subscribers;
    }

    /// <summary>One waiter's interest in one visit; <see cref="Changed"/> completes at the next published change.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly VisitChangeNotifier owner;
        private readonly VisitId visitId;
        private readonly Slot slot;
        private bool disposed;

        internal Subscription(VisitChangeNotifier owner, VisitId visitId, Slot slot)
        {
            this.owner = owner;
            this.visitId = visitId;
            this.slot = slot;
        }

        public Task Changed => slot.Changed.Task;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            owner.Leave(visitId, slot);
        }
    }
}
