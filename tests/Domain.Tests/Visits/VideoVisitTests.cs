using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.Tests.Visits;

/// <summary>Every rule of a visit: one per encounter, one meeting and one creator at a time, who hosts, who is in, the end.</summary>
public sealed class VideoVisitTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static VideoVisit Visit() => VideoVisit.Open(new TenantId(Guid.NewGuid()), "123", T0);

    private static VideoVisit WithMeeting(string hostEpicId = "prov")
    {
        var visit = Visit();
        visit.AttachMeeting(81234567890, "uuid==", "zoom-host", hostEpicId, "enc:join", "enc:pwd", null, T0);
        return visit;
    }

    private static void Broken(string rule, Action act) =>
        Assert.Equal(rule, Assert.Throws<DomainRuleViolationException>(act).Rule);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_WithoutCsn_IsRefused(string csn) =>
        Broken("CsnRequired", () => VideoVisit.Open(new TenantId(Guid.NewGuid()), csn, T0));

    [Fact]
    public void Open_WithCsnLongerThanTheColumn_IsRefused() =>
        Broken("CsnRequired", () => VideoVisit.Open(new TenantId(Guid.NewGuid()), new string('1', VideoVisit.MaxCsnLength + 1), T0));

    [Fact]
    public void Open_TrimsTheCsn_AndStartsWithoutMeetingHostOrEnd()
    {
        var visit = VideoVisit.Open(new TenantId(Guid.NewGuid()), " 123 ", T0);

        Assert.Equal(("123", false, false, (DateTime?)null, 0), (visit.Csn, visit.HasMeeting, visit.HostHasJoined, visit.EndedAtUtc, visit.Version));
    }

    [Fact]
    public void ClaimMeetingCreation_OnAFreshVisit_HoldsTheClaimForItsLifetime_AndRaisesTheVersion()
    {
        var visit = Visit();

        visit.ClaimMeetingCreation("me", T0);

        Assert.Equal(("me", T0 + VideoVisit.MeetingClaimLifetime, 1), (visit.MeetingClaim, visit.MeetingClaimExpiresAtUtc, visit.Version));
        Assert.False(visit.CanClaimMeetingCreation(T0.AddSeconds(1)));
    }

    [Fact]
    public void ClaimMeetingCreation_WhileAnotherLiveClaimStands_IsRefused()
    {
        var visit = Visit();
        visit.ClaimMeetingCreation("first", T0);

        Broken("OneMeetingCreator", () => visit.ClaimMeetingCreation("second", T0 + VideoVisit.MeetingClaimLifetime - TimeSpan.FromSeconds(1)));
        Assert.Equal("first", visit.MeetingClaim);
    }

    [Fact]
    public void ClaimMeetingCreation_AfterTheClaimExpired_PassesToTheNextLaunch()
    {
        var visit = Visit();
        visit.ClaimMeetingCreation("crashed", T0);
        var later = T0 + VideoVisit.MeetingClaimLifetime;

        Assert.True(visit.CanClaimMeetingCreation(later));
        visit.ClaimMeetingCreation("next", later);

        Assert.Equal(("next", 2), (visit.MeetingClaim, visit.Version));
    }

    [Fact]
    public void ClaimMeetingCreation_WhenTheMeetingExists_IsRefused()
    {
        var visit = WithMeeting();

        Assert.False(visit.CanClaimMeetingCreation(T0.AddHours(1)));
        Broken("OneMeetingPerVisit", () => visit.ClaimMeetingCreation("late", T0.AddHours(1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void ClaimMeetingCreation_WithoutOwner_IsRefused(string owner) =>
        Broken("MeetingClaimHasOwner", () => Visit().ClaimMeetingCreation(owner, T0));

    [Fact]
    public void ClaimMeetingCreation_WithAnOwnerLongerThanTheColumn_IsRefused() =>
        Broken("MeetingClaimHasOwner", () => Visit().ClaimMeetingCreation(new string('x', VideoVisit.MaxClaimLength + 1), T0));

    [Fact]
    public void ReleaseMeetingClaim_ByTheHolder_LetsTheNextLaunchClaimAtOnce()
    {
        var visit = Visit();
        visit.ClaimMeetingCreation("me", T0);

        visit.ReleaseMeetingClaim("me");

        Assert.Equal(((string?)null, (DateTime?)null, 2), (visit.MeetingClaim, visit.MeetingClaimExpiresAtUtc, visit.Version));
        Assert.True(visit.CanClaimMeetingCreation(T0));
    }

    [Fact]
    public void ReleaseMeetingClaim_BySomeoneElse_IsRefused_AndTheClaimStands()
    {
        var visit = Visit();
        visit.ClaimMeetingCreation("holder", T0);

        Broken("OnlyTheClaimHolderReleases", () => visit.ReleaseMeetingClaim("other"));
        Assert.Equal("holder", visit.MeetingClaim);
    }

    [Fact]
    public void ReleaseMeetingClaim_WithoutAnyClaim_IsRefused() =>
        Broken("OnlyTheClaimHolderReleases", () => Visit().ReleaseMeetingClaim("me"));

    [Fact]
    public void AttachMeeting_RecordsTheMeeting_ClearsTheClaim_AndRaisesTheVersion()
    {
        var visit = Visit();
        visit.ClaimMeetingCreation("me", T0);

        visit.AttachMeeting(81234567890, "uuid==", "zoom-host", "prov", "enc:join", null, "waiting_room is off", T0.AddSeconds(2));

        Assert.True(visit.HasMeeting);
        Assert.Equal((81234567890L, "zoom-host", "prov", "waiting_room is off", T0.AddSeconds(2)),
            (visit.ZoomMeetingId!.Value, visit.HostZoomUserId, visit.HostEpicId, visit.SettingsWarning, visit.MeetingCreatedAtUtc!.Value));
        Assert.Equal(((string?)null, (DateTime?)null, 2), (visit.MeetingClaim, visit.MeetingClaimExpiresAtUtc, visit.Version));
    }

    [Fact]
    public void AttachMeeting_ASecondTime_IsRefused_AndTheFirstMeetingStays()
    {
        var visit = WithMeeting();

        Broken("OneMeetingPerVisit", () => visit.AttachMeeting(99, "other==", "zoom-other", "other", "enc:other", null, null, T0));
        Assert.Equal(81234567890L, visit.ZoomMeetingId);
    }

    [Fact]
    public void IsHost_IsTheEpicPersonTheMeetingWasMadeFor()
    {
        var visit = WithMeeting("prov");

        Assert.Equal((true, false), (visit.IsHost("prov"), visit.IsHost("nurse")));
        Assert.False(Visit().IsHost("prov"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Enlist_WithoutEpicId_IsRefused(string epicId) =>
        Broken("ParticipantIdentified", () => Visit().Enlist(epicId, ParticipantRole.Provider, null, isHost: false, T0));

    [Theory]
    [InlineData(ParticipantRole.Patient)]
    [InlineData(ParticipantRole.ZoomRoom)]
    public void Enlist_APatientOrRoomAsHost_IsRefused(ParticipantRole role) =>
        Broken("CliniciansHost", () => Visit().Enlist("someone", role, null, isHost: true, T0));

    [Theory]
    [InlineData(ParticipantRole.Provider)]
    [InlineData(ParticipantRole.Nurse)]
    public void Enlist_AClinicianAsHost_Passes(ParticipantRole role)
    {
        var visit = Visit();

        var host = visit.Enlist("clin", role, "zoom-clin", isHost: true, T0);

        Assert.Equal((true, ConnectionState.NotJoined, T0), (host.IsHost, host.State, host.FirstLaunchedAtUtc));
        Assert.Single(visit.Participants);
    }

    [Fact]
    public void Enlist_TheSamePersonAgain_ReturnsTheSameParticipant_AndFillsAMissingZoomUser()
    {
        var visit = Visit();
        var first = visit.Enlist("pat", ParticipantRole.Patient, null, isHost: false, T0);

        var again = visit.Enlist("pat", ParticipantRole.Patient, "zoom-pat", isHost: false, T0.AddMinutes(1));

        Assert.Same(first, again);
        Assert.Equal(("zoom-pat", T0), (again.ZoomUserId, again.FirstLaunchedAtUtc));
        Assert.Single(visit.Participants);
    }

    [Fact]
    public void Enlist_OnePersonInTwoRoles_MakesTwoParticipants()
    {
        var visit = Visit();

        visit.Enlist("same", ParticipantRole.Provider, null, isHost: false, T0);
        visit.Enlist("same", ParticipantRole.Nurse, null, isHost: false, T0);

        Assert.Equal(2, visit.Participants.Count);
    }

    [Fact]
    public void AssignZoomUser_GivesTheParticipantItsZoomUser_AndRaisesTheVersion()
    {
        var visit = Visit();
        var patient = visit.Enlist("pat", ParticipantRole.Patient, null, isHost: false, T0);

        visit.AssignZoomUser(patient.Id, "zoom-pat");

        Assert.Equal(("zoom-pat", 1), (patient.ZoomUserId, visit.Version));
    }

    [Fact]
    public void AssignZoomUser_TheSameUserAgain_ChangesNothing()
    {
        var visit = Visit();
        var patient = visit.Enlist("pat", ParticipantRole.Patient, "zoom-pat", isHost: false, T0);

        visit.AssignZoomUser(patient.Id, "zoom-pat");

        Assert.Equal(("zoom-pat", 0), (patient.ZoomUserId, visit.Version));
    }

    [Fact]
    public void AssignZoomUser_ADifferentUserToAnAssignedParticipant_IsRefused_AndTheFirstStays()
    {
        var visit = Visit();
        var patient = visit.Enlist("pat", ParticipantRole.Patient, "zoom-winner", isHost: false, T0);

        Broken("OneZoomUserPerParticipant", () => visit.AssignZoomUser(patient.Id, "zoom-loser"));
        Assert.Equal("zoom-winner", patient.ZoomUserId);
    }

    [Fact]
    public void AssignZoomUser_ToSomeoneOfAnotherVisit_IsRefused()
    {
        var other = Visit().Enlist("pat", ParticipantRole.Patient, null, isHost: false, T0);

        Broken("ParticipantOfThisVisit", () => Visit().AssignZoomUser(other.Id, "zoom-pat"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void AssignZoomUser_WithoutAnId_IsRefused(string zoomUserId)
    {
        var visit = Visit();
        var patient = visit.Enlist("pat", ParticipantRole.Patient, null, isHost: false, T0);

        Broken("ZoomUserIdentified", () => visit.AssignZoomUser(patient.Id, zoomUserId));
    }

    [Fact]
    public void RecordSession_OfSomeoneOfAnotherVisit_IsRefused()
    {
        var other = Visit().Enlist("pat", ParticipantRole.Patient, null, isHost: false, T0);

        Broken("ParticipantOfThisVisit", () => Visit().RecordSession(other.Id, "s1", T0, null));
    }

    [Fact]
    public void RecordSession_WithNeitherJoinNorLeaveTime_IsRefused()
    {
        var visit = Visit();
        var patient = visit.Enlist("pat", ParticipantRole.Patient, null, isHost: false, T0);

        Broken("SessionEventHasATime", () => visit.RecordSession(patient.Id, "s1", null, null));
    }

    [Fact]
    public void RecordSession_TheHostComingIn_MarksTheHostJoined_AtTheJoinTime()
    {
        var visit = WithMeeting("prov");
        var host = visit.Enlist("prov", ParticipantRole.Provider, "zoom-host", isHost: true, T0);

        Assert.True(visit.RecordSession(host.Id, "s1", T0.AddMinutes(3), null));

        Assert.Equal(T0.AddMinutes(3), visit.HostJoinedAtUtc);
    }

    [Fact]
    public void RecordSession_AnAttendeeComingIn_LeavesTheHostNotJoined()
    {
        var visit = WithMeeting("prov");
        var patient = visit.Enlist("pat", ParticipantRole.Patient, "zoom-pat", isHost: false, T0);

        visit.RecordSession(patient.Id, "s1", T0.AddMinutes(1), null);

        Assert.Equal((ConnectionState.Connected, false), (patient.State, visit.HostHasJoined));
    }

    [Fact]
    public void RecordSession_TheHostBeforeAnyMeeting_ConnectsThePerson_ButNoHostJoins()
    {
        var visit = Visit();
        var host = visit.Enlist("prov", ParticipantRole.Provider, "zoom-host", isHost: true, T0);

        Assert.True(visit.RecordSession(host.Id, "s1", T0, null));

        Assert.Equal((ConnectionState.Connected, false), (host.State, visit.HostHasJoined));
    }

    [Fact]
    public void RecordSession_ChangesThePersonsConnectionVersion_NotTheVisitsVersion()
    {
        var visit = WithMeeting();
        var patient = visit.Enlist("pat", ParticipantRole.Patient, "zoom-pat", isHost: false, T0);
        var version = visit.Version;

        visit.RecordSession(patient.Id, "s1", T0, null);

        Assert.Equal((1, version), (patient.ConnectionVersion, visit.Version));
    }

    [Fact]
    public void MarkHostJoined_BeforeTheMeetingExists_IsRefused() =>
        Broken("HostJoinsExistingMeeting", () => Visit().MarkHostJoined(T0));

    [Fact]
    public void MarkHostJoined_KeepsTheFirstTime_AndRaisesTheVersionOnce()
    {
        var visit = WithMeeting();
        var version = visit.Version;

        visit.MarkHostJoined(T0.AddMinutes(1));
        visit.MarkHostJoined(T0.AddMinutes(5));

        Assert.Equal((T0.AddMinutes(1), version + 1), (visit.HostJoinedAtUtc!.Value, visit.Version));
    }

    [Fact]
    public void End_KeepsTheFirstEnd_AndRaisesTheVersionOnce()
    {
        var visit = WithMeeting();
        var version = visit.Version;

        visit.End(T0.AddMinutes(30));
        visit.End(T0.AddMinutes(40));

        Assert.Equal((T0.AddMinutes(30), version + 1), (visit.EndedAtUtc!.Value, visit.Version));
    }
}
