using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Guests;
using EpicZoom.Application.Visits.SearchVisits;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Application.Tests.Visits;

public sealed class SearchVisitsTests : IDisposable
{
    private readonly TestApp app = new();

    [Fact]
    public async Task ByDefault_ShowsOnlyOpenVisits_AndNamesWhyTheOthersAreClosed()
    {
        var tenant = new TenantId((await app.CreateTenant()).Id);
        var now = app.Clock.UtcNow;
        Store(
            Visit(tenant, "waiting", now.AddMinutes(-10), meeting: 1),
            Visit(tenant, "in-progress", now.AddHours(-1), meeting: 2, hostJoined: now.AddMinutes(-50)),
            Visit(tenant, "starting", now.AddMinutes(-1)),
            Visit(tenant, "device-test", now.AddHours(-2)),
            Visit(tenant, "forgotten", now.AddHours(-13), meeting: 3),
            Visit(tenant, "ended", now.AddHours(-3), meeting: 4, ended: now.AddHours(-2)));

        var open = await app.Send(new SearchVisitsQuery());
        var all = await app.Send(new SearchVisitsQuery(State: VisitStateFilter.All));

        Assert.Equal(["starting", "waiting", "in-progress"], open.Items.Select(v => v.Csn));
        Assert.Equal(3, open.Total);
        var states = all.Items.ToDictionary(v => v.Csn, v => v.State);
        Assert.Equal(VisitState.WaitingForHost, states["waiting"]);
        Assert.Equal(VisitState.InProgress, states["in-progress"]);
        Assert.Equal(VisitState.Starting, states["starting"]);
        Assert.Equal(VisitState.NoMeeting, states["device-test"]);
        Assert.Equal(VisitState.Abandoned, states["forgotten"]);
        Assert.Equal(VisitState.Ended, states["ended"]);
    }

    [Theory]
    [InlineData(VisitStateFilter.Closed, new[] { "ended", "device-test", "forgotten" })]
    [InlineData(VisitStateFilter.NoMeeting, new[] { "device-test" })]
    [InlineData(VisitStateFilter.Abandoned, new[] { "forgotten" })]
    [InlineData(VisitStateFilter.WaitingForHost, new[] { "waiting" })]
    public async Task TheStatusFilter_MatchesTheStateShown(VisitStateFilter filter, string[] expected)
    {
        var tenant = new TenantId((await app.CreateTenant()).Id);
        var now = app.Clock.UtcNow;
        Store(
            Visit(tenant, "waiting", now.AddMinutes(-10), meeting: 1),
            Visit(tenant, "device-test", now.AddHours(-2)),
            Visit(tenant, "forgotten", now.AddHours(-13), meeting: 3),
            Visit(tenant, "ended", now.AddHours(-1), meeting: 4, ended: now.AddMinutes(-30)));

        var page = await app.Send(new SearchVisitsQuery(State: filter));

        Assert.Equal(expected, page.Items.Select(v => v.Csn));
        Assert.All(page.Items, v => Assert.Equal(filter == VisitStateFilter.Closed ? v.State : ToState(filter), v.State));
    }

    [Fact]
    public async Task AWaitingVisit_BecomesAbandoned_TwelveHoursAfterItsLastActivity()
    {
        var tenant = new TenantId((await app.CreateTenant()).Id);
        Store(Visit(tenant, "late", app.Clock.UtcNow, meeting: 7));

        app.Clock.Advance(VisitStates.AbandonedAfter - TimeSpan.FromMinutes(1));
        var before = (await app.Send(new SearchVisitsQuery(State: VisitStateFilter.All))).Items.Single().State;
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = (await app.Send(new SearchVisitsQuery(State: VisitStateFilter.All))).Items.Single().State;

        Assert.Equal(VisitState.WaitingForHost, before);
        Assert.Equal(VisitState.Abandoned, after);
    }

    [Fact]
    public async Task AVisitWithSeveralPatients_IsAGroupVisit_AndGuestsShowTheirRoleNotAnEpicId()
    {
        var tenant = new TenantId((await app.CreateTenant()).Id);
        var now = app.Clock.UtcNow;
        var group = Visit(tenant, "CONF-1", now, meeting: 11);
        group.Enlist("eDoc1", ParticipantRole.Provider, "zoom-host", isHost: true, now);
        for (var i = 1; i <= 3; i++) group.Enlist($"eP{i}", ParticipantRole.Patient, $"zoom-p{i}", isHost: false, now.AddSeconds(i));
        var single = Visit(tenant, "CSN-9", now.AddMinutes(-1), meeting: 12);
        single.Enlist("eP9", ParticipantRole.Patient, "zoom-p9", isHost: false, now);
        // The clinician's page offered to text the patient by their FHIR id: enlisted, but they have not come.
        single.Enlist("fhir-P9", ParticipantRole.Patient, null, isHost: false, now.AddSeconds(1));
        var on = GuestSettings.Default with { Enabled = true };
        var interpreter = GuestInvite.Issue(single, on, 0, GuestRole.Interpreter, "Spanish", "Ana Ruiz", GuestChannel.Email, "a•••@•••.org", "h1", "p1", "admin", now);
        var family = GuestInvite.Issue(single, on, 1, GuestRole.FamilyCaregiver, null, "Sam Lee", GuestChannel.Sms, "•••0123", "h2", "p2", "admin", now);
        family.Revoke(now);
        Store(group, single);
        using (var db = app.Db.NewContext())
        {
            db.GuestInvites.AddRange(interpreter, family);
            db.SaveChanges();
        }

        var visits = (await app.Send(new SearchVisitsQuery())).Items.ToDictionary(v => v.Csn);

        Assert.True(visits["CONF-1"].IsGroupVisit);
        Assert.Equal(3, visits["CONF-1"].PatientCount);
        Assert.Equal(["Provider", "Patient", "Patient", "Patient"], visits["CONF-1"].Participants.Select(p => p.Label));
        Assert.False(visits["CSN-9"].IsGroupVisit);
        Assert.Equal(1, visits["CSN-9"].PatientCount);
        Assert.Equal(2, visits["CSN-9"].GuestCount);
        var guests = visits["CSN-9"].Participants.Where(p => p.Role == nameof(ParticipantRole.Guest)).ToList();
        Assert.Equal(["Family member or caregiver, revoked", "Interpreter (Spanish)"], guests.Select(p => p.Label).Order(StringComparer.Ordinal));
        Assert.All(guests, g => Assert.Null(g.EpicId));
        var patients = visits["CSN-9"].Participants.Where(p => p.Role == nameof(ParticipantRole.Patient)).ToList();
        Assert.Equal(["eP9", "fhir-P9"], patients.Select(p => p.EpicId));
        Assert.Equal(["Patient", "Patient (not arrived)"], patients.Select(p => p.Label));
    }

    private static VisitState ToState(VisitStateFilter filter) => filter switch
    {
        VisitStateFilter.NoMeeting => VisitState.NoMeeting,
        VisitStateFilter.Abandoned => VisitState.Abandoned,
        VisitStateFilter.WaitingForHost => VisitState.WaitingForHost,
        _ => throw new ArgumentOutOfRangeException(nameof(filter)),
    };

    private static VideoVisit Visit(TenantId tenant, string csn, DateTime created, long? meeting = null, DateTime? hostJoined = null, DateTime? ended = null)
    {
        var visit = VideoVisit.Open(tenant, csn, created);
        if (meeting is { } id) visit.AttachMeeting(id, $"uuid-{id}", "zoom-host", "prov-1", "enc:join", null, null, created);
        if (hostJoined is { } joined) visit.MarkHostJoined(joined);
        if (ended is { } at) visit.End(at);
        return visit;
    }

    private void Store(params VideoVisit[] visits)
    {
        using var db = app.Db.NewContext();
        db.VideoVisits.AddRange(visits);
        db.SaveChanges();
    }

    public void Dispose() => app.Dispose();
}
