using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Tenants;
using FluentValidation.Results;
using NSubstitute;

namespace EpicZoom.Application.Tests.Tenants;

/// <summary>The field rules shared by create and update; PEM import rules are in <see cref="PrivateKeyImportValidationTests"/>.</summary>
public class TenantInputValidatorTests
{
    private readonly TenantInputValidator validator = new(Substitute.For<ISigningKeyService>());

    private static readonly string[] UrlFields =
    [
        nameof(TenantInput.ZoomOAuthBaseUrl), nameof(TenantInput.ZoomApiBaseUrl), nameof(TenantInput.EpicFhirBaseUrl),
        nameof(TenantInput.EpicTelehealthBaseUrl), nameof(TenantInput.EpicOAuthBaseUrl),
        nameof(TenantInput.DeviceTestEndpointUrl), nameof(TenantInput.ProviderDeviceTestHelpUrl),
    ];

    private static readonly string[] StatusCodeFields =
    [
        nameof(TenantInput.ConnectedStatusCode), nameof(TenantInput.DisconnectedStatusCode),
        nameof(TenantInput.PatientIdTypeCode), nameof(TenantInput.ProviderIdTypeCode),
    ];

    public static TheoryData<string, string> BadUrls()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in UrlFields)
        {
            foreach (var url in new[] { "/api/FHIR/R4", "fhir.acme.org", "ftp://fhir.acme.org", "http://fhir.acme.org", "https://fhir.acme.org/api?x=1", "https://fhir.acme.org/#f", "https://u:p@fhir.acme.org" })
            {
                data.Add(field, url);
            }
        }
        return data;
    }

    public static TheoryData<string, string> BadStatusCodes()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in StatusCodeFields)
        {
            foreach (var code in new[] { "", "abc", "1a", "-1", "1.5", "12345678901" })
            {
                data.Add(field, code);
            }
        }
        return data;
    }

    private static void AssertFailsOnlyOn(ValidationResult result, string property)
    {
        Assert.False(result.IsValid);
        Assert.Equal([property], result.Errors.Select(e => e.PropertyName).Distinct());
    }

    [Fact]
    public void Validate_WhenRequiredFieldsAreSet_Passes()
    {
        var result = validator.Validate(Inputs.Valid());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Validate_WhenEveryOptionalFieldIsSetWell_Passes()
    {
        var input = Inputs.Valid(orgId: null).WithSecrets();
        input.EpicOAuthBaseUrl = "https://fhir.acme.org/oauth2";
        input.DeviceTestEndpointUrl = "https://zoom.us/test";
        input.ProviderDeviceTestHelpUrl = "http://localhost:5000/help";
        input.TelehealthBasicUser = "emp$zoom";
        input.DeviceTestReportPath = "/api/epic/2020/Telehealth/DeviceTest/SetDeviceTestResult";
        input.ConnectedStatusCode = " 7 ";
        input.SecretsToRemove = [TenantSecret.EpicClientSecret];

        var result = validator.Validate(input);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData(nameof(TenantInput.Name), "")]
    [InlineData(nameof(TenantInput.Name), "   ")]
    [InlineData(nameof(TenantInput.ZoomAccountId), "")]
    [InlineData(nameof(TenantInput.ZoomClientId), " ")]
    [InlineData(nameof(TenantInput.ZoomOAuthBaseUrl), "")]
    [InlineData(nameof(TenantInput.ZoomApiBaseUrl), " ")]
    [InlineData(nameof(TenantInput.EpicFhirBaseUrl), "")]
    [InlineData(nameof(TenantInput.EpicTelehealthBaseUrl), "")]
    [InlineData(nameof(TenantInput.EpicClientId), "")]
    [InlineData(nameof(TenantInput.VendorName), "")]
    [InlineData(nameof(TenantInput.DeviceTestReportPath), "")]
    public void Validate_WhenARequiredFieldIsEmpty_FailsOnThatField(string property, string value)
    {
        var input = Inputs.Valid();
        input.Set(property, value);

        AssertFailsOnlyOn(validator.Validate(input), property);
    }

    [Theory]
    [InlineData(nameof(TenantInput.EpicOAuthBaseUrl))]
    [InlineData(nameof(TenantInput.DeviceTestEndpointUrl))]
    [InlineData(nameof(TenantInput.ProviderDeviceTestHelpUrl))]
    public void Validate_WhenAnOptionalUrlIsEmpty_Passes(string property)
    {
        var input = Inputs.Valid();
        input.Set(property, " ");

        Assert.True(validator.Validate(input).IsValid);
    }

    [Theory]
    [MemberData(nameof(BadUrls))]
    public void Validate_WhenAUrlIsNotAnHttpsBaseUrl_FailsOnThatField(string property, string url)
    {
        var input = Inputs.Valid();
        input.Set(property, url);

        var result = validator.Validate(input);

        AssertFailsOnlyOn(result, property);
        Assert.StartsWith("The URL ", result.Errors[0].ErrorMessage);
    }

    [Fact]
    public void Validate_WhenAUrlIsLoopbackHttp_Passes()
    {
        var input = Inputs.Valid();
        input.EpicFhirBaseUrl = "http://127.0.0.1:5000/sandbox/epic/api/FHIR/R4";
        input.ZoomApiBaseUrl = "http://localhost:5000/sandbox/zoom/v2";

        Assert.True(validator.Validate(input).IsValid);
    }

    [Theory]
    [InlineData(nameof(TenantInput.Name), 200)]
    [InlineData(nameof(TenantInput.ZoomAccountId), TenantInputValidator.MaxIdLength)]
    [InlineData(nameof(TenantInput.ZoomClientId), TenantInputValidator.MaxIdLength)]
    [InlineData(nameof(TenantInput.EpicClientId), TenantInputValidator.MaxIdLength)]
    [InlineData(nameof(TenantInput.TelehealthBasicUser), TenantInputValidator.MaxIdLength)]
    [InlineData(nameof(TenantInput.VendorName), 100)]
    [InlineData(nameof(TenantInput.ZoomClientSecret), TenantInputValidator.MaxSecretLength)]
    [InlineData(nameof(TenantInput.ZoomWebhookSecretToken), TenantInputValidator.MaxSecretLength)]
    [InlineData(nameof(TenantInput.EpicClientSecret), TenantInputValidator.MaxSecretLength)]
    [InlineData(nameof(TenantInput.TelehealthBasicPassword), TenantInputValidator.MaxSecretLength)]
    [InlineData(nameof(TenantInput.DeviceTestReportPath), 500)]
    public void Validate_WhenAValueIsOneCharacterTooLong_FailsOnThatFieldButAcceptsTheMaximum(string property, int max)
    {
        var input = Inputs.Valid();
        input.Set(property, new string('a', max));
        Assert.True(validator.Validate(input).IsValid, $"{property} at {max} characters");

        input.Set(property, new string('a', max + 1));
        AssertFailsOnlyOn(validator.Validate(input), property);
    }

    [Theory]
    [MemberData(nameof(BadStatusCodes))]
    public void Validate_WhenAStatusCodeIsNotOneToTenDigits_FailsOnThatField(string property, string code)
    {
        var input = Inputs.Valid();
        input.Set(property, code);

        AssertFailsOnlyOn(validator.Validate(input), property);
    }

    [Theory]
    [InlineData("@acme.org")]
    [InlineData("alice@acme.org")]
    [InlineData("http://acme.org")]
    [InlineData("https://acme.org")]
    [InlineData("acme.org/")]
    [InlineData("acme")]
    [InlineData("acme org.com")]
    [InlineData("-acme.org")]
    public void Validate_WhenEmailDomainIsNotADomainName_FailsOnThatField(string domain)
    {
        var input = Inputs.Valid();
        input.ZoomUserEmailDomain = domain;

        var result = validator.Validate(input);

        AssertFailsOnlyOn(result, nameof(TenantInput.ZoomUserEmailDomain));
        Assert.Contains("no @, no http://", result.Errors[0].ErrorMessage);
    }

    // FluentValidation's .When() applies to every validator before it in the chain, so NotEmpty is gated by "not empty".
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_WhenEmailDomainIsEmpty_FailsOnThatField(string domain)
    {
        var input = Inputs.Valid();
        input.ZoomUserEmailDomain = domain;

        var result = validator.Validate(input);

        AssertFailsOnlyOn(result, nameof(TenantInput.ZoomUserEmailDomain));
        Assert.StartsWith("Enter the e-mail domain", result.Errors[0].ErrorMessage);
    }

    [Theory]
    [InlineData("Telehealth.Acme.ORG")]
    [InlineData(" zoom.acme.co.uk ")]
    [InlineData("xn--bcher-kva.example")]
    public void Validate_WhenEmailDomainIsADomainName_Passes(string domain)
    {
        var input = Inputs.Valid();
        input.ZoomUserEmailDomain = domain;

        Assert.True(validator.Validate(input).IsValid);
    }

    [Theory]
    [InlineData("../admin")]
    [InlineData("api/epic/../../admin")]
    [InlineData("api/..")]
    [InlineData("api/epic?x=1")]
    [InlineData("https://evil.example.org/api")]
    [InlineData("api/epic 2020")]
    [InlineData("api\\epic")]
    public void Validate_WhenDeviceTestPathIsNotASafeRelativePath_FailsOnThatField(string path)
    {
        var input = Inputs.Valid();
        input.DeviceTestReportPath = path;

        AssertFailsOnlyOn(validator.Validate(input), nameof(TenantInput.DeviceTestReportPath));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("acme health")]
    [InlineData("acme/health")]
    [InlineData(" acme")]
    [InlineData("acmé")]
    public void Validate_WhenOrgIdIsGivenButNotUrlSafe_FailsOnOrgId(string orgId)
    {
        AssertFailsOnlyOn(validator.Validate(Inputs.Valid(orgId: orgId)), nameof(TenantInput.OrgId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_WhenOrgIdIsEmpty_PassesSoOneCanBeGenerated(string? orgId)
    {
        Assert.True(validator.Validate(Inputs.Valid(orgId: orgId)).IsValid);
    }

    [Theory]
    [InlineData(nameof(TenantInput.Environment), typeof(EpicEnvironment))]
    [InlineData(nameof(TenantInput.AdmittancePolicy), typeof(PatientAdmittancePolicy))]
    [InlineData(nameof(TenantInput.TelehealthAuthMode), typeof(TelehealthAuthMode))]
    [InlineData(nameof(TenantInput.ProviderUserType), typeof(ProviderUserType))]
    [InlineData(nameof(TenantInput.SigningKeyAction), typeof(SigningKeyAction))]
    public void Validate_WhenAnEnumValueIsUndefined_FailsOnThatField(string property, Type enumType)
    {
        var input = Inputs.Valid();
        input.Set(property, Enum.ToObject(enumType, 99));

        AssertFailsOnlyOn(validator.Validate(input), property);
    }

    [Fact]
    public void Validate_WhenASecretToRemoveIsUndefined_FailsOnThatItem()
    {
        var input = Inputs.Valid();
        input.SecretsToRemove = [TenantSecret.ZoomClientSecret, (TenantSecret)99];

        AssertFailsOnlyOn(validator.Validate(input), "SecretsToRemove[1]");
    }

    [Theory]
    [InlineData(nameof(TenantInput.SmsAccountSid), "")]
    [InlineData(nameof(TenantInput.SmsFromNumber), "")]
    public void Validate_WhenSmsIsOnWithoutItsAccountOrNumber_FailsOnThatField(string property, string value)
    {
        var input = WithSms();
        input.Set(property, value);

        AssertFailsOnlyOn(validator.Validate(input), property);
    }

    [Theory]
    [InlineData("555 010 0200")]
    [InlineData("+1 555 CALL")]
    [InlineData("+0 555 010 0200")]
    public void Validate_WhenTheSendingNumberIsNotE164_FailsOnThatField(string number)
    {
        var input = WithSms();
        input.SmsFromNumber = number;

        AssertFailsOnlyOn(validator.Validate(input), nameof(TenantInput.SmsFromNumber));
    }

    [Theory]
    [InlineData("Your visit is ready.", "{link}")]
    [InlineData("{link} {link}", "exactly once")]
    [InlineData("Hi {patientName}, join: {link}", "{patientName}")]
    [InlineData("", "required")]
    public void Validate_WhenTheTemplateCouldLoseTheLinkOrCarryPatientData_SaysWhy(string template, string expected)
    {
        var input = WithSms();
        input.SmsMessageTemplate = template;

        var result = validator.Validate(input);

        AssertFailsOnlyOn(result, nameof(TenantInput.SmsMessageTemplate));
        Assert.Contains(expected, result.Errors[0].ErrorMessage);
    }

    [Fact]
    public void Validate_WhenSmsIsOff_DoesNotNeedItsFields()
    {
        var input = Inputs.Valid();
        input.SmsEnabled = false;
        input.SmsAccountSid = "";
        input.SmsFromNumber = "";

        Assert.True(validator.Validate(input).IsValid);
    }

    private static TenantInput WithSms()
    {
        var input = Inputs.Valid();
        input.SmsEnabled = true;
        input.SmsAccountSid = "AC0123";
        input.SmsFromNumber = "+15550100200";
        input.SmsAuthToken = "token";
        Assert.True(new TenantInputValidator(Substitute.For<ISigningKeyService>()).Validate(input).IsValid);
        return input;
    }
    [Theory]
    [InlineData(SmartSettings.DefaultLaunchScopes)]
    [InlineData(SmartSettings.V1LaunchScopes)]
    [InlineData("launch openid fhirUser")]
    [InlineData("launch openid fhirUser user/*.rs patient/Encounter.r?category=x")]
    public void LaunchScopes_InV2OrV1Syntax_AreValid(string scopes)
    {
        var input = Inputs.Valid();
        input.SmartLaunchScopes = scopes;

        Assert.True(validator.Validate(input).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("openid fhirUser patient/Patient.rs")]
    [InlineData("launch openid fhirUser patient/Patient.bogus")]
    [InlineData("launch openid fhirUser system/Patient.rs")]
    [InlineData("launch openid fhirUser \"quoted\"")]
    [InlineData("launch openid fhirUser patient/Patient.rs\u0000")]
    public void LaunchScopes_WithoutTheLaunchTrioOrWithBadScopes_FailOnTheirField(string scopes)
    {
        var input = Inputs.Valid();
        input.SmartLaunchScopes = scopes;

        AssertFailsOnlyOn(validator.Validate(input), nameof(TenantInput.SmartLaunchScopes));
    }

    [Theory]
    [InlineData("patient/Patient.rs")]
    [InlineData("launch")]
    [InlineData("")]
    public void BackendScopes_OtherThanSystemScopes_FailOnTheirField(string scopes)
    {
        var input = Inputs.Valid();
        input.SmartBackendScopes = scopes;

        AssertFailsOnlyOn(validator.Validate(input), nameof(TenantInput.SmartBackendScopes));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://ehr.example.org")]
    [InlineData("https://ehr.example.org:8443 https://*.hospital.example/")]
    [InlineData("http://localhost:5000")]
    public void FrameAncestors_ThatAreOrigins_AreValid(string? origins)
    {
        var input = Inputs.Valid();
        input.FrameAncestors = origins;

        Assert.True(validator.Validate(input).IsValid);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("'self'")]
    [InlineData("https://ehr.example.org/path")]
    [InlineData("http://ehr.example.org")]
    [InlineData("ehr.example.org")]
    [InlineData("https://ehr.example.org; script-src *")]
    [InlineData("https://ehr.example.org?x=1")]
    public void FrameAncestors_ThatAreNotOrigins_FailOnTheirField(string origins)
    {
        var input = Inputs.Valid();
        input.FrameAncestors = origins;

        AssertFailsOnlyOn(validator.Validate(input), nameof(TenantInput.FrameAncestors));
    }
}
