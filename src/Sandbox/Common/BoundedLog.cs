namespace EpicZoom.Sandbox.Common;

/// <summary>An append-only, thread-safe record of calls that keeps only the newest entries.</summary>
internal sealed class BoundedLog<T>(int capacity)
{
    private readonly Lock gate = new();
    private readonly Queue<T> entries = new();
    private readonly int capacity = Math.Max(1, capacity);

    public void Add(T entry)
    {
        lock (gate)
        {
            entries.Enqueue(entry);
            while (entries.Count > capacity)
            {
                entries.Dequeue();
            }
        }
    }

    /// <summary>A snapshot, oldest first.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (gate)
        {
            return entries.ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
