using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Tests.Tenants;

namespace EpicZoom.Domain.Tests.Sms;

public sealed class TenantSmsTests
{
    private const string SmsWithoutToken = "SMS is switched on but no SMS auth token is set";

    private static SmsSettings On(
        string api = "https://api.twilio.com", string sid = "AC123", string from = "+15550100999",
        string template = SmsSettings.DefaultTemplate) => new(true, api, sid, from, template);

    [Fact]
    public void NewTenant_HasSmsSwitchedOffAndCannotSend()
    {
        var tenant = TenantFactory.Create();

        Assert.Equal(SmsSettings.Disabled, tenant.Sms);
        Assert.False(tenant.CanSendSms);
    }

    [Fact]
    public void ConfigureSms_WithEverything_StoresTheSettingsAndTheTime()
    {
        var tenant = TenantFactory.Create();
        var sms = On(template: "{organization}: join at {link}");

        tenant.ConfigureSms(sms, TenantFactory.Later);

        Assert.Equal(sms, tenant.Sms);
        Assert.Equal(TenantFactory.Later, tenant.UpdatedAtUtc);
    }

    [Fact]
    public void ConfigureSms_NormalizesTheApiUrl()
    {
        var tenant = TenantFactory.Create();

        tenant.ConfigureSms(On(api: "  https://api.twilio.com/// "), TenantFactory.Later);

        Assert.Equal("https://api.twilio.com", tenant.Sms.ApiBaseUrl);
    }

    [Fact]
    public void ConfigureSms_DisabledWithoutApiUrl_UsesTheDefaultProvider()
    {
        var tenant = TenantFactory.Create();

        tenant.ConfigureSms(new SmsSettings(false, "", "", "", SmsSettings.DefaultTemplate), TenantFactory.Later);

        Assert.Equal(SmsSettings.DefaultApiBaseUrl, tenant.Sms.ApiBaseUrl);
    }

    [Fact]
    public void CanSendSms_WhenEnabledButNoAuthToken_IsFalse()
    {
        var tenant = TenantFactory.Create();
        tenant.ConfigureSms(On(), TenantFactory.Later);

        Assert.False(tenant.CanSendSms);
    }

    [Fact]
    public void CanSendSms_WhenEnabledWithAuthToken_IsTrue()
    {
        var tenant = TenantFactory.Create();
        tenant.ConfigureSms(On(), TenantFactory.Later);
        tenant.SetProtectedSecret(TenantSecret.SmsAuthToken, "enc", TenantFactory.Later);

        Assert.True(tenant.CanSendSms);
    }

    [Fact]
    public void CanSendSms_WhenAuthTokenIsSetButSmsIsOff_IsFalse()
    {
        var tenant = TenantFactory.Create();
        tenant.SetProtectedSecret(TenantSecret.SmsAuthToken, "enc", TenantFactory.Later);

        Assert.True(tenant.HasSecret(TenantSecret.SmsAuthToken));
        Assert.False(tenant.CanSendSms);
    }

    [Fact]
    public void CanSendSms_AfterTheAuthTokenIsRemoved_IsFalse()
    {
        var tenant = TenantFactory.Create();
        tenant.ConfigureSms(On(), TenantFactory.Later);
        tenant.SetProtectedSecret(TenantSecret.SmsAuthToken, "enc", TenantFactory.Later);

        tenant.SetProtectedSecret(TenantSecret.SmsAuthToken, null, TenantFactory.Later);

        Assert.False(tenant.CanSendSms);
    }

    [Fact]
    public void CanSendSms_AfterSmsIsSwitchedOffAgain_IsFalse()
    {
        var tenant = TenantFactory.Create();
        tenant.ConfigureSms(On(), TenantFactory.Later);
        tenant.SetProtectedSecret(TenantSecret.SmsAuthToken, "enc", TenantFactory.Later);

        tenant.ConfigureSms(On() with { Enabled = false }, TenantFactory.Later);

        Assert.False(tenant.CanSendSms);
    }

    [Fact]
    public void ConfigurationWarnings_WhenEnabledWithoutAuthToken_WarnAboutTheToken()
    {
        var tenant = TenantFactory.FullyConfigured();
        tenant.ConfigureSms(On(), TenantFactory.Later);

        var warning = Assert.Single(tenant.ConfigurationWarnings());
        Assert.Contains(SmsWithoutToken, warning);
    }

    [Fact]
    public void ConfigurationWarnings_WhenEnabledWithAuthToken_AreEmpty()
    {
        var tenant = TenantFactory.FullyConfigured();
        tenant.ConfigureSms(On(), TenantFactory.Later);
        tenant.SetProtectedSecret(TenantSecret.SmsAuthToken, "enc", TenantFactory.Later);

        Assert.Empty(tenant.ConfigurationWarnings());
    }

    [Fact]
    public void ConfigurationWarnings_WhenSmsIsOffWithoutAuthToken_SayNothingAboutSms()
    {
        var tenant = TenantFactory.FullyConfigured();

        Assert.Empty(tenant.ConfigurationWarnings());
    }

    [Theory]
    [InlineData("", "+15550100999")]
    [InlineData("   ", "+15550100999")]
    [InlineData("AC123", "")]
    [InlineData("AC123", "  ")]
    public void ConfigureSms_EnablingWithoutAccountOrNumber_IsRefused(string sid, string from)
    {
        var tenant = TenantFactory.Create();

        var ex = Assert.Throws<DomainRuleViolationException>(() => tenant.ConfigureSms(On(sid: sid, from: from), TenantFactory.Later));

        Assert.Equal("SmsConfigured", ex.Rule);
        Assert.Equal(SmsSettings.Disabled, tenant.Sms);
        Assert.Equal(TenantFactory.Created, tenant.UpdatedAtUtc);
    }

    [Fact]
    public void ConfigureSms_DisabledWithoutAccountOrNumber_IsAccepted()
    {
        var tenant = TenantFactory.Create();

        tenant.ConfigureSms(new SmsSettings(false, SmsSettings.DefaultApiBaseUrl, "", "", "Join: {link}"), TenantFactory.Later);

        Assert.False(tenant.Sms.Enabled);
        Assert.Equal("Join: {link}", tenant.Sms.MessageTemplate);
    }

    [Theory]
    [InlineData("Hi {patientName}, join at {link}", "{patientName}")]
    [InlineData("Join now", "{link}")]
    [InlineData("", "required")]
    public void ConfigureSms_WithAnUnsafeTemplate_IsRefusedWithTheReason(string template, string mentioned)
    {
        var tenant = TenantFactory.Create();

        var ex = Assert.Throws<DomainRuleViolationException>(() => tenant.ConfigureSms(On(template: template), TenantFactory.Later));

        Assert.Equal("SmsTemplateSafe", ex.Rule);
        Assert.Contains(mentioned, ex.Message);
        Assert.Equal(SmsSettings.Disabled, tenant.Sms);
    }

    [Fact]
    public void ConfigureSms_DisabledWithAnUnsafeTemplate_IsStillRefused()
    {
        var tenant = TenantFactory.Create();
        var sms = SmsSettings.Disabled with { MessageTemplate = "Hi {patientName}: {link}" };

        var ex = Assert.Throws<DomainRuleViolationException>(() => tenant.ConfigureSms(sms, TenantFactory.Later));

        Assert.Equal("SmsTemplateSafe", ex.Rule);
    }

    [Theory]
    [InlineData("")]
    [InlineData("api.twilio.com")]
    [InlineData("ftp://api.twilio.com")]
    [InlineData("http://api.twilio.com")]
    [InlineData("https://api.twilio.com/?x=1")]
    [InlineData("https://user:pass@api.twilio.com")]
    public void ConfigureSms_EnabledWithABadApiUrl_IsRefused(string api)
    {
        var tenant = TenantFactory.Create();

        var ex = Assert.Throws<DomainRuleViolationException>(() => tenant.ConfigureSms(On(api: api), TenantFactory.Later));

        Assert.Equal("TenantUrlsValid", ex.Rule);
        Assert.Contains("SMS API base URL", ex.Message);
        Assert.Equal(SmsSettings.Disabled, tenant.Sms);
    }

    [Fact]
    public void ConfigureSms_EnabledWithALocalHttpUrl_IsAcceptedForTheSandbox()
    {
        var tenant = TenantFactory.Create();

        tenant.ConfigureSms(On(api: "http://localhost:5080/"), TenantFactory.Later);

        Assert.Equal("http://localhost:5080", tenant.Sms.ApiBaseUrl);
    }

    [Fact]
    public void ConfigureSms_SwitchingOff_KeepsTheAccountAndTemplate()
    {
        var tenant = TenantFactory.Create();
        tenant.ConfigureSms(On(template: "{organization}: {link}"), TenantFactory.Later);

        tenant.ConfigureSms(tenant.Sms with { Enabled = false }, TenantFactory.Later);

        Assert.False(tenant.Sms.Enabled);
        Assert.Equal("{organization}: {link}", tenant.Sms.MessageTemplate);
        Assert.Equal("AC123", tenant.Sms.AccountSid);
        Assert.Equal("+15550100999", tenant.Sms.FromNumber);
    }

    [Fact]
    public void ConfigureSms_DoesNotTouchTheAuthToken()
    {
        var tenant = TenantFactory.Create();
        tenant.SetProtectedSecret(TenantSecret.SmsAuthToken, "enc", TenantFactory.Created);

        tenant.ConfigureSms(On(), TenantFactory.Later);

        Assert.Equal("enc", tenant.GetProtectedSecret(TenantSecret.SmsAuthToken));
    }
}
