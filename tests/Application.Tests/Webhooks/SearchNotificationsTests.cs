using EpicZoom.Application.Notifications.SearchNotifications;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Application.Tests.Webhooks;

/// <summary>The Notification Records search: newest occurrence first, filters, and a count that stops at MaxTotal.</summary>
public sealed class SearchNotificationsTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Search_IsNewestOccurrenceFirst_ThenNewestRecord()
    {
        var tenant = await TenantAsync();
        var visit = Visit(tenant, "CSN-1", 81234567890);
        var host = visit.Participants.Single();
        var patient = visit.Enlist("Z-PAT", ParticipantRole.Patient, "zoom-patient", isHost: false, Start);
        // Zoom's times are whole seconds: the patient's join and leave share one; created in sequence.
        Store(
            Record(visit, host, NotificationKind.Connected, Start, sequence: 1, created: Start.AddMinutes(10)),
            Record(visit, patient, NotificationKind.Connected, Start.AddMinutes(1), sequence: 1, created: Start.AddMinutes(1)),
            Record(visit, patient, NotificationKind.Disconnected, Start.AddMinutes(1), sequence: 2, created: Start.AddMinutes(1).AddMilliseconds(5)));

        var page = await app.Send(new SearchNotificationsQuery(MeetingIdOrCsn: "812 3456 7890"));

        Assert.Equal(3, page.Total);
        Assert.False(page.TotalIsCapped);
        Assert.Equal([("Z-PAT", "Disconnected"), ("Z-PAT", "Connected"), ("E-PROV", "Connected")], page.Items.Select(i => (i.ExternalId, i.Kind)));
        Assert.Equal("Acme Health", page.Items[0].TenantName);
    }

    [Fact]
    public async Task Search_ByDateRangeAndParticipant_FindsOnlyThose()
    {
        var tenant = await TenantAsync();
        var visit = Visit(tenant, "CSN-2", 81234567891);
        var host = visit.Participants.Single();
        Store(Enumerable.Range(0, 5).Select(day => Record(visit, host, day % 2 == 0 ? NotificationKind.Connected : NotificationKind.Disconnected,
            Start.AddDays(day), sequence: day + 1, created: Start.AddDays(day))).ToArray());

        var page = await app.Send(new SearchNotificationsQuery(FromUtc: Start.AddDays(1), ToUtc: Start.AddDays(3), Participant: " E-PROV "));
        var nobody = await app.Send(new SearchNotificationsQuery(Participant: "E-OTHER"));

        Assert.Equal([Start.AddDays(3), Start.AddDays(2), Start.AddDays(1)], page.Items.Select(i => i.OccurredAtUtc));
        Assert.Equal(3, page.Total);
        Assert.Equal(0, nobody.Total);
    }

    [Fact]
    public async Task Search_CountsAtMostMaxTotal_AndSaysSo()
    {
        var tenant = await TenantAsync();
        var visit = Visit(tenant, "CSN-3", 81234567892);
        var host = visit.Participants.Single();
        var records = Enumerable.Range(1, SearchNotificationsQuery.MaxTotal + 5)
            .Select(n => Record(visit, host, n % 2 == 1 ? NotificationKind.Connected : NotificationKind.Disconnected, Start.AddSeconds(n), n, Start.AddSeconds(n)))
            .ToArray();
        Store(records);

        var all = await app.Send(new SearchNotificationsQuery());
        var deep = await app.Send(new SearchNotificationsQuery(Skip: SearchNotificationsQuery.MaxTotal, Take: 50));
        var oneDay = await app.Send(new SearchNotificationsQuery(FromUtc: Start, ToUtc: Start.AddSeconds(100)));

        Assert.Equal((SearchNotificationsQuery.MaxTotal, true, 50), (all.Total, all.TotalIsCapped, all.Items.Count));
        Assert.Equal(Start.AddSeconds(SearchNotificationsQuery.MaxTotal + 5), all.Items[0].OccurredAtUtc);
        Assert.Equal(5, deep.Items.Count); // paging itself is not capped
        Assert.Equal((100, false), (oneDay.Total, oneDay.TotalIsCapped));
    }

    private async Task<TenantId> TenantAsync() => new((await app.CreateTenant()).Id);

    private static VideoVisit Visit(TenantId tenant, string csn, long meetingId)
    {
        var visit = VideoVisit.Open(tenant, csn, Start);
        visit.AttachMeeting(meetingId, "uuid==", "zoom-host", "E-PROV", "enc:join", null, null, Start);
        visit.Enlist("E-PROV", ParticipantRole.Provider, "zoom-host", isHost: true, Start);
        return visit;
    }

    private static NotificationRecord Record(VideoVisit visit, VisitParticipant who, NotificationKind kind, DateTime occurred, long sequence, DateTime created) =>
        NotificationRecord.For(visit, who, kind, "2", kind == NotificationKind.Connected ? "1" : "2", occurred, sequence, created);

    private void Store(params NotificationRecord[] records)
    {
        using var db = app.Db.NewContext();
        db.NotificationRecords.AddRange(records);
        db.SaveChanges();
    }
}
