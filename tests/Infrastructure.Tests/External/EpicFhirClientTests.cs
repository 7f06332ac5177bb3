using EpicZoom.Application.Common.Interfaces.External;
using Microsoft.AspNetCore.Http;

namespace EpicZoom.Infrastructure.Tests.External;

public sealed class EpicFhirClientTests : SandboxTest
{
    [Fact]
    public async Task TheLaunchsEncounterPractitionerAndPatient_AreReadWithTheLaunchToken()
    {
        var token = await LaunchAsync("type=provider&csn=800100200&providerId=ePDANA&firstName=Dana&lastName=Doctor");

        var encounter = await Sandbox.Fhir.GetEncounterAsync(Sandbox.FhirBase, token.AccessToken, token.Encounter!, default);
        var practitioner = await Sandbox.Fhir.GetPractitionerAsync(Sandbox.FhirBase, token.AccessToken, "ePDANA", default);
        var patient = await Sandbox.Fhir.GetPatientAsync(Sandbox.FhirBase, token.AccessToken, token.Patient!, default);

        Assert.NotNull(encounter);
        Assert.Equal(token.Encounter, encounter.Id);
        Assert.Equal(token.Patient, encounter.PatientId);
        Assert.Equal(["ePDANA"], encounter.PractitionerIds);
        Assert.NotNull(practitioner);
        Assert.Equal(("Dana", "Doctor"), (practitioner.GivenName, practitioner.FamilyName));
        Assert.EndsWith("@sandbox-hospital.example", practitioner.Email);
        Assert.Null(practitioner.MobilePhone);
        Assert.NotNull(patient);
        Assert.Equal(token.Patient, patient.Id);
        Assert.False(string.IsNullOrEmpty(patient.GivenName));
        Assert.StartsWith("+1555555", patient.MobilePhone);
        Assert.All(Sandbox.Requests.All.Where(r => r.Path.Contains("/FHIR/R4/", StringComparison.Ordinal)), r => Assert.Equal("Bearer", r.AuthorizationScheme));
    }

    [Fact]
    public async Task AnUnknownId_ReadsAsNull()
    {
        var token = await LaunchAsync("type=provider");

        Assert.Null(await Sandbox.Fhir.GetPatientAsync(Sandbox.FhirBase, token.AccessToken, "eUNKNOWN", default));
        Assert.Null(await Sandbox.Fhir.GetPractitionerAsync(Sandbox.FhirBase, token.AccessToken, "eUNKNOWN", default));
        Assert.Null(await Sandbox.Fhir.GetEncounterAsync(Sandbox.FhirBase, token.AccessToken, "eUNKNOWN", default));
    }

    [Fact]
    public async Task ARefusedToken_ThrowsEpicOAuthInvalidToken()
    {
        var token = await LaunchAsync("type=provider");

        var error = await Assert.ThrowsAsync<EpicOAuthException>(() =>
            Sandbox.Fhir.GetPatientAsync(Sandbox.FhirBase, "not-a-token", token.Patient!, default));

        Assert.Equal("invalid_token", error.Error);
        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("Bearer access token", error.Description);
    }

    [Fact]
    public async Task AWrongFhirBaseUrl_IsEpicUnavailableRatherThanNotFound()
    {
        await Assert.ThrowsAsync<EpicUnavailableException>(() =>
            Sandbox.Fhir.GetPatientAsync(Sandbox.BaseUrl + "/not-fhir", "token", "eABC", default));
    }

    [Fact]
    public async Task AServerErrorWithAnOperationOutcome_IsEpicUnavailableWithItsDiagnostics()
    {
        Sandbox.Fake = _ => Task.FromResult(Results.Json(
            new { resourceType = "OperationOutcome", issue = new[] { new { severity = "fatal", code = "exception", diagnostics = "Database offline" } } },
            statusCode: 500));

        var error = await Assert.ThrowsAsync<EpicUnavailableException>(() =>
            Sandbox.Fhir.GetPatientAsync(Sandbox.FakeBase, "token", "eABC", default));

        Assert.Contains("Database offline", error.Message);
    }

    [Theory]
    [InlineData("../Practitioner/eABC")]
    [InlineData("eABC/_history/1")]
    [InlineData("..")]
    [InlineData(" ")]
    public async Task AnIdThatCouldLeaveTheResourcePath_IsRejectedBeforeAnyRequest(string id)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Sandbox.Fhir.GetPatientAsync(Sandbox.FhirBase, "token", id, default));

        Assert.Empty(Sandbox.Requests.All);
    }

    [Fact]
    public async Task APersonsNamesAndPhones_PreferOfficialNamesAndMobileNumbers()
    {
        Sandbox.Fake = _ => Task.FromResult(Results.Json(new
        {
            resourceType = "Patient",
            id = "eP1",
            name = new object[]
            {
                new { use = "old", family = "Maiden", given = new[] { "Old" } },
                new { use = "usual", family = "Usual", given = new[] { "Use" } },
                new { use = "official", family = "Official", given = new[] { "Olivia", "Ann" } },
            },
            telecom = new object[]
            {
                new { system = "phone", value = "+1 555 0100", use = "home" },
                new { system = "email", value = "olivia@example.org" },
                new { system = "phone", value = "+1 555 0199", use = "mobile" },
            },
        }, contentType: "application/fhir+json"));

        var patient = await Sandbox.Fhir.GetPatientAsync(Sandbox.FakeBase, "token", "eP1", default);

        Assert.Equal(new FhirPerson("eP1", "Olivia", "Official", "olivia@example.org", "+1 555 0199"), patient);
    }

    [Fact]
    public async Task AResourceOfAnotherType_IsEpicUnavailable()
    {
        Sandbox.Fake = _ => Task.FromResult(Results.Json(new { resourceType = "Practitioner", id = "eP1" }));

        await Assert.ThrowsAsync<EpicUnavailableException>(() => Sandbox.Fhir.GetPatientAsync(Sandbox.FakeBase, "token", "eP1", default));
    }

    private async Task<SmartTokenResponse> LaunchAsync(string query)
    {
        var client = Sandbox.EpicWithSecret(oauthBase: Sandbox.OAuthBase);
        var endpoints = await Sandbox.Smart.GetEndpointsAsync(client, default);
        var (code, verifier) = await Sandbox.AuthorizeAsync(endpoints, query);
        var token = await Sandbox.Smart.ExchangeCodeAsync(client, endpoints, code, verifier, Sandbox.RedirectUri, default);
        Sandbox.Requests.Clear();
        return token;
    }
}
