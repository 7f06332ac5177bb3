using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Tests.Tenants;

public class EpicSettingsTests
{
    [Theory]
    [InlineData("https://fhir.example.org/api/FHIR/R4")]
    [InlineData("https://fhir.example.org/api/FHIR/R4/")]
    [InlineData("https://fhir.example.org/API/fhir/r4")]
    [InlineData("  https://fhir.example.org/api/FHIR/R4  ")]
    [InlineData("https://fhir.example.org/interconnect-prd/R4")]
    public void IsR4Base_WhenUrlEndsInAnR4Base_IsTrue(string url)
    {
        Assert.True(EpicSettings.IsR4Base(url));
    }

    [Theory]
    [InlineData("https://fhir.example.org/api/FHIR/DSTU2")]
    [InlineData("https://fhir.example.org/api/FHIR/R4/Patient")]
    [InlineData("https://fhir.example.org/api/FHIR/STU3")]
    [InlineData("https://fhir.example.org/R4B")]
    [InlineData("https://fhir.example.org")]
    public void IsR4Base_WhenUrlIsNotAnR4Base_IsFalse(string url)
    {
        Assert.False(EpicSettings.IsR4Base(url));
    }

    [Fact]
    public void FhirBaseLooksLikeR4_FollowsTheFhirBaseUrl()
    {
        Assert.True(TenantFactory.Epic(fhir: "https://x.example.org/api/FHIR/R4").FhirBaseLooksLikeR4);
        Assert.False(TenantFactory.Epic(fhir: "https://x.example.org/api/FHIR/DSTU2").FhirBaseLooksLikeR4);
    }
}
