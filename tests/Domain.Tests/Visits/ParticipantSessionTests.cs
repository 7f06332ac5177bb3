using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.Tests.Visits;

/// <summary>The person's light over their Zoom sessions: order-independent, repeat-proof, room moves stay in.</summary>
public sealed class ParticipantSessionTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static (VideoVisit Visit, VisitParticipant Person) Visit()
    {
        var visit = VideoVisit.Open(new TenantId(Guid.NewGuid()), "123", T0);
        return (visit, visit.Enlist("pat", ParticipantRole.Patient, "zoom-user", isHost: false, T0));
    }

    [Fact]
    public void JoinThenLeave_ConnectsThenDisconnects()
    {
        var (visit, person) = Visit();

        Assert.True(visit.RecordSession(person.Id, "s1", T0, null));
        Assert.Equal(ConnectionState.Connected, person.State);
        Assert.True(visit.RecordSession(person.Id, "s1", T0, T0.AddMinutes(5)));
        Assert.Equal((ConnectionState.Disconnected, T0.AddMinutes(5)), (person.State, person.StateChangedAtUtc));
    }

    [Fact]
    public void LeaveBeforeItsJoin_AndTheLateJoin_EndDisconnected_AndARepeatChangesNothing()
    {
        var (visit, person) = Visit();

        Assert.True(visit.RecordSession(person.Id, "s1", T0, T0.AddMinutes(5)));
        Assert.False(visit.RecordSession(person.Id, "s1", T0, null));
        Assert.False(visit.RecordSession(person.Id, "s1", T0, null));
        Assert.False(visit.RecordSession(person.Id, "s1", T0, T0.AddMinutes(5)));
        Assert.Equal(ConnectionState.Disconnected, person.State);
    }

    [Fact]
    public void TwoSessions_ConnectedUntilTheLastLeaves()
    {
        var (visit, person) = Visit();
        visit.RecordSession(person.Id, "phone", T0, null);

        Assert.False(visit.RecordSession(person.Id, "laptop", T0.AddSeconds(10), null));
        Assert.False(visit.RecordSession(person.Id, "phone", T0, T0.AddMinutes(1)));
        Assert.True(visit.RecordSession(person.Id, "laptop", T0.AddSeconds(10), T0.AddMinutes(2)));
        Assert.Equal(2, person.Sessions.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RoomMove_LeaveAndJoinOfOneSessionAtOneInstant_StaysIn_InEitherOrder(bool leaveFirst)
    {
        var (visit, person) = Visit();
        visit.RecordSession(person.Id, "s1", T0, null);
        var t1 = T0.AddMinutes(1);

        if (leaveFirst) visit.RecordSession(person.Id, "s1", T0, t1);
        visit.RecordSession(person.Id, "s1", t1, null);
        if (!leaveFirst) visit.RecordSession(person.Id, "s1", T0, t1);

        Assert.Equal(ConnectionState.Connected, person.State);
    }

    [Fact]
    public void JoinAndLeaveWithinOneSecond_EndsOut()
    {
        var (visit, person) = Visit();

        visit.RecordSession(person.Id, "s1", T0, null);
        visit.RecordSession(person.Id, "s1", T0, T0);

        Assert.Equal(ConnectionState.Disconnected, person.State);
    }

    [Fact]
    public void ASessionChange_RaisesTheVersion_AndALongKeyIsStoredHashed()
    {
        var (visit, person) = Visit();

        visit.RecordSession(person.Id, new string('k', 500), T0, null);

        Assert.Equal(1, person.ConnectionVersion);
        Assert.True(person.Sessions[0].Key.Length <= ParticipantSession.MaxKeyLength);
        Assert.Throws<DomainRuleViolationException>(() => visit.RecordSession(Guid.NewGuid(), "s", T0, null));
        Assert.Throws<DomainRuleViolationException>(() => visit.RecordSession(person.Id, "s", null, null));
    }
}
