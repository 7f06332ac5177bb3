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
    public void RemoveOldestWhile_StopsAtTheFirstEntryThatDoesNotMatch()
    {
        var store = new BoundedStore<string, int>(capacity: 10);
        store.Set("a", 1);
        store.Set("b", 2);
        store.Set("c", 9);
        store.Set("d", 3);

        store.RemoveOldestWhile(expiry => expiry <= 5);

        // "d" matches too, but waits behind "c": kept longer, never removed early.
        Assert.Equal([9, 3], store.Values());
        store.RemoveOldestWhile(expiry => expiry <= 9);
        Assert.Empty(store.Values());
    }

    [Fact]
    public void FhirStore_FindsTheEncounterOfACsnSavedLast_AndForgetsOneTheCapDropped()
    {
        var fhir = new EpicZoom.Sandbox.Epic.Fhir.FhirStore(Microsoft.Extensions.Options.Options.Create(new EpicZoom.Sandbox.SandboxOptions { MaxStoredItems = 2 }));
        fhir.Save(new EpicZoom.Sandbox.Epic.Fhir.SandboxEncounter("e1", "100", "p1", "dr1", []));
        fhir.Save(new EpicZoom.Sandbox.Epic.Fhir.SandboxEncounter("e2", "100", "p1", "dr2", []));

        Assert.Equal("e2", fhir.EncounterByCsn("100")?.Id);
        Assert.Null(fhir.EncounterByCsn("200"));

        fhir.Save(new EpicZoom.Sandbox.Epic.Fhir.SandboxEncounter("e3", "200", "p2", "dr1", []));
        fhir.Save(new EpicZoom.Sandbox.Epic.Fhir.SandboxEncounter("e4", "300", "p3", "dr1", []));

        Assert.Null(fhir.EncounterByCsn("100"));
        Assert.Equal("e3", fhir.EncounterByCsn("200")?.Id);
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
