using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;
using FhirModel = Hl7.Fhir.Model;

namespace EpicZoom.Infrastructure.Tests.External.Fhir;

/// <summary>
/// The FHIR client against bodies shaped like Epic's R4 Patient.Read, Practitioner.Read and Encounter.Read answers
/// (Epic ids, extensions, urn:oid identifier systems, several names and phones, participants without a reference) and
/// Epic's OperationOutcomes, served over real HTTP by the test server's scripted endpoint.
/// </summary>
public sealed class EpicFhirFixtureTests : SandboxTest
{
    private const string Token = "epic-opaque-access-token";

    private static readonly Lazy<JsonSerializerOptions> Strict = new(() =>
        new JsonSerializerOptions().ForFhir().UsingMode(DeserializationMode.Strict));

    [Theory]
    [InlineData("Patient.json")]
    [InlineData("Practitioner.json")]
    [InlineData("Practitioner-masked-family.json")]
    [InlineData("Encounter.json")]
    [InlineData("OperationOutcome-401.json")]
    [InlineData("OperationOutcome-404.json")]
    public void TheEpicShapedFixtures_AreStrictlyValidR4(string fixture)
    {
        var resource = JsonSerializer.Deserialize<FhirModel.Resource>(Fixture(fixture), Strict.Value);

        Assert.Equal(fixture.Split('.', '-')[0], resource?.TypeName);
    }

    [Fact]
    public async Task AnEpicPatient_GivesTheOfficialNameTheMobileAndTheEmail()
    {
        Serve("Patient.json");

        var patient = await Sandbox.Fhir.GetPatientAsync(Sandbox.FakeBase, Token, "eq081-VQEgP8drUUqCWzHfw3", default);

        Assert.Equal(new FhirPerson("eq081-VQEgP8drUUqCWzHfw3", "Derrick", "Lin", "derrick.lin@example.com", "608-555-0103"), patient);
        var request = Assert.Single(Sandbox.Requests.All);
        Assert.Equal(("GET", "/fake/Patient/eq081-VQEgP8drUUqCWzHfw3", "Bearer"), (request.Method, request.Path, request.AuthorizationScheme));
    }

    [Fact]
    public async Task AnEpicPractitioner_GivesItsUsualNameAndWorkEmail()
    {
        Serve("Practitioner.json");

        var practitioner = await Sandbox.Fhir.GetPractitionerAsync(Sandbox.FakeBase, Token, "eM5CWtq15N0WJeuCet5bJlQ3", default);

        // Without a mobile the only phone, here the work number, is what texting would use.
        Assert.Equal(new FhirPerson("eM5CWtq15N0WJeuCet5bJlQ3", "Physician", "Family Medicine", "fammd@hospital.example.com", "608-555-0120"), practitioner);
    }

    [Fact]
    public async Task AnEpicPractitionerWithAMaskedFamilyName_ReadsWithoutOne()
    {
        Serve("Practitioner-masked-family.json");

        var practitioner = await Sandbox.Fhir.GetPractitionerAsync(Sandbox.FakeBase, Token, "elpRiy0AYgjhdjAhTBJ3Aiw3", default);

        Assert.Equal(new FhirPerson("elpRiy0AYgjhdjAhTBJ3Aiw3", "Np", null, null, null), practitioner);
    }

    [Fact]
    public async Task AnEpicEncounter_NamesItsPatientAndEachReferencedPractitionerOnce()
    {
        Serve("Encounter.json");

        var encounter = await Sandbox.Fhir.GetEncounterAsync(Sandbox.FakeBase, Token, "eMT95RPaM-HxLc3NeIA5qlQ3", default);

        Assert.NotNull(encounter);
        Assert.Equal(("eMT95RPaM-HxLc3NeIA5qlQ3", "eq081-VQEgP8drUUqCWzHfw3"), (encounter.Id, encounter.PatientId));
        Assert.Equal(["eM5CWtq15N0WJeuCet5bJlQ3", "elpRiy0AYgjhdjAhTBJ3Aiw3"], encounter.PractitionerIds);
    }

    [Fact]
    public async Task EpicsNotFoundOperationOutcome_ReadsAsNull()
    {
        Serve("OperationOutcome-404.json", StatusCodes.Status404NotFound);

        Assert.Null(await Sandbox.Fhir.GetEncounterAsync(Sandbox.FakeBase, Token, "eGONE", default));
    }

    [Fact]
    public async Task EpicsInvalidTokenAnswer_IsEpicOAuthInvalidTokenWithTheOutcomesText()
    {
        Serve("OperationOutcome-401.json", StatusCodes.Status401Unauthorized,
            wwwAuthenticate: "Bearer error=\"invalid_token\", error_description=\"The access token provided is not valid\"");

        var error = await Assert.ThrowsAsync<EpicOAuthException>(() =>
            Sandbox.Fhir.GetPatientAsync(Sandbox.FakeBase, Token, "eq081-VQEgP8drUUqCWzHfw3", default));

        Assert.Equal(("invalid_token", 401), (error.Error, error.HttpStatus));
        Assert.Equal("The access token provided is not valid or has expired.", error.Description);
    }

    [Theory]
    [InlineData("Patient-truncated.json", "a body that is not a JSON object;")]
    [InlineData("Patient-telecom-not-a-list.json", "JSON that is not valid FHIR R4 (at Patient.telecom")]
    public async Task MalformedFhirFromEpic_IsEpicUnavailableNamingWhereButNoValues(string fixture, string problem)
    {
        Serve(fixture);

        var error = await Assert.ThrowsAsync<EpicUnavailableException>(() =>
            Sandbox.Fhir.GetPatientAsync(Sandbox.FakeBase, Token, "eq081-VQEgP8drUUqCWzHfw3", default));

        Assert.StartsWith("Epic answered fhir.read.Patient with " + problem, error.Message);
        Assert.DoesNotContain("608-555", error.Message);
        Assert.Null(error.InnerException);
    }

    [Theory]
    [InlineData("[]", "a body that is not a JSON object")]
    [InlineData("\"Patient\"", "a body that is not a JSON object")]
    [InlineData("null", "something that is not a FHIR resource")]
    [InlineData("<html><body>Service unavailable</body></html>", "a body that is not a JSON object")]
    [InlineData("", "an empty body")]
    [InlineData("""{"id":"eq081-VQEgP8drUUqCWzHfw3"}""", "JSON without a known resourceType")]
    [InlineData("""{"resourceType":"Patient","id":"eq081-VQEgP8drUUqCWzHfw3","telecom":[{"system":"pager-ish"}]}""", "JSON that is not valid FHIR R4 (at Patient.telecom[0].system)")]
    [InlineData("""{"resourceType":"Patient","active":true}""", "a Patient without an id")]
    [InlineData("""{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational"}]}""", "a OperationOutcome")]
    public async Task ASuccessThatIsNotThePatient_IsEpicUnavailableSayingWhatCame(string body, string answered)
    {
        Sandbox.Fake = _ => Task.FromResult(Results.Text(body, "application/fhir+json"));

        var error = await Assert.ThrowsAsync<EpicUnavailableException>(() =>
            Sandbox.Fhir.GetPatientAsync(Sandbox.FakeBase, Token, "eq081-VQEgP8drUUqCWzHfw3", default));

        Assert.StartsWith($"Epic answered fhir.read.Patient with {answered}", error.Message);
        Assert.EndsWith("; a Patient was expected.", error.Message);
    }

    private void Serve(string fixture, int status = StatusCodes.Status200OK, string? wwwAuthenticate = null)
    {
        var body = Fixture(fixture);
        Sandbox.Fake = http =>
        {
            if (wwwAuthenticate is not null)
            {
                http.Response.Headers.WWWAuthenticate = wwwAuthenticate;
            }

            return Task.FromResult(Results.Text(body, "application/fhir+json", Encoding.UTF8, status));
        };
    }

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "External", "Fhir", "Fixtures", name));
}
