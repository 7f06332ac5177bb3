using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tests.Support;
using NSubstitute;

namespace EpicZoom.Application.Tests.Tenants;

/// <summary>
/// Characters that hide what a value is (controls, line breaks, bidi overrides, lone surrogates) are refused on
/// every text field an admin sets, with the message on that field.
/// </summary>
public class HostileTenantInputTests
{
    private readonly TenantInputValidator validator = new(Substitute.For<ISigningKeyService>());

    // Each field with a value that passes; the hostile character goes into its middle.
    private static readonly (string Field, string Valid)[] TextFields =
    [
        (nameof(TenantInput.Name), "Acme Health"),
        (nameof(TenantInput.OrgId), "acme-health"),
        (nameof(TenantInput.ZoomAccountId), "zoom-account"),
        (nameof(TenantInput.ZoomClientId), "zoom-client"),
        (nameof(TenantInput.ZoomUserEmailDomain), "telehealth.acme.org"),
        (nameof(TenantInput.ZoomOAuthBaseUrl), "https://zoom.us/oauth"),
        (nameof(TenantInput.ZoomApiBaseUrl), "https://api.zoom.us/v2"),
        (nameof(TenantInput.EpicFhirBaseUrl), "https://fhir.acme.org/api/FHIR/R4"),
        (nameof(TenantInput.EpicTelehealthBaseUrl), "https://fhir.acme.org"),
        (nameof(TenantInput.EpicOAuthBaseUrl), "https://fhir.acme.org/oauth2"),
        (nameof(TenantInput.EpicClientId), "epic-client"),
        (nameof(TenantInput.VendorName), "EpicZoom"),
        (nameof(TenantInput.TelehealthBasicUser), "zoomuser"),
        (nameof(TenantInput.ConnectedStatusCode), "1234"),
        (nameof(TenantInput.DeviceTestReportPath), "api/epic/DeviceTest"),
        (nameof(TenantInput.DeviceTestEndpointUrl), "https://zoom.us/test"),
        (nameof(TenantInput.ProviderDeviceTestHelpUrl), "https://help.acme.org"),
        (nameof(TenantInput.SmsApiBaseUrl), "https://api.twilio.com"),
        (nameof(TenantInput.SmsAccountSid), "AC0123456789"),
        (nameof(TenantInput.SmsFromNumber), "+15550100200"),
    ];

    // As code points: xUnit passes theory strings through UTF-8, which would turn a lone surrogate into U+FFFD.
    private static readonly int[] HostileCharacters =
        [0x0, 0xD, 0xA, 0x9, 0x1B, 0x7F, 0x85, 0x202E, 0x202A, 0x2066, 0x2069, 0x200F, 0x2028, 0xD800, 0xDC00];

    public static TheoryData<string, int> HostileValues()
    {
        var data = new TheoryData<string, int>();
        foreach (var (field, _) in TextFields)
        {
            foreach (var c in HostileCharacters) data.Add(field, c);
        }
        foreach (var c in new[] { 0x0, 0x1B, 0x202E, 0x2066, 0x2028, 0xD800 }) data.Add(nameof(TenantInput.SmsMessageTemplate), c);
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void Validate_WhenATextFieldHoldsAControlOrBidiCharacter_FailsOnThatField(string field, int character)
    {
        var valid = field == nameof(TenantInput.SmsMessageTemplate) ? "Join your visit: {link}" : TextFields.Single(f => f.Field == field).Valid;
        var input = Inputs.Valid();
        input.Set(field, valid[..3] + (char)character + valid[3..]);
        var code = $"U+{character:X4}";

        var result = validator.Validate(input);

        Assert.False(result.IsValid, $"{field} accepted {code}");
        Assert.Contains(result.Errors, e => e.PropertyName == field);
        Assert.All(result.Errors, e => Assert.Equal(field, e.PropertyName));
    }

    [Fact]
    public void Validate_ForAControlCharacter_NamesItInTheMessage()
    {
        var input = Inputs.Valid();
        input.Name = "Acme\u202eHealth";

        var error = Assert.Single(validator.Validate(input).Errors);

        Assert.Contains("U+202E", error.ErrorMessage);
    }

    [Fact]
    public void Validate_ForAMultiLineMessageTemplate_Passes()
    {
        var input = Inputs.Valid();
        input.SmsMessageTemplate = "Your visit with {organization}:\r\n\t{link}";

        Assert.True(validator.Validate(input).IsValid);
    }

    [Fact]
    public void Validate_ForNamesInAnyScriptWithEmoji_Passes()
    {
        var input = Inputs.Valid();
        input.Name = "Clínica São José · 東京病院 · مستشفى 🏥";
        input.VendorName = "Zoom für Ärzte";

        var result = validator.Validate(input);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Validate_WhenTheEpicClientIdIsNotAscii_FailsOnIt()
    {
        var input = Inputs.Valid();
        input.EpicClientId = "épic-client";

        Assert.Equal([nameof(TenantInput.EpicClientId)], validator.Validate(input).Errors.Select(e => e.PropertyName).Distinct());
    }

    [Fact]
    public void Validate_WhenTheBasicUserHoldsAColon_FailsOnIt()
    {
        var input = Inputs.Valid();
        input.TelehealthBasicUser = "zoom:admin";

        Assert.Equal([nameof(TenantInput.TelehealthBasicUser)], validator.Validate(input).Errors.Select(e => e.PropertyName).Distinct());
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fe80::1]/api")]
    [InlineData("https://0.0.0.0/api")]
    [InlineData("https://[::]/api")]
    [InlineData("https://metadata.google.internal/computeMetadata")]
    public void Validate_WhenAUrlPointsAtAMetadataOrLinkLocalAddress_FailsOnIt(string url)
    {
        var input = Inputs.Valid();
        input.EpicTelehealthBaseUrl = url;

        Assert.Equal([nameof(TenantInput.EpicTelehealthBaseUrl)], validator.Validate(input).Errors.Select(e => e.PropertyName).Distinct());
    }

    [Theory]
    [InlineData("https://10.1.2.3/api")]
    [InlineData("https://192.168.0.10")]
    [InlineData("https://epic.intranet.local/interconnect")]
    public void Validate_WhenAUrlIsOnAPrivateNetwork_Passes(string url)
    {
        var input = Inputs.Valid();
        input.EpicTelehealthBaseUrl = url;

        Assert.True(validator.Validate(input).IsValid);
    }
}
