using EpicZoom.Domain.Common;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Tests.Launch;

public sealed class SmartScopeTests
{
    [Theory]
    [InlineData("patient/Patient.rs", "Patient", true)]
    [InlineData("patient/Patient.r", "Patient", true)]
    [InlineData("user/Practitioner.cruds", "Practitioner", true)]
    [InlineData("patient/Patient.read", "Patient", true)]
    [InlineData("user/*.*", "Encounter", true)]
    [InlineData("user/*.rs", "Practitioner", true)]
    [InlineData("patient/Encounter.r?category=x", "Encounter", true)]
    [InlineData("patient/Patient.write", "Patient", false)]
    [InlineData("patient/Patient.cud", "Patient", false)]
    [InlineData("patient/Patient.rs", "Practitioner", false)]
    [InlineData("launch", "Patient", false)]
    [InlineData("openid fhirUser", "Practitioner", false)]
    public void AllowsRead_UnderstandsV1AndV2(string granted, string resourceType, bool allowed) =>
        Assert.Equal(allowed, SmartScope.AllowsRead(granted.Split(' '), resourceType));

    [Fact]
    public void Sanitize_RemovesControlAndBidiCharacters_AndNeverSplitsASurrogatePair()
    {
        Assert.Equal("bad secret x", SafeText.Sanitize("bad\r\n\u0000 secret\u202E x", 100));
        Assert.Equal("ab", SafeText.Sanitize("ab\U0001F600", 3));
        Assert.Equal("ab\U0001F600", SafeText.Sanitize("ab\U0001F600c", 4));
        Assert.Equal("a", SafeText.Sanitize("a\uD800b"[..2], 10));
    }

    [Fact]
    public void ConfigureSmart_RefusesAFrameAncestorThatIsNotAnOrigin_ByRule()
    {
        var tenant = Tenants.TenantFactory.Create();

        var ex = Assert.Throws<EpicZoom.Domain.Common.DomainRuleViolationException>(() =>
            tenant.ConfigureSmart(SmartSettings.Default with { FrameAncestors = "https://ehr.example.org/path" }, DateTime.UtcNow));

        Assert.Equal("FrameAncestorsAreOrigins", ex.Rule);
    }

    [Fact]
    public void ConfigureSmart_NormalisesOrigins()
    {
        var tenant = Tenants.TenantFactory.Create();

        tenant.ConfigureSmart(SmartSettings.Default with { FrameAncestors = " HTTPS://EHR.example.org/  https://b.example " }, DateTime.UtcNow);

        Assert.Equal("https://ehr.example.org https://b.example", tenant.Smart.FrameAncestors);
    }
}
