using EpicZoom.Application.Tests.Support;
using EpicZoom.Application.Webhooks.ProcessWebhookEvents;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tests.Webhooks;

/// <summary>
/// Processors side by side over a real SQLite database: each takes only its lanes (so a meeting's events stay with one
/// processor, in order), and rows stored before lanes are processor 0's alone, the others waiting until they are done.
/// </summary>
public sealed class ProcessingLanesTests : IDisposable
{
    private readonly TestApp app = new();

    [Fact]
    public async Task EachProcessor_TakesOnlyItsLanes_AndOneProcessorTakesThemAll()
    {
        var tenant = new TenantId((await app.CreateTenant()).Id);
        // Meetings 128 and 64 are in lane 0, 65 in lane 1 and 67 in lane 3: of two processors, 0 takes lanes 0 and 2..., 1 takes 1 and 3...
        var events = await StoreAsync(tenant, 128, 65, 64, 67);

        Assert.Equal(2, await app.Send(new ProcessWebhookEventsCommand(Processor: 1, Processors: 2)));
        Assert.Equal([events[1], events[3]], Processed());
        Assert.Equal(2, await app.Send(new ProcessWebhookEventsCommand(Processor: 0, Processors: 2)));
        Assert.Equal(events.Order(), Processed().Order());

        var more = await StoreAsync(tenant, 65, 130, 999);
        Assert.Equal(3, await app.Send(new ProcessWebhookEventsCommand()));
        Assert.Equal(events.Concat(more).Order(), Processed().Order());
    }

    [Fact]
    public async Task RowsStoredBeforeLanes_AreProcessorZerosFirst_TheOthersWaitForThem()
    {
        var tenant = new TenantId((await app.CreateTenant()).Id);
        var legacy = await StoreAsync(tenant, 65);
        await using (var db = app.Db.NewContext())
            await db.WebhookEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.Lane, ZoomWebhookEvent.NoLane));
        // A newer event of the same meeting, in its lane (1): it must not overtake the legacy one.
        var newer = await StoreAsync(tenant, 65);

        Assert.Equal(0, await app.Send(new ProcessWebhookEventsCommand(Processor: 1, Processors: 2)));
        Assert.Empty(Processed());
        Assert.Equal(1, await app.Send(new ProcessWebhookEventsCommand(Processor: 0, Processors: 2)));
        Assert.Equal(legacy, Processed());
        Assert.Equal(1, await app.Send(new ProcessWebhookEventsCommand(Processor: 1, Processors: 2)));
        Assert.Equal(legacy.Concat(newer), Processed());
    }

    /// <summary>One stored event per meeting id, received a millisecond apart in that order (the bodies are unreadable here: processing notes that).</summary>
    private async Task<List<Guid>> StoreAsync(TenantId tenant, params long[] meetingIds)
    {
        await using var db = app.Db.NewContext();
        var stored = meetingIds.Select((id, i) => ZoomWebhookEvent.Receive(tenant, "meeting.participant_joined", Guid.NewGuid().ToString("N"), "body",
            app.Clock.UtcNow.AddMilliseconds(i), meetingId: id)).ToList();
        db.WebhookEvents.AddRange(stored);
        await db.SaveChangesAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        return stored.Select(e => e.Id).ToList();
    }

    private List<Guid> Processed()
    {
        using var db = app.Db.NewContext();
        return db.WebhookEvents.AsNoTracking().Where(e => e.ProcessedAtUtc != null).OrderBy(e => e.ReceivedAtUtc).Select(e => e.Id).ToList();
    }

    public void Dispose() => app.Dispose();
}
