using EpicZoom.Sandbox.Common;

namespace EpicZoom.Sandbox.Tests;

public sealed class BoundedStoreTests
{
    [Fact]
    public void Store_BeyondCapacity_ForgetsTheOldestFirst()
    {
        var store = new BoundedStore<int, string>(capacity: 2);

        store.Set(1, "one");
        store.Set(2, "two");
        store.Set(1, "one again");
        store.Set(3, "three");

        Assert.False(store.TryGet(2, out _));
        Assert.Equal(["one again", "three"], store.Values());
    }

    [Fact]
    public async Task TryTake_RacedByManyCallers_HasExactlyOneWinner()
    {
        var store = new BoundedStore<string, int>(capacity: 10);
        store.Set("launch", 1);
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return store.TryTake("launch", out _);
        })).ToList();
        start.Set();

        Assert.Equal(1, (await Task.WhenAll(attempts)).Count(won => won));
    }

    [Fact]
    public void Log_BeyondCapacity_KeepsTheNewest()
    {
        var log = new BoundedLog<int>(capacity: 3);

        foreach (var i in Enumerable.Range(1, 5))
        {
            log.Add(i);
        }

        Assert.Equal([3, 4, 5], log.Snapshot());
    }
}
