using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Tests.Sms;

public sealed class SmsSettingsTests
{
    [Theory]
    [InlineData("{link}")]
    [InlineData("Join your visit: {link}")]
    [InlineData("{organization}: your video visit is ready. Join here: {link}")]
    [InlineData("{organization} {organization}: {link}")]
    [InlineData("Join {link} (no braces elsewhere)")]
    public void TemplateProblem_ForASafeTemplate_IsNull(string template)
    {
        Assert.Null(SmsSettings.TemplateProblem(template));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void TemplateProblem_ForAnEmptyTemplate_SaysItIsRequired(string template)
    {
        Assert.Contains("required", SmsSettings.TemplateProblem(template));
    }

    [Theory]
    [InlineData("Your video visit is ready.")]
    [InlineData("Join here: {link} or here: {link}")]
    [InlineData("Join here: {Link}")]
    [InlineData("Join here: { link }")]
    [InlineData("Join here: link")]
    [InlineData("Join here: {link")]
    public void TemplateProblem_WithoutExactlyOneLink_AsksForOneLink(string template)
    {
        Assert.Equal("The message template must contain {link} exactly once.", SmsSettings.TemplateProblem(template));
    }

    [Theory]
    [InlineData("Hi {patientName}, join: {link}", "{patientName}")]
    [InlineData("Join: {link} for MRN {mrn}", "{mrn}")]
    [InlineData("{link} {dateOfBirth}", "{dateOfBirth}")]
    [InlineData("{link} {}", "{}")]
    [InlineData("{link} with {Organization}", "{Organization}")]
    public void TemplateProblem_WithAnotherPlaceholder_NamesIt(string template, string placeholder)
    {
        var problem = SmsSettings.TemplateProblem(template);

        Assert.NotNull(problem);
        Assert.Contains($"'{placeholder}'", problem);
        Assert.Contains("{link}", problem);
        Assert.Contains("{organization}", problem);
    }

    [Fact]
    public void TemplateProblem_AtTheMaximumLength_IsNull()
    {
        var template = "{link}" + new string('x', SmsSettings.MaxTemplateLength - "{link}".Length);

        Assert.Equal(320, template.Length);
        Assert.Null(SmsSettings.TemplateProblem(template));
    }

    [Fact]
    public void TemplateProblem_OneCharacterOverTheMaximum_GivesTheLimit()
    {
        var template = "{link}" + new string('x', SmsSettings.MaxTemplateLength - "{link}".Length + 1);

        var problem = SmsSettings.TemplateProblem(template);

        Assert.NotNull(problem);
        Assert.Contains("320", problem);
    }

    [Fact]
    public void DefaultTemplate_IsSafeAndNamesNoPatient()
    {
        Assert.Null(SmsSettings.TemplateProblem(SmsSettings.DefaultTemplate));
        Assert.Contains("{link}", SmsSettings.DefaultTemplate);
        Assert.DoesNotContain("name", SmsSettings.DefaultTemplate, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{patient", SmsSettings.DefaultTemplate, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Disabled_IsOffWithTheDefaultProviderAndTemplate()
    {
        var sms = SmsSettings.Disabled;

        Assert.False(sms.Enabled);
        Assert.Equal(SmsSettings.DefaultApiBaseUrl, sms.ApiBaseUrl);
        Assert.Equal("https://api.twilio.com", sms.ApiBaseUrl);
        Assert.Equal("", sms.AccountSid);
        Assert.Equal("", sms.FromNumber);
        Assert.Equal(SmsSettings.DefaultTemplate, sms.MessageTemplate);
    }

    [Fact]
    public void Render_FillsInTheLinkAndTheOrganization()
    {
        var sms = SmsSettings.Disabled with { MessageTemplate = "{organization}: join your visit at {link} - {organization}" };

        var text = sms.Render("https://v.example.org/p/abc.def", "General Hospital");

        Assert.Equal("General Hospital: join your visit at https://v.example.org/p/abc.def - General Hospital", text);
    }

    [Fact]
    public void Render_OfTheDefaultTemplate_LeavesNoPlaceholder()
    {
        var text = SmsSettings.Disabled.Render("https://v.example.org/p/abc.def", "General Hospital");

        Assert.Equal("Your video visit is ready. Join here: https://v.example.org/p/abc.def Reply STOP to opt out.", text);
        Assert.DoesNotContain("{", text);
    }

    [Fact]
    public void Render_WhenTheLinkLooksLikeAPlaceholder_DoesNotExpandIt()
    {
        var sms = SmsSettings.Disabled with { MessageTemplate = "{link} from {organization}" };

        Assert.Equal("https://x/{organization} from Acme", sms.Render("https://x/{organization}", "Acme"));
    }
}
