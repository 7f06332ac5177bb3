using System.Net;
using System.Net.Http.Headers;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Epic;

public sealed class FhirTests
{
    [Fact]
    public async Task FhirRead_WithoutToken_Is401OperationOutcome()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.GetAsync("/sandbox/epic/api/FHIR/R4/Patient/anything");
        var outcome = await response.JsonAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("OperationOutcome", outcome.Str("resourceType"));
        Assert.Equal("security", outcome.GetProperty("issue")[0].Str("code"));
    }

    [Fact]
    public async Task FhirRead_WithToken_ReturnsTheLaunchsPatientPractitionerAndEncounter()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var launch = await flow.LaunchAsync("type=provider&csn=555000111&providerId=ePDOC1&firstName=Dana&lastName=Doctor");
        using var tokenResponse = await flow.TokenWithSecretAsync(await flow.CodeAsync(launch));
        var token = await tokenResponse.JsonAsync(HttpStatusCode.OK);

        var patient = await ReadAsync(host, token.Str("access_token"), "Patient/" + token.Str("patient"));
        var practitioner = await ReadAsync(host, token.Str("access_token"), "Practitioner/ePDOC1");
        var encounter = await ReadAsync(host, token.Str("access_token"), "Encounter/" + token.Str("encounter"));

        Assert.Equal("Patient", patient.Str("resourceType"));
        var phone = patient.GetProperty("telecom")[0];
        Assert.Equal(("phone", "mobile"), (phone.Str("system"), phone.Str("use")));
        Assert.Matches(@"^\+1555555\d{4}$", phone.Str("value"));
        Assert.Equal("Dana", practitioner.GetProperty("name")[0].GetProperty("given")[0].GetString());
        Assert.Equal("email", practitioner.GetProperty("telecom")[0].Str("system"));
        Assert.Equal("555000111", encounter.GetProperty("identifier")[0].Str("value"));
        Assert.Equal("Patient/" + token.Str("patient"), encounter.GetProperty("subject").Str("reference"));
        Assert.Equal("Practitioner/ePDOC1", encounter.GetProperty("participant")[0].GetProperty("individual").Str("reference"));
    }

    [Fact]
    public async Task FhirRead_OfUnknownId_Is404OperationOutcome()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        using var tokenResponse = await flow.BackendTokenAsync(flow.Assertion());
        var token = await tokenResponse.JsonAsync(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/epic/api/FHIR/R4/Encounter/nope");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("access_token"));
        using var response = await host.Client.SendAsync(request);

        var outcome = await response.JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("not-found", outcome.GetProperty("issue")[0].Str("code"));
    }

    [Fact]
    public async Task PatientLaunchForTheSameCsn_SharesTheProvidersEncounter()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        using var providerResponse = await flow.TokenWithSecretAsync(await flow.CodeAsync(await flow.LaunchAsync("type=provider&csn=777&providerId=ePHOST")));
        var provider = await providerResponse.JsonAsync(HttpStatusCode.OK);

        using var patientResponse = await flow.TokenWithSecretAsync(await flow.CodeAsync(await flow.LaunchAsync("type=patient&csn=777")));
        var patient = await patientResponse.JsonAsync(HttpStatusCode.OK);

        Assert.Equal(provider.Str("encounter"), patient.Str("encounter"));
        Assert.Equal(provider.Str("patient"), patient.Str("patient"));
        Assert.Equal("ePHOST", patient.Str("encounterProviderId"));
    }

    [Theory]
    [InlineData(403, "insufficient_scope")]
    [InlineData(401, "invalid_token")]
    [InlineData(404, null)]
    public async Task AStrictServer_GrantsOnlyItsScopesAndRefusesAReadWithoutOne(int deniedStatus, string? bearerError)
    {
        await using var host = await SandboxHost.StartAsync();
        await RegisterStrictClientAsync(host, "launch openid fhirUser patient/Patient.rs", deniedStatus);
        var flow = new SmartFlow(host);
        var launch = await flow.LaunchAsync("type=provider&csn=555000222&providerId=D1");
        using var authorize = await flow.AuthorizeAsync(launch, new Dictionary<string, string?>
        {
            ["scope"] = "launch openid fhirUser user/Practitioner.rs patient/Patient.rs patient/Encounter.rs",
        });
        var code = SmartFlow.Query(authorize.Headers.Location!)["code"];
        using var tokenResponse = await flow.TokenWithSecretAsync(code);
        var token = await tokenResponse.JsonAsync(HttpStatusCode.OK);

        Assert.Equal("launch openid fhirUser patient/Patient.rs", token.Str("scope"));
        await ReadAsync(host, token.Str("access_token"), "Patient/" + token.Str("patient"));
        using var refused = new HttpRequestMessage(HttpMethod.Get, "/sandbox/epic/api/FHIR/R4/Practitioner/D1");
        refused.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("access_token"));
        using var response = await host.Client.SendAsync(refused);
        Assert.Equal((HttpStatusCode)deniedStatus, response.StatusCode);
        Assert.Equal(bearerError, response.Headers.WwwAuthenticate.SingleOrDefault()?.Parameter?.Split('"')[1]);
    }

    [Fact]
    public async Task AStrictServer_AcceptsV1ReadScopes()
    {
        await using var host = await SandboxHost.StartAsync();
        await RegisterStrictClientAsync(host, "launch openid fhirUser user/Practitioner.read", 403);
        var flow = new SmartFlow(host);
        using var authorize = await flow.AuthorizeAsync(await flow.LaunchAsync("type=provider&providerId=ePV1"),
            new Dictionary<string, string?> { ["scope"] = "launch openid fhirUser user/Practitioner.read" });
        using var tokenResponse = await flow.TokenWithSecretAsync(SmartFlow.Query(authorize.Headers.Location!)["code"]);
        var token = await tokenResponse.JsonAsync(HttpStatusCode.OK);

        var practitioner = await ReadAsync(host, token.Str("access_token"), "Practitioner/ePV1");

        Assert.Equal("Practitioner", practitioner.Str("resourceType"));
    }

    private static async Task RegisterStrictClientAsync(SandboxHost host, string grantable, int deniedStatus)
    {
        using var response = await host.Client.PostAsync("/sandbox/epic/_test/clients", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new
            {
                clientId = SandboxDefaults.EpicClientId,
                clientSecret = SandboxDefaults.EpicClientSecret,
                redirectUris = new[] { host.RedirectUri },
                grantableScopes = grantable,
                enforceScopes = true,
                scopeDeniedStatus = deniedStatus,
            }),
            System.Text.Encoding.UTF8,
            "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<System.Text.Json.JsonElement> ReadAsync(SandboxHost host, string accessToken, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/epic/api/FHIR/R4/" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await host.Client.SendAsync(request);
        return await response.JsonAsync(HttpStatusCode.OK);
    }
}
