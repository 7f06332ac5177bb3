namespace EpicZoom.Sandbox.Common;

/// <summary>
/// A thread-safe keyed store that forgets its oldest entries beyond a capacity, so a sandbox
/// left running for days cannot grow without limit. <see cref="TryTake"/> is the atomic
/// "use once" operation (launch tokens, codes): two concurrent callers never both win.
/// </summary>
internal sealed class BoundedStore<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> index;
    private readonly LinkedList<KeyValuePair<TKey, TValue>> order = new();
    private readonly int capacity;

    public BoundedStore(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        this.capacity = Math.Max(1, capacity);
        index = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(comparer);
    }

    /// <summary>Adds or replaces; a replaced entry counts as the newest.</summary>
    public void Set(TKey key, TValue value)
    {
        lock (gate)
        {
            RemoveUnlocked(key);
            AddUnlocked(key, value);
        }
    }

    /// <summary>Adds only when the key is absent; false means someone else holds it.</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        lock (gate)
        {
            if (index.ContainsKey(key))
            {
                return false;
            }

            AddUnlocked(key, value);
            return true;
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (gate)
        {
            if (index.TryGetValue(key, out var node))
            {
                value = node.Value.Value;
                return true;
            }

            value = default!;
            return false;
        }
    }

    /// <summary>
    /// Replaces an existing entry in place (it keeps its age) in one step; false when the key is
    /// absent, so an update racing a removal or reset never brings the entry back.
    /// </summary>
    public bool TryUpdate(TKey key, Func<TValue, TValue> update, out TValue updated)
    {
        lock (gate)
        {
            if (index.TryGetValue(key, out var node))
            {
                updated = update(node.Value.Value);
                node.Value = new KeyValuePair<TKey, TValue>(key, updated);
                return true;
            }

            updated = default!;
            return false;
        }
    }

    /// <summary>Removes and returns the entry in one step.</summary>
    public bool TryTake(TKey key, out TValue value)
    {
        lock (gate)
        {
            if (index.TryGetValue(key, out var node))
            {
                value = node.Value.Value;
                RemoveUnlocked(key);
                return true;
            }

            value = default!;
            return false;
        }
    }

    public bool Remove(TKey key)
    {
        lock (gate)
        {
            return RemoveUnlocked(key);
        }
    }

    public void RemoveWhere(Func<TValue, bool> predicate)
    {
        lock (gate)
        {
            var doomed = order.Where(pair => predicate(pair.Value)).Select(pair => pair.Key).ToList();
            doomed.ForEach(key => RemoveUnlocked(key));
        }
    }

    /// <summary>
    /// Removes entries from the oldest on while <paramref name="predicate"/> holds, and stops at the first that it does
    /// not: the cost is the entries removed, not the store's size (<see cref="RemoveWhere"/> reads them all).
    /// </summary>
    public void RemoveOldestWhile(Func<TValue, bool> predicate)
    {
        lock (gate)
        {
            while (order.First is { } oldest && predicate(oldest.Value.Value))
            {
                RemoveUnlocked(oldest.Value.Key);
            }
        }
    }

    /// <summary>A snapshot, oldest first.</summary>
    public IReadOnlyList<TValue> Values()
    {
        lock (gate)
        {
            return order.Select(pair => pair.Value).ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            index.Clear();
            order.Clear();
        }
    }

    private void AddUnlocked(TKey key, TValue value)
    {
        index[key] = order.AddLast(new KeyValuePair<TKey, TValue>(key, value));
        while (index.Count > capacity && order.First is { } oldest)
        {
            RemoveUnlocked(oldest.Value.Key);
        }
    }

    private bool RemoveUnlocked(TKey key)
    {
        if (!index.Remove(key, out var node))
        {
            return false;
        }

        order.Remove(node);
        return true;
    }
}
