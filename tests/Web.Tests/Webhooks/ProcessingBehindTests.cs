using System.Net;
using System.Text.Json.Nodes;
using EpicZoom.Application.Webhooks.ProcessWebhookEvents;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Webhooks;
using EpicZoom.TestSupport;
using EpicZoom.Web.Tests.Launch;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// A processor that is behind applies events as one that keeps up would: in the order each became due (a leave once
/// it has settled, Notifications:LeaveSettle), not in the order they arrived. The background processor is taken out
/// of this app, so the webhooks wait in the inbox and the test processes them when it chooses (<see cref="EpicZoomApp.DrainAsync"/>)
/// — exactly a processor that fell behind under load.
/// </summary>
public sealed class ProcessingBehindTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private static readonly DateTimeOffset T0 = new(DateTimeOffset.UtcNow.Year, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly SandboxedApp sandbox = new(Task.Run(() => EpicZoomApp.StartAsync(new EpicZoomAppOptions
    {
        Sandbox = true,
        Kestrel = true,
        Settings = new Dictionary<string, string?> { ["Notifications:LeaveSettle"] = "00:00:01" },
        ExtraServices = services =>
        {
            var processor = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "WebhookProcessingWorker");
            services.Remove(processor);
        },
    })).GetAwaiter().GetResult());

    public void Dispose() => sandbox.Dispose();

    /// <summary>
    /// A reconnect: the patient's session leaves and a new session joins a second later, both arriving before the
    /// leave settled. Processed late, together, the join still goes first: one unbroken stay, Epic hears nothing.
    /// </summary>
    [Fact]
    public async Task Behind_AReconnectWithinTheSettle_IsStillOneStay_NoDisconnectReported()
    {
        var (visit, left, rejoined) = await ReconnectWaitingAsync();
        await sandbox.App.DrainAsync();

        Assert.Equal("no change", (await StoredAsync(rejoined)).ProcessingNote);
        Assert.Equal("no change", (await StoredAsync(left)).ProcessingNote);
        Assert.Equal([NotificationKind.Connected], (await sandbox.RecordsAsync(visit.Csn)).Select(r => r.Kind));
        Assert.DoesNotContain(await sandbox.EpicReportsAsync(visit.Csn), r => r.GetProperty("connectionStatus").GetString() == "2");
    }

    /// <summary>
    /// The same with a backlog larger than a batch (here one event per batch): the first event by arrival is the leave,
    /// yet the join, due first, is the one taken.
    /// </summary>
    [Fact]
    public async Task Behind_ByMoreThanABatch_AReconnectWithinTheSettle_IsStillOneStay()
    {
        var (visit, left, rejoined) = await ReconnectWaitingAsync();

        Assert.Equal(1, await ProcessOneAsync());
        Assert.Equal("no change", (await StoredAsync(rejoined)).ProcessingNote);
        Assert.Null((await StoredAsync(left)).ProcessedAtUtc);
        Assert.Equal(1, await ProcessOneAsync());
        Assert.Equal("no change", (await StoredAsync(left)).ProcessingNote);
        await sandbox.App.DrainAsync();
        Assert.Equal([NotificationKind.Connected], (await sandbox.RecordsAsync(visit.Csn)).Select(r => r.Kind));
    }

    /// <summary>A leave that had settled before the next join arrived was due first and is applied first: grey, then green again.</summary>
    [Fact]
    public async Task Behind_ALeaveThatSettledBeforeTheJoinArrived_IsAppliedFirst()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var (first, second) = (NewUuid(), NewUuid());
        await PostAsync(Join(visit, first, T0));
        await sandbox.App.DrainAsync();

        var left = Left(visit, first, T0, T0.AddMinutes(1));
        await PostAsync(left);
        await SettledAsync(left);
        var rejoined = Join(visit, second, T0.AddMinutes(2));
        await PostAsync(rejoined);
        await sandbox.App.DrainAsync();

        Assert.Null((await StoredAsync(left)).ProcessingNote);
        Assert.Null((await StoredAsync(rejoined)).ProcessingNote);
        var records = (await sandbox.RecordsAsync(visit.Csn)).OrderBy(r => r.Sequence).ToList();
        Assert.Equal([NotificationKind.Connected, NotificationKind.Disconnected, NotificationKind.Connected], records.Select(r => r.Kind));
        Assert.Equal([T0.UtcDateTime, T0.AddMinutes(1).UtcDateTime, T0.AddMinutes(2).UtcDateTime], records.Select(r => r.OccurredAtUtc));
    }

    /// <summary>
    /// The patient joined (reported); then their session left and a new one joined a second later, both stored and
    /// still unprocessed, the leave now settled: a reconnect waiting for a processor that is behind.
    /// </summary>
    private async Task<(Visit Visit, byte[] Left, byte[] Rejoined)> ReconnectWaitingAsync()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var (first, second) = (NewUuid(), NewUuid());
        await PostAsync(Join(visit, first, T0));
        await sandbox.App.DrainAsync();
        Assert.Equal([NotificationKind.Connected], (await sandbox.RecordsAsync(visit.Csn)).Select(r => r.Kind));

        var left = Left(visit, first, T0, T0.AddMinutes(1));
        var rejoined = Join(visit, second, T0.AddMinutes(1).AddSeconds(1));
        await PostAsync(left);
        await PostAsync(rejoined);
        await SettledAsync(left);
        return (visit, left, rejoined);
    }

    /// <summary>One processing batch of one event, as the worker would send it.</summary>
    private Task<int> ProcessOneAsync() =>
        sandbox.App.InScopeAsync(services => services.GetRequiredService<IMediator>().Send(new ProcessWebhookEventsCommand(BatchSize: 1)));

    private static string NewUuid() => Guid.NewGuid().ToString().ToUpperInvariant();

    /// <summary>The patient, signed in, in one Zoom session (participant_uuid).</summary>
    private static void Patient(JsonObject p, Visit visit, string session)
    {
        p["id"] = visit.PatientZoomUserId;
        p["participant_user_id"] = visit.PatientZoomUserId;
        p["participant_uuid"] = session;
    }

    private static byte[] Join(Visit visit, string session, DateTimeOffset at) =>
        WebhookTestKit.ZoomEvent("meeting.participant_joined", visit.MeetingId, p =>
        {
            Patient(p, visit, session);
            p["join_time"] = WebhookTestKit.ZoomTime(at);
        }, at);

    private static byte[] Left(Visit visit, string session, DateTimeOffset joined, DateTimeOffset at) =>
        WebhookTestKit.ZoomEvent("meeting.participant_left", visit.MeetingId, p =>
        {
            Patient(p, visit, session);
            p["join_time"] = WebhookTestKit.ZoomTime(joined);
            p["leave_time"] = WebhookTestKit.ZoomTime(at);
            p["leave_reason"] = "Test Person left the meeting. Reason : left the meeting";
        }, at);

    private async Task PostAsync(byte[] body) => Assert.Equal(HttpStatusCode.NoContent, (await sandbox.PostSignedAsync(body)).StatusCode);

    private Task<ZoomWebhookEvent> StoredAsync(byte[] body)
    {
        var hash = WebhookTestKit.BodyHash(body);
        return sandbox.DbAsync(db => db.WebhookEvents.AsNoTracking().SingleAsync(e => e.BodyHash == hash));
    }

    /// <summary>Waits until the stored leave has been in the inbox for the settle, i.e. is due; it is still unprocessed.</summary>
    private async Task SettledAsync(byte[] leave)
    {
        var stored = await StoredAsync(leave);
        Assert.Null(stored.ProcessedAtUtc);
        var due = stored.ReceivedAtUtc + Settle + TimeSpan.FromMilliseconds(50);
        if (due > DateTime.UtcNow) await Task.Delay(due - DateTime.UtcNow);
    }
}
