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
        var deep = await app.Send(new SearchNotificationsQuery(Take: 50, After: new NotificationCursor(Start.AddSeconds(6), Start.AddSeconds(6), Guid.Empty).ToString()));
        var oneDay = await app.Send(new SearchNotificationsQuery(FromUtc: Start, ToUtc: Start.AddSeconds(100)));

        Assert.Equal((SearchNotificationsQuery.MaxTotal, true, 50), (all.Total, all.TotalIsCapped, all.Items.Count));
        Assert.Equal(Start.AddSeconds(SearchNotificationsQuery.MaxTotal + 5), all.Items[0].OccurredAtUtc);
        Assert.Equal(5, deep.Items.Count); // paging itself is not capped: the oldest five, past the 10,000 counted
        Assert.Null(deep.NextCursor);
        Assert.Equal((100, false), (oneDay.Total, oneDay.TotalIsCapped));
    }

    [Fact]
    public async Task Paging_ByCursor_ReadsEveryRowOnce_InOrder_TiesIncluded_BothWays()
    {
        var tenant = await TenantAsync();
        var visit = Visit(tenant, "CSN-4", 81234567893);
        var host = visit.Participants.Single();
        // 23 records in 9 distinct seconds, some also created at the same instant: only the id tells those apart.
        var records = Enumerable.Range(0, 23)
            .Select(n => Record(visit, host, NotificationKind.Connected, Start.AddSeconds(n / 3), n + 1, Start.AddMinutes(n % 2)))
            .ToArray();
        Store(records);
        var expected = records.OrderByDescending(r => r.OccurredAtUtc).ThenByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();

        var pages = new List<NotificationPageDto> { await app.Send(new SearchNotificationsQuery(Take: 5)) };
        while (pages[^1].NextCursor is { } next) pages.Add(await app.Send(new SearchNotificationsQuery(Take: 5, After: next)));

        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(i => i.Id));
        Assert.Equal([5, 5, 5, 5, 3], pages.Select(p => p.Items.Count));
        Assert.Null(pages[0].PreviousCursor);
        Assert.All(pages.Skip(1), p => Assert.NotNull(p.PreviousCursor));
        Assert.All(pages, p => Assert.Equal((23, false), (p.Total, p.TotalIsCapped)));

        // Back from the last page, Previous gives each page as it was, and none before the first.
        var back = new List<NotificationPageDto> { pages[^1] };
        while (back[^1].PreviousCursor is { } previous) back.Add(await app.Send(new SearchNotificationsQuery(Take: 5, Before: previous)));
        Assert.Equal(pages.Select(p => p.Items.Select(i => i.Id).ToList()).Reverse(), back.Select(p => p.Items.Select(i => i.Id).ToList()),
            new ListComparer());
        Assert.NotNull(back[^1].NextCursor);
    }

    [Fact]
    public async Task Paging_WhileRecordsArrive_NeitherRepeatsNorSkipsARow()
    {
        var tenant = await TenantAsync();
        var visit = Visit(tenant, "CSN-5", 81234567894);
        var host = visit.Participants.Single();
        var older = Enumerable.Range(0, 12).Select(n => Record(visit, host, NotificationKind.Connected, Start.AddSeconds(n), n + 1, Start.AddSeconds(n))).ToArray();
        Store(older);

        var first = await app.Send(new SearchNotificationsQuery(Take: 5));
        // Newer reports arrive between page loads (one in the same second as the newest already shown, created later).
        Store(Record(visit, host, NotificationKind.Disconnected, Start.AddSeconds(11), 13, Start.AddSeconds(30)),
            Record(visit, host, NotificationKind.Connected, Start.AddSeconds(40), 14, Start.AddSeconds(40)));
        var second = await app.Send(new SearchNotificationsQuery(Take: 5, After: first.NextCursor));
        var third = await app.Send(new SearchNotificationsQuery(Take: 5, After: second.NextCursor));

        var seen = first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Id).ToList();
        Assert.Equal(older.OrderByDescending(r => r.OccurredAtUtc).Select(r => r.Id), seen);
        Assert.Null(third.NextCursor);
        // Going back from the second page now shows the arrivals: first the five just newer than it, then the rest.
        var back = await app.Send(new SearchNotificationsQuery(Take: 5, Before: second.PreviousCursor));
        Assert.Equal(first.Items.Select(i => i.Id), back.Items.Select(i => i.Id));
        var newest = await app.Send(new SearchNotificationsQuery(Take: 5, Before: back.PreviousCursor));
        Assert.Equal([Start.AddSeconds(40), Start.AddSeconds(11)], newest.Items.Select(i => i.OccurredAtUtc));
        Assert.Null(newest.PreviousCursor);
    }

    [Fact]
    public async Task Paging_WithFilters_StaysInsideThem()
    {
        var tenant = await TenantAsync();
        var other = new TenantId((await app.CreateTenant(Inputs.Valid("other-health", "Other Health"))).Id);
        var visit = Visit(tenant, "CSN-6", 81234567895);
        var elsewhere = Visit(other, "CSN-7", 81234567896);
        var host = visit.Participants.Single();
        var otherHost = elsewhere.Participants.Single();
        var patient = visit.Enlist("Z-PAT", ParticipantRole.Patient, "zoom-patient", isHost: false, Start);
        Store(Enumerable.Range(0, 30).Select(n => (n % 3) switch
        {
            0 => Record(visit, host, NotificationKind.Connected, Start.AddMinutes(n), n + 1, Start.AddMinutes(n)),
            1 => Record(visit, patient, NotificationKind.Connected, Start.AddMinutes(n), n + 1, Start.AddMinutes(n)),
            _ => Record(elsewhere, otherHost, NotificationKind.Connected, Start.AddMinutes(n), n + 1, Start.AddMinutes(n)),
        }).ToArray());

        async Task<List<NotificationRowDto>> AllPagesAsync(SearchNotificationsQuery query)
        {
            var rows = new List<NotificationRowDto>();
            for (var page = await app.Send(query); ; page = await app.Send(query with { After = page.NextCursor }))
            {
                rows.AddRange(page.Items);
                if (page.NextCursor is null) return rows;
            }
        }

        var patientRows = await AllPagesAsync(new SearchNotificationsQuery(Participant: "Z-PAT", Take: 3));
        var otherTenant = await AllPagesAsync(new SearchNotificationsQuery(TenantId: other.Value, Take: 4));
        var range = await AllPagesAsync(new SearchNotificationsQuery(MeetingIdOrCsn: "CSN-6", FromUtc: Start.AddMinutes(5), ToUtc: Start.AddMinutes(20), Take: 2));

        Assert.Equal(Enumerable.Range(0, 30).Where(n => n % 3 == 1).Reverse().Select(n => Start.AddMinutes(n)), patientRows.Select(r => r.OccurredAtUtc));
        Assert.Equal(10, otherTenant.Count);
        Assert.All(otherTenant, r => Assert.Equal("CSN-7", r.Csn));
        Assert.Equal(Enumerable.Range(5, 16).Where(n => n % 3 != 2).Reverse().Select(n => Start.AddMinutes(n)), range.Select(r => r.OccurredAtUtc));
    }

    [Theory]
    [InlineData("not-a-cursor!")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // base64url, one byte short
    [InlineData("AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // another version
    [InlineData("Af__________AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // ticks out of range
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Cursor_ThatThisSearchDidNotMake_IsRefusedWithAMessage(string cursor)
    {
        var after = await Assert.ThrowsAsync<EpicZoom.Application.Common.Exceptions.ValidationException>(() => app.Send(new SearchNotificationsQuery(After: cursor)));
        var before = await Assert.ThrowsAsync<EpicZoom.Application.Common.Exceptions.ValidationException>(() => app.Send(new SearchNotificationsQuery(Before: cursor)));

        Assert.Contains("page link", Assert.Single(after.Errors[nameof(SearchNotificationsQuery.After)]));
        Assert.Contains("page link", Assert.Single(before.Errors[nameof(SearchNotificationsQuery.Before)]));
    }

    [Fact]
    public void Cursor_RoundTripsAsUrlSafeText()
    {
        var cursor = new NotificationCursor(Start.AddTicks(1234567), Start.AddDays(1), Guid.NewGuid());

        var text = cursor.ToString();

        Assert.Matches("^[A-Za-z0-9_-]{44}$", text);
        Assert.True(NotificationCursor.TryParse(text, out var read));
        Assert.Equal(cursor, read);
        Assert.Equal(DateTimeKind.Utc, read.Value.OccurredAtUtc.Kind);
    }

    private sealed class ListComparer : IEqualityComparer<List<Guid>>
    {
        public bool Equals(List<Guid>? x, List<Guid>? y) => x!.SequenceEqual(y!);
        public int GetHashCode(List<Guid> obj) => obj.Count;
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
