using EpicZoom.Domain.Common;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.Tests.Sms;

public sealed class PatientLinkTests
{
    private static readonly DateTime Now = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly VideoVisit visit = VideoVisit.Open(TenantId.New(), "CSN-1001", Now);

    private VisitParticipant Patient() => visit.Enlist("PAT-1", ParticipantRole.Patient, "zoom-pat", false, Now);

    private PatientLink Link() => PatientLink.For("abcdef123456", visit, Patient(), Now);

    [Fact]
    public void For_APatient_BelongsToTheVisitAndLastsADay()
    {
        var patient = Patient();

        var link = PatientLink.For("abcdef123456", visit, patient, Now);

        Assert.Equal("abcdef123456", link.Id);
        Assert.Equal(visit.TenantId, link.TenantId);
        Assert.Equal(visit.Id, link.VisitId);
        Assert.Equal(patient.Id, link.ParticipantId);
        Assert.Equal(Now, link.CreatedAtUtc);
        Assert.Equal(Now.AddHours(24), link.ExpiresAtUtc);
        Assert.Equal(0, link.OpenCount);
        Assert.Null(link.LastOpenedAtUtc);
    }

    [Theory]
    [InlineData(ParticipantRole.Provider)]
    [InlineData(ParticipantRole.Nurse)]
    [InlineData(ParticipantRole.ZoomRoom)]
    public void For_SomeoneWhoIsNotThePatient_IsRefused(ParticipantRole role)
    {
        var other = visit.Enlist("EMP-1", role, null, false, Now);

        var ex = Assert.Throws<DomainRuleViolationException>(() => PatientLink.For("abcdef123456", visit, other, Now));

        Assert.Equal("PatientLinkForPatients", ex.Rule);
    }

    [Fact]
    public void IsValidFor_ItsVisitRightAwayAndJustBeforeExpiry_IsTrue()
    {
        var link = Link();

        Assert.True(link.IsValidFor(visit, Now));
        Assert.True(link.IsValidFor(visit, Now.AddHours(23)));
        Assert.True(link.IsValidFor(visit, link.ExpiresAtUtc.AddTicks(-1)));
    }

    [Fact]
    public void IsValidFor_AtOrAfterExpiry_IsFalse()
    {
        var link = Link();

        Assert.False(link.IsValidFor(visit, link.ExpiresAtUtc));
        Assert.False(link.IsValidFor(visit, Now.AddHours(24)));
        Assert.False(link.IsValidFor(visit, Now.AddDays(3)));
    }

    [Fact]
    public void IsValidFor_AnotherVisit_IsFalse()
    {
        var link = Link();
        var other = VideoVisit.Open(visit.TenantId, "CSN-2002", Now);

        Assert.False(link.IsValidFor(other, Now));
    }

    [Fact]
    public void IsValidFor_AnotherTenantsVisitWithTheSameCsn_IsFalse()
    {
        var link = Link();
        var other = VideoVisit.Open(TenantId.New(), visit.Csn, Now);

        Assert.False(link.IsValidFor(other, Now));
    }

    [Fact]
    public void IsValidFor_AfterTheVisitEnded_IsFalse()
    {
        var link = Link();

        visit.End(Now.AddMinutes(30));

        Assert.False(link.IsValidFor(visit, Now.AddMinutes(31)));
        Assert.False(link.IsValidFor(visit, Now.AddMinutes(10)));
    }

    [Fact]
    public void Renew_RestartsTheLifetimeFromNow()
    {
        var link = Link();
        var renewedAt = Now.AddHours(20);

        link.Renew(renewedAt);

        Assert.Equal(renewedAt.AddHours(24), link.ExpiresAtUtc);
        Assert.True(link.IsValidFor(visit, Now.AddHours(30)));
        Assert.False(link.IsValidFor(visit, renewedAt.AddHours(24)));
        Assert.Equal(Now, link.CreatedAtUtc);
    }

    [Fact]
    public void Renew_AfterExpiry_MakesTheLinkValidAgain()
    {
        var link = Link();
        var later = Now.AddHours(30);
        Assert.False(link.IsValidFor(visit, later));

        link.Renew(later);

        Assert.True(link.IsValidFor(visit, later));
    }

    [Fact]
    public void Renew_DoesNotReviveALinkOfAnEndedVisit()
    {
        var link = Link();
        visit.End(Now.AddHours(1));

        link.Renew(Now.AddHours(2));

        Assert.False(link.IsValidFor(visit, Now.AddHours(2)));
    }

    [Fact]
    public void Opened_CountsEachOpeningAndRemembersTheLast()
    {
        var link = Link();

        link.Opened(Now.AddMinutes(1));
        link.Opened(Now.AddMinutes(5));
        link.Opened(Now.AddMinutes(7));

        Assert.Equal(3, link.OpenCount);
        Assert.Equal(Now.AddMinutes(7), link.LastOpenedAtUtc);
    }
}
