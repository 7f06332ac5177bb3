using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Tests.Tenants;

public class GuestSettingsTests
{
    [Fact]
    public void ANewTenant_HasGuestsOff_EveryRoleListed_FivePerVisit_AndTheInstallationsEmail()
    {
        var tenant = TenantFactory.Create();

        Assert.False(tenant.Guests.Enabled);
        Assert.Equal(GuestRoles.All, tenant.Guests.AllowedRoles);
        Assert.Equal(5, tenant.Guests.MaxGuestsPerVisit);
        Assert.False(tenant.Guests.Allows(GuestRole.Interpreter));
        Assert.False(tenant.Email.UseOwnServer);
        Assert.Null(tenant.Guests.Problem());
    }

    [Fact]
    public void Allows_OnlyTheChosenRoles_WhileGuestsAreOn()
    {
        var settings = GuestSettings.Default with { Enabled = true, AllowedRoles = GuestRoles.Interpreter | GuestRoles.FamilyCaregiver };

        Assert.True(settings.Allows(GuestRole.Interpreter));
        Assert.True(settings.Allows(GuestRole.FamilyCaregiver));
        Assert.False(settings.Allows(GuestRole.Clinician));
        Assert.False((settings with { Enabled = false }).Allows(GuestRole.Interpreter));
    }

    [Fact]
    public void Render_FillsTheLinkTheOrganisationAndTheRole_AndNothingElse()
    {
        var settings = GuestSettings.Default;

        var sms = settings.RenderSms("https://ez.example.org/t/abc", "General Hospital", GuestRole.Interpreter);
        var subject = settings.RenderEmailSubject("General Hospital", GuestRole.FamilyCaregiver);
        var body = settings.RenderEmail("https://ez.example.org/t/abc", "General Hospital", GuestRole.Clinician);

        Assert.Equal("General Hospital invites you to a video visit as interpreter. Join here: https://ez.example.org/t/abc Reply STOP to opt out.", sms);
        Assert.Equal("Your video visit invitation from General Hospital", subject);
        Assert.Contains("as clinician.", body);
        Assert.Contains("Join here: https://ez.example.org/t/abc", body);
        Assert.DoesNotContain("{", body);
    }

    [Theory]
    [InlineData("Join {link} for {patient}", "'{patient}' is not allowed")]
    [InlineData("No link here", "must contain {link} exactly once")]
    [InlineData("{link} and again {link}", "must contain {link} exactly once")]
    [InlineData("", "is required")]
    [InlineData("bell \u0007 {link}", "control characters")]
    public void AnSmsTemplate_ThatCouldCarryPhiOrHasNoLink_IsRefusedWithItsReason(string template, string reason)
    {
        var tenant = TenantFactory.Create();

        var error = Assert.Throws<DomainRuleViolationException>(() =>
            tenant.ConfigureGuests(GuestSettings.Default with { Enabled = true, SmsTemplate = template }, TenantFactory.Later));

        Assert.Equal("GuestSettingsValid", error.Rule);
        Assert.Contains(reason, error.Message);
        Assert.False(tenant.Guests.Enabled);
    }

    [Theory]
    [InlineData("Invitation {link}", "may not contain {link}")]
    [InlineData("Line\r\nBcc: someone@example.org", "line breaks")]
    [InlineData("Visit for {name}", "'{name}' is not allowed")]
    public void AnEmailSubject_WithTheLinkALineBreakOrAnUnknownPlaceholder_IsRefused(string subject, string reason)
    {
        var problem = (GuestSettings.Default with { EmailSubject = subject }).Problem();

        Assert.NotNull(problem);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void TheEmailBody_MayHaveLineBreaks()
    {
        Assert.Null((GuestSettings.Default with { EmailTemplate = "Hello,\r\n\r\nJoin: {link}\n\t{organization}" }).Problem());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    [InlineData(-3)]
    public void TheLimitPerVisit_IsBetweenOneAndTwenty(int limit)
    {
        Assert.Contains("between 1 and 20", (GuestSettings.Default with { MaxGuestsPerVisit = limit }).Problem());
        Assert.Null((GuestSettings.Default with { MaxGuestsPerVisit = 20 }).Problem());
    }

    [Fact]
    public void GuestsOn_WithNoRoleAllowed_OrAnUnknownRole_IsRefused()
    {
        Assert.Contains("at least one guest role", (GuestSettings.Default with { Enabled = true, AllowedRoles = GuestRoles.None }).Problem());
        Assert.Null((GuestSettings.Default with { Enabled = false, AllowedRoles = GuestRoles.None }).Problem());
        Assert.Contains("Unknown guest role", (GuestSettings.Default with { AllowedRoles = (GuestRoles)8 }).Problem());
    }

    [Fact]
    public void ConfigureGuests_KeepsTheSettings_AndMarksTheTenantUpdated()
    {
        var tenant = TenantFactory.Create();
        var settings = GuestSettings.Default with { Enabled = true, AllowedRoles = GuestRoles.Interpreter, MaxGuestsPerVisit = 2 };

        tenant.ConfigureGuests(settings, TenantFactory.Later);

        Assert.Equal(settings, tenant.Guests);
        Assert.Equal(TenantFactory.Later, tenant.UpdatedAtUtc);
    }
}

public class TenantEmailSettingsTests
{
    private static readonly TenantEmailSettings Own = new(true, "smtp.example.org", 587, EmailTlsMode.StartTls, "telehealth", "telehealth@example.org", "General Hospital");

    [Fact]
    public void ConfigureEmail_WithAnOwnServer_KeepsItTrimmed()
    {
        var tenant = TenantFactory.Create();

        tenant.ConfigureEmail(Own with { Host = " smtp.example.org ", FromAddress = " telehealth@example.org" }, TenantFactory.Later);

        Assert.Equal(Own, tenant.Email);
        Assert.Equal(TenantFactory.Later, tenant.UpdatedAtUtc);
    }

    [Theory]
    [InlineData("smtp://smtp.example.org", 587, "telehealth@example.org", "host name")]
    [InlineData("smtp.example.org:587", 587, "telehealth@example.org", "host name")]
    [InlineData("", 587, "telehealth@example.org", "host name")]
    [InlineData("smtp.example.org", 0, "telehealth@example.org", "between 1 and 65535")]
    [InlineData("smtp.example.org", 70000, "telehealth@example.org", "between 1 and 65535")]
    [InlineData("smtp.example.org", 587, "telehealth", "sender address")]
    [InlineData("smtp.example.org", 587, "a@b@example.org", "sender address")]
    [InlineData("smtp.example.org", 587, "tele health@example.org", "sender address")]
    public void AnOwnServer_NeedsAHostAPortAndASenderAddress(string host, int port, string from, string reason)
    {
        var tenant = TenantFactory.Create();

        var error = Assert.Throws<DomainRuleViolationException>(() =>
            tenant.ConfigureEmail(Own with { Host = host, Port = port, FromAddress = from }, TenantFactory.Later));

        Assert.Equal("EmailSettingsValid", error.Rule);
        Assert.Contains(reason, error.Message);
        Assert.Equal(TenantEmailSettings.Installation, tenant.Email);
    }

    [Fact]
    public void TheInstallationsServer_NeedsNothingElse_ButStillRefusesHeaderInjection()
    {
        Assert.Null(TenantEmailSettings.Installation.Problem());
        Assert.Contains("control characters", (Own with { FromName = "Hospital\r\nBcc: x@example.org" }).Problem());
        Assert.Contains("control characters", (TenantEmailSettings.Installation with { FromName = "a\nb" }).Problem());
        Assert.Contains("too long", (Own with { Host = new string('a', 254) }).Problem());
    }

    [Theory]
    [InlineData("smtp.example.org", "telehealth", false)]
    [InlineData("10.0.0.25", "telehealth", false)]
    [InlineData("smtp.example.org", "", true)]
    [InlineData("localhost", "telehealth", true)]
    [InlineData("127.0.0.1", "telehealth", true)]
    public void NoTls_WithASignIn_IsRefusedUnlessTheServerIsOnThisMachine(string host, string userName, bool allowed)
    {
        var problem = (Own with { Host = host, UserName = userName, Tls = EmailTlsMode.None, Port = 25 }).Problem();

        if (allowed) Assert.Null(problem);
        else Assert.Equal(TenantEmailSettings.ClearTextSignIn, problem);
    }

    [Fact]
    public void TheSmtpPassword_IsATenantSecret()
    {
        var tenant = TenantFactory.Create();

        tenant.SetProtectedSecret(TenantSecret.SmtpPassword, "cipher", TenantFactory.Later);

        Assert.True(tenant.HasSecret(TenantSecret.SmtpPassword));
        Assert.Equal("cipher", tenant.SmtpPasswordProtected);
        tenant.SetProtectedSecret(TenantSecret.SmtpPassword, null, TenantFactory.Later);
        Assert.False(tenant.HasSecret(TenantSecret.SmtpPassword));
    }
}
