using EpicZoom.Application.Audit.ListAuditEntries;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Audit;

namespace EpicZoom.Application.Tests.Audit;

public sealed class ListAuditEntriesTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestApp app = new();

    public ListAuditEntriesTests()
    {
        // Inserted out of time order so ordering is the query's doing.
        using var db = app.Db.NewContext();
        db.AuditEntries.AddRange(
            AuditEntry.Record(Start.AddHours(2), "alice", "TenantUpdated", "Tenant", "acme-health", "Name changed"),
            AuditEntry.Record(Start.AddHours(4), "Bob", "TenantDeleted", "Tenant", "beta-01", "tenant 'Beta' removed"),
            AuditEntry.Record(Start.AddHours(1), "alice", "TenantCreated", "Tenant", "acme-health", "all settings"),
            AuditEntry.Record(Start.AddHours(3), "carol", "TenantCreated", "Tenant", "gamma-org", "all settings; alice"));
        db.SaveChanges();
    }

    private async Task<AuditPageDto> List(string? search = null, int skip = 0, int take = 50) =>
        await app.Send(new ListAuditEntriesQuery(search, skip, take));

    [Fact]
    public async Task List_ReturnsEveryEntryNewestFirst()
    {
        var page = await List();

        Assert.Equal(4, page.Total);
        Assert.Equal([Start.AddHours(4), Start.AddHours(3), Start.AddHours(2), Start.AddHours(1)], page.Items.Select(i => i.AtUtc));
        Assert.Equal(new AuditEntryDto(Start.AddHours(4), "Bob", "TenantDeleted", "Tenant", "beta-01", "tenant 'Beta' removed"), page.Items[0]);
        Assert.All(page.Items, i => Assert.Equal(DateTimeKind.Utc, i.AtUtc.Kind));
    }

    [Fact]
    public async Task List_WithSkipAndTake_ReturnsThatPageAndTheFullTotal()
    {
        var page = await List(skip: 1, take: 2);

        Assert.Equal(4, page.Total);
        Assert.Equal([Start.AddHours(3), Start.AddHours(2)], page.Items.Select(i => i.AtUtc));
    }

    [Fact]
    public async Task List_PastTheLastPage_IsEmptyButKeepsTheTotal()
    {
        var page = await List(skip: 4, take: 2);

        Assert.Empty(page.Items);
        Assert.Equal(4, page.Total);
    }

    [Theory]
    [InlineData("ALICE", 2)]
    [InlineData("bob", 1)]
    [InlineData("tenantcreated", 2)]
    [InlineData(" GAMMA ", 1)]
    [InlineData("acme-health", 2)]
    [InlineData("nobody", 0)]
    public async Task List_WithSearch_MatchesActorActionOrRecordIgnoringCase(string search, int expected)
    {
        var page = await List(search);

        Assert.Equal(expected, page.Total);
        Assert.Equal(expected, page.Items.Count);
    }

    [Fact]
    public async Task List_WithSearch_DoesNotMatchTheSummary()
    {
        // "alice" appears in carol's summary, but only actor, action and record are searched.
        var page = await List("alice");

        Assert.DoesNotContain(page.Items, i => i.Actor == "carol");
    }

    [Fact]
    public async Task List_WithSearchAndPaging_CountsOnlyMatches()
    {
        var page = await List("alice", skip: 0, take: 1);

        Assert.Equal(2, page.Total);
        Assert.Equal(Start.AddHours(2), Assert.Single(page.Items).AtUtc);
    }

    [Theory]
    [InlineData(-1, 50, "Skip")]
    [InlineData(0, 0, "Take")]
    [InlineData(0, 501, "Take")]
    public async Task List_WithPagingOutOfRange_FailsOnThatValue(int skip, int take, string property)
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => List(skip: skip, take: take));

        Assert.Equal([property], ex.Errors.Keys);
    }

    [Fact]
    public async Task List_WithTheLargestPage_IsAccepted()
    {
        Assert.Equal(4, (await List(take: 500)).Items.Count);
    }

    public void Dispose() => app.Dispose();
    [Fact]
    public async Task List_ByWhoWhatAndWhen_CombinesTheFilters()
    {
        using (var db = app.Db.NewContext())
        {
            db.AuditEntries.Add(AuditEntry.Record(Start.AddDays(2), "alice", "TenantCreated", "Tenant", "late-org", "all settings"));
            db.SaveChanges();
        }

        var byWho = await app.Send(new ListAuditEntriesQuery(Actor: "ALI"));
        var byWhat = await app.Send(new ListAuditEntriesQuery(Action: "TenantCreated"));
        var firstDay = await app.Send(new ListAuditEntriesQuery(Actor: "alice", Action: "TenantCreated",
            FromDate: DateOnly.FromDateTime(Start), ToDate: DateOnly.FromDateTime(Start)));

        Assert.Equal(["late-org", "acme-health", "acme-health"], byWho.Items.Select(i => i.EntityId));
        Assert.Equal(["late-org", "gamma-org", "acme-health"], byWhat.Items.Select(i => i.EntityId));
        Assert.Equal(Start.AddHours(1), Assert.Single(firstDay.Items).AtUtc);
        Assert.Equal(["TenantCreated", "TenantDeleted", "TenantUpdated"], byWho.Actions);
    }

    [Fact]
    public async Task List_WithAnEndBeforeTheStart_IsRefused() =>
        await Assert.ThrowsAsync<ValidationException>(() => app.Send(new ListAuditEntriesQuery(FromDate: new DateOnly(2026, 11, 2), ToDate: new DateOnly(2026, 11, 1))));

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.x")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.x")]
    [InlineData("2001:db8:abcd:12:34::1", "2001:db8:abcd::/48")]
    public void AnAccountEventsAddress_IsMasked(string address, string masked) =>
        Assert.Equal(masked, Application.Audit.RecordAccountEvent.RecordAccountEventCommandHandler.Mask(System.Net.IPAddress.Parse(address)));

    [Fact]
    public async Task AnAccountEvent_RecordsAKnownUsersName_AndNeverATypedUnknownOne()
    {
        await app.Send(new Application.Audit.RecordAccountEvent.RecordAccountEventCommand(
            Application.Audit.RecordAccountEvent.AccountEvent.SignInFailed, null, System.Net.IPAddress.Parse("203.0.113.77")));
        await app.Send(new Application.Audit.RecordAccountEvent.RecordAccountEventCommand(
            Application.Audit.RecordAccountEvent.AccountEvent.LockedOut, "admin", null));

        var page = await app.Send(new ListAuditEntriesQuery(Action: "SignInFailed"));
        var locked = await app.Send(new ListAuditEntriesQuery(Actor: "admin"));

        Assert.Equal(("(unknown user)", "from 203.0.113.x"), (page.Items.Single().Actor, page.Items.Single().Summary));
        Assert.Equal("LockedOut", locked.Items.Single().Action);
    }
}
