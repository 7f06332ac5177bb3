using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;
using Hl7.Fhir.Serialization;
using FhirModel = Hl7.Fhir.Model;

namespace EpicZoom.Sandbox.Tests.Epic;

/// <summary>
/// What the simulated FHIR server sends must be FHIR R4 a strict parser accepts, so EpicZoom's client is never tested
/// against a dialect only the sandbox speaks.
/// </summary>
public sealed class FhirConformanceTests
{
    // Strict: an unknown element, an unknown code, a wrong JSON type or a missing required element fails the parse.
    private static readonly Lazy<JsonSerializerOptions> Strict = new(() =>
        new JsonSerializerOptions().ForFhir().UsingMode(DeserializationMode.Strict));

    [Fact]
    public async Task TheLaunchsPatientPractitionerEncounterAndCapabilityStatement_AreStrictlyValidR4()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        await flow.LaunchAsync("type=provider&csn=555000333&providerId=ePHOST");
        var token = await LaunchTokenAsync(flow, "type=provider&csn=555000333&providerId=ePOTHER&firstName=Olga&lastName=Other");

        var patient = await ReadAsync<FhirModel.Patient>(host, token, "Patient/" + token.Str("patient"), HttpStatusCode.OK);
        var practitioner = await ReadAsync<FhirModel.Practitioner>(host, token, "Practitioner/ePOTHER", HttpStatusCode.OK);
        var encounter = await ReadAsync<FhirModel.Encounter>(host, token, "Encounter/" + token.Str("encounter"), HttpStatusCode.OK);
        using var metadata = await host.Client.GetAsync("/sandbox/epic/api/FHIR/R4/metadata");
        var statement = await ParseStrictlyAsync<FhirModel.CapabilityStatement>(metadata, HttpStatusCode.OK);

        Assert.Equal(token.Str("patient"), patient.Id);
        Assert.All(patient.Name, n => Assert.True(n.Family is { Length: > 0 } && n.Given.Any(), "a name with family and given"));
        Assert.Contains(patient.Telecom, t => t.System == FhirModel.ContactPoint.ContactPointSystem.Phone && t.Use == FhirModel.ContactPoint.ContactPointUse.Mobile);
        Assert.Equal("ePOTHER", practitioner.Id);
        Assert.Contains(practitioner.Telecom, t => t.System == FhirModel.ContactPoint.ContactPointSystem.Email && t.Value is { Length: > 0 });

        Assert.Equal(token.Str("encounter"), encounter.Id);
        Assert.NotNull(encounter.Status);
        Assert.False(string.IsNullOrEmpty(encounter.Class?.Code), "Encounter.class is required in R4");
        var csn = Assert.Single(encounter.Identifier);
        Assert.Equal(("urn:oid:1.2.840.114350.1.13.0.1.7.3.698084.8", "555000333"), (csn.System, csn.Value));
        Assert.Equal("Patient/" + token.Str("patient"), encounter.Subject?.Reference);
        Assert.Equal(["Practitioner/ePHOST", "Practitioner/ePOTHER"], encounter.Participant.Select(p => p.Individual?.Reference));
        Assert.All(encounter.Participant, p => Assert.Single(p.Type));

        Assert.Equal(FhirModel.CapabilityStatementKind.Instance, statement.Kind);
        Assert.NotNull(statement.Implementation);
        Assert.Equal(FhirModel.FHIRVersion.N4_0_1, statement.FhirVersion);
        var rest = Assert.Single(statement.Rest);
        Assert.Equal(["Patient", "Practitioner", "Encounter"], rest.Resource.Select(r => r.Type));
    }

    [Fact]
    public async Task EveryErrorTheFhirServerAnswers_IsAStrictlyValidOperationOutcome()
    {
        await using var host = await SandboxHost.StartAsync();
        using var strictClient = await host.Client.PostAsJsonAsync("/sandbox/epic/_test/clients", new
        {
            clientId = SandboxDefaults.EpicClientId,
            clientSecret = SandboxDefaults.EpicClientSecret,
            redirectUris = new[] { host.RedirectUri },
            grantableScopes = "launch openid fhirUser patient/Patient.rs",
            enforceScopes = true,
            scopeDeniedStatus = 403,
        });
        strictClient.EnsureSuccessStatusCode();
        var flow = new SmartFlow(host);
        using var authorize = await flow.AuthorizeAsync(
            await flow.LaunchAsync("type=provider&providerId=ePDENIED"),
            new Dictionary<string, string?> { ["scope"] = "launch openid fhirUser patient/Patient.rs user/Practitioner.rs" });
        using var tokenResponse = await flow.TokenWithSecretAsync(SmartFlow.Query(authorize.Headers.Location!)["code"]);
        var token = await tokenResponse.JsonAsync(HttpStatusCode.OK);

        var outcomes = new Dictionary<string, FhirModel.OperationOutcome>
        {
            ["no token"] = await ReadAsync<FhirModel.OperationOutcome>(host, null, "Patient/" + token.Str("patient"), HttpStatusCode.Unauthorized),
            ["scope not granted"] = await ReadAsync<FhirModel.OperationOutcome>(host, token, "Practitioner/ePDENIED", HttpStatusCode.Forbidden),
            ["unknown id"] = await ReadAsync<FhirModel.OperationOutcome>(host, token, "Patient/eUNKNOWN", HttpStatusCode.NotFound),
        };
        using var fault = await host.Client.PostAsJsonAsync("/sandbox/epic/_test/faults", new { endpoint = "fhir", statusCode = 500, failNext = 1 });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        outcomes["injected fault"] = await ReadAsync<FhirModel.OperationOutcome>(host, token, "Patient/" + token.Str("patient"), HttpStatusCode.InternalServerError);

        Assert.All(outcomes, pair =>
        {
            var issue = Assert.Single(pair.Value.Issue);
            Assert.True(issue.Severity is not null && issue.Code is not null, $"{pair.Key}: issue.severity and issue.code are required");
            Assert.False(string.IsNullOrEmpty(issue.Diagnostics), $"{pair.Key}: says what went wrong");
        });
        Assert.Equal(
            [FhirModel.OperationOutcome.IssueType.Security, FhirModel.OperationOutcome.IssueType.Forbidden,
             FhirModel.OperationOutcome.IssueType.NotFound, FhirModel.OperationOutcome.IssueType.Exception],
            outcomes.Values.Select(o => o.Issue[0].Code));
    }

    private static async Task<JsonElement> LaunchTokenAsync(SmartFlow flow, string launchQuery)
    {
        using var response = await flow.TokenWithSecretAsync(await flow.CodeAsync(await flow.LaunchAsync(launchQuery)));
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private static async Task<T> ReadAsync<T>(SandboxHost host, JsonElement? token, string path, HttpStatusCode expected)
        where T : FhirModel.Resource
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/epic/api/FHIR/R4/" + path);
        if (token is { } t)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", t.Str("access_token"));
        }

        using var response = await host.Client.SendAsync(request);
        var resource = await ParseStrictlyAsync<T>(response, expected);
        if (resource is not FhirModel.OperationOutcome)
        {
            Assert.False(string.IsNullOrEmpty(resource.Id), $"{path}: a read answers the resource with its id");
        }

        return resource;
    }

    private static async Task<T> ParseStrictlyAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
        where T : FhirModel.Resource
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(typeof(T).Name, JsonDocument.Parse(body).RootElement.GetProperty("resourceType").GetString());
        try
        {
            return Assert.IsType<T>(JsonSerializer.Deserialize<FhirModel.Resource>(body, Strict.Value));
        }
        catch (DeserializationFailedException ex)
        {
            throw new Xunit.Sdk.XunitException($"Not strictly valid FHIR R4: {ex.Message}{Environment.NewLine}{body}");
        }
    }
}
