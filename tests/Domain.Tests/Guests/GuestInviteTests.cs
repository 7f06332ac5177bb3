using EpicZoom.Domain.Common;
using EpicZoom.Domain.Guests;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.Tests.Guests;

public sealed class GuestInviteTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly GuestSettings On = GuestSettings.Default with { Enabled = true, MaxGuestsPerVisit = 2 };
    private readonly VideoVisit visit = VideoVisit.Open(TenantId.New(), "CSN-2001", Now);

    private GuestInvite Invite(GuestRole role = GuestRole.Interpreter, string? language = "Spanish", string name = "  Ana Ruiz ",
        GuestSettings? settings = null, int counting = 0) =>
        GuestInvite.Issue(visit, settings ?? On, counting, role, language, name, GuestChannel.Email, "a•••@•••.org", "hash", "protected", "EMP-7", Now);

    [Fact]
    public void Issue_EnlistsTheGuestInTheVisit_NeverAsHost()
    {
        var invite = Invite();

        var guest = Assert.Single(visit.Participants);
        Assert.Equal(guest.Id, invite.ParticipantId);
        Assert.Equal(ParticipantRole.Guest, guest.Role);
        Assert.False(guest.IsHost);
        Assert.Equal("guest:" + invite.Id.Value.ToString("N"), guest.EpicId);
        Assert.Equal("Ana Ruiz", invite.DisplayName);
        Assert.Equal("Spanish", invite.Language);
        Assert.Equal(GuestInviteStatus.Sending, invite.Status);
        Assert.Equal(1, invite.SendCount);
        Assert.Equal(Now.AddHours(24), invite.ExpiresAtUtc);
        Assert.Equal("Ana Ruiz (interpreter, Spanish)", invite.ZoomDisplayName);
        Assert.Equal("Interpreter (Spanish)", invite.RoleLabel);
    }

    [Fact]
    public void Issue_ForAFamilyMember_KeepsNoLanguage()
    {
        var invite = Invite(GuestRole.FamilyCaregiver, language: "ignored");

        Assert.Null(invite.Language);
        Assert.Equal("Family member or caregiver", invite.RoleLabel);
        Assert.Equal("Ana Ruiz (family member or caregiver)", invite.ZoomDisplayName);
    }

    [Fact]
    public void Enlist_AGuestAsHost_IsRefused()
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => visit.Enlist("guest:x", ParticipantRole.Guest, null, isHost: true, Now));
        Assert.Equal("CliniciansHost", ex.Rule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("Spanish1")]
    [InlineData("Spa<nish>")]
    public void Issue_AnInterpreterWithoutAUsableLanguage_IsRefused(string? language)
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => Invite(language: language));
        Assert.Equal("InterpreterLanguage", ex.Rule);
        Assert.Empty(visit.Participants);
    }

    [Fact]
    public void Issue_AnInterpreterWithALongLanguage_IsRefused()
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => Invite(language: new string('a', 51)));
        Assert.Equal("InterpreterLanguage", ex.Rule);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Ana\nRuiz")]
    [InlineData("Ana\u202eRuiz")]
    [InlineData("Ana\u0000")]
    public void Issue_WithANameThatIsEmptyOrHidesCharacters_IsRefused(string name)
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => Invite(name: name));
        Assert.Equal("GuestNamed", ex.Rule);
    }

    [Fact]
    public void Issue_WithANameLongerThan64_IsRefused()
    {
        Assert.Equal("GuestNamed", Assert.Throws<DomainRuleViolationException>(() => Invite(name: new string('n', 65))).Rule);
        Assert.Equal(new string('n', 64), Invite(name: new string('n', 64)).DisplayName);
    }

    [Fact]
    public void Issue_WhenTheVisitIsFull_IsRefused()
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => Invite(counting: 2));
        Assert.Equal("GuestsPerVisit", ex.Rule);
        Assert.NotNull(Invite(counting: 1));
    }

    [Fact]
    public void Issue_ARoleTheTenantDoesNotAllow_IsRefused()
    {
        var settings = On with { AllowedRoles = GuestRoles.FamilyCaregiver };
        Assert.Equal("GuestRoleAllowed", Assert.Throws<DomainRuleViolationException>(() => Invite(settings: settings)).Rule);
        Assert.Equal("GuestRoleAllowed", Assert.Throws<DomainRuleViolationException>(() => Invite((GuestRole)42, settings: On)).Rule);
    }

    [Fact]
    public void Issue_WhenGuestsAreOff_IsRefused()
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => Invite(settings: GuestSettings.Default));
        Assert.Equal("GuestsEnabled", ex.Rule);
    }

    [Fact]
    public void Issue_ForAnEndedVisit_IsRefused()
    {
        visit.End(Now);
        Assert.Equal("GuestsForOpenVisits", Assert.Throws<DomainRuleViolationException>(() => Invite()).Rule);
    }

    [Fact]
    public void IsValidFor_HoldsUntilRevokedEndedOrExpired()
    {
        var invite = Invite();
        Assert.True(invite.IsValidFor(visit, Now.AddHours(23)));
        Assert.False(invite.IsValidFor(visit, Now.AddHours(24)));
        Assert.False(invite.IsValidFor(VideoVisit.Open(visit.TenantId, "CSN-OTHER", Now), Now));

        invite.Revoke(Now.AddMinutes(1));
        Assert.False(invite.IsValidFor(visit, Now.AddMinutes(2)));
        Assert.False(invite.CountsTowardLimit);
    }

    [Fact]
    public void IsValidFor_AnEndedVisit_IsFalse()
    {
        var invite = Invite();
        visit.End(Now.AddMinutes(5));
        Assert.False(invite.IsValidFor(visit, Now.AddMinutes(6)));
    }

    [Fact]
    public void Revoke_Twice_IsRefused()
    {
        var invite = Invite();
        invite.Revoke(Now);
        Assert.Equal("RevokedInvitesStayRevoked", Assert.Throws<DomainRuleViolationException>(() => invite.Revoke(Now)).Rule);
    }

    [Fact]
    public void Resend_RenewsTheLifetimeAndCounts()
    {
        var invite = Invite();
        invite.Unconfirmed("connection lost after DATA", Now);

        invite.Resend(visit, Now.AddHours(20));

        Assert.Equal(GuestInviteStatus.Sending, invite.Status);
        Assert.Null(invite.Detail);
        Assert.Equal(2, invite.SendCount);
        Assert.Equal(Now.AddHours(44), invite.ExpiresAtUtc);
        Assert.True(invite.IsValidFor(visit, Now.AddHours(30)));
    }

    [Fact]
    public void Resend_ARevokedInviteOrForAnEndedVisit_IsRefused()
    {
        var revoked = Invite();
        revoked.Sent(null, Now);
        revoked.Revoke(Now);
        Assert.Equal("RevokedInvitesStayRevoked", Assert.Throws<DomainRuleViolationException>(() => revoked.Resend(visit, Now)).Rule);

        var other = Invite();
        other.Sent(null, Now);
        visit.End(Now);
        Assert.Equal("GuestsForOpenVisits", Assert.Throws<DomainRuleViolationException>(() => other.Resend(visit, Now)).Rule);
    }

    [Fact]
    public void Resend_WhileSending_IsRefused()
    {
        var invite = Invite();
        Assert.Equal("OneSendingAtATime", Assert.Throws<DomainRuleViolationException>(() => invite.Resend(visit, Now)).Rule);
    }

    [Fact]
    public void Sending_FinishesOnce_WithASanitisedDetail()
    {
        var invite = Invite();
        invite.Failed("550\r\nbad\u0007 mailbox", Now);

        Assert.Equal(GuestInviteStatus.Failed, invite.Status);
        Assert.Equal("550 bad mailbox", invite.Detail);
        Assert.Equal("SendingFinishesOnce", Assert.Throws<DomainRuleViolationException>(() => invite.Sent(null, Now)).Rule);
    }

    [Fact]
    public void Refused_DoesNotCountTowardTheLimit()
    {
        var invite = Invite();
        invite.Refused("opted out", Now);
        Assert.False(invite.CountsTowardLimit);
    }
}

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData(" maria.lopez@example.org ", "maria.lopez@example.org", "m•••@•••.org")]
    [InlineData("a+b@sub.example.co.uk", "a+b@sub.example.co.uk", "a•••@•••.uk")]
    public void TryParse_AnAddress_IsTrimmedAndMasked(string input, string value, string masked)
    {
        Assert.True(EmailAddress.TryParse(input, out var address, out _));
        Assert.Equal(value, address!.Value);
        Assert.Equal(masked, address.Masked);
        Assert.DoesNotContain("maria", address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("two@@example.org")]
    [InlineData("a@b")]
    [InlineData("a b@example.org")]
    [InlineData("a@example.org\r\nRCPT TO:<x@evil.test>")]
    [InlineData("<a@example.org>")]
    [InlineData("a@example.org,b@example.org")]
    [InlineData("a\u0000@example.org")]
    public void TryParse_NotAnAddress_SaysWhy(string input)
    {
        Assert.False(EmailAddress.TryParse(input, out var address, out var problem));
        Assert.Null(address);
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void TryParse_TooLong_IsRefused()
    {
        Assert.False(EmailAddress.TryParse(new string('a', 250) + "@x.org", out _, out var problem));
        Assert.Contains("254", problem);
        Assert.False(EmailAddress.TryParse(new string('a', 65) + "@x.org", out _, out _));
    }
}
