using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Launch;

/// <summary>
/// EpicZoom against an Epic that behaves like a strict SMART server (smart-launcher-v2, a locked-down Epic): it grants
/// fewer scopes than asked and refuses FHIR reads the token does not cover with 401, 403 or 404. Optional data is
/// skipped with a note on the launch record, required data is an EZ-L page, never a 500; a meeting is never orphaned.
/// </summary>
public sealed partial class StrictSmartServerTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public async Task TheAuthorizeRequest_AsksForTheTenantsScopes_V2ByDefault()
    {
        var authorize = await sandbox.AuthorizeUrlAsync($"type=provider&csn={SandboxedApp.NewCsn()}");

        Assert.Equal(SmartSettings.DefaultLaunchScopes, Query(authorize, "scope"));
    }

    [Fact]
    public async Task ATenantsV1Scopes_AreWhatEpicIsAskedFor_AndTheirGrantAllowsTheReads()
    {
        var (org, _) = await StrictTenantAsync(SmartSettings.V1LaunchScopes, t => t.SmartLaunchScopes = SmartSettings.V1LaunchScopes);
        var authorize = await sandbox.AuthorizeUrlAsync($"type=provider&org_id={org}&csn={SandboxedApp.NewCsn()}");
        Assert.Equal(SmartSettings.V1LaunchScopes, Query(authorize, "scope"));

        var before = await RecordIdsAsync();
        var response = await sandbox.LaunchAsync($"type=provider&org_id={org}&csn={SandboxedApp.NewCsn()}&useProviderZoomAccount=true");

        AssertGoesToZoom(response);
        Assert.Null((await CallbackRecordAsync(before)).Notes);
    }

    /// <summary>Before: the Practitioner read answered 403 and the launch ended in a 500 (EZ-L000).</summary>
    [Fact]
    public async Task ProviderLaunch_WhenEpicGrantsNoPractitionerScope_DoesNotReadIt_AndGoesOnWithANote()
    {
        var (org, _) = await StrictTenantAsync("launch openid fhirUser patient/Patient.rs patient/Encounter.rs");
        var before = await RecordIdsAsync();

        var response = await sandbox.LaunchAsync($"type=provider&org_id={org}&csn={SandboxedApp.NewCsn()}&useProviderZoomAccount=true");

        AssertGoesToZoom(response);
        var record = await CallbackRecordAsync(before);
        Assert.Equal("callback:OK", record.Outcome);
        Assert.Contains("Practitioner not read: scope not granted (provider e-mail skipped)", record.Notes);
        Assert.DoesNotContain("fhir.read.Practitioner", record.UpstreamCalls);
    }

    /// <summary>A server that grants the scope but still refuses the read (a 401/403/404 from Epic's security layer).</summary>
    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task ProviderLaunch_WhenThePractitionerReadIsRefused_GoesOnWithANote_AndARetryReusesTheMeeting(int status)
    {
        var csn = SandboxedApp.NewCsn();
        var before = await RecordIdsAsync();
        HttpResponseMessage first;
        await sandbox.InjectFaultAsync("epic", new { endpoint = "/sandbox/epic/api/FHIR/R4/Practitioner", statusCode = status });
        try
        {
            first = await sandbox.LaunchAsync($"type=provider&csn={csn}&useProviderZoomAccount=true");
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }

        var meetingId = AssertGoesToZoom(first);
        var record = await CallbackRecordAsync(before);
        Assert.Equal("callback:OK", record.Outcome);
        Assert.Contains("Practitioner read", record.Notes);

        var again = await sandbox.LaunchAsync($"type=provider&csn={csn}&useProviderZoomAccount=true");
        Assert.Equal(meetingId, AssertGoesToZoom(again));
        Assert.Single((await sandbox.MeetingsAsync()).EnumerateArray(), m => m.GetProperty("id").GetInt64() == meetingId);
    }

    /// <summary>Epic's FHIR server failing (a 500 OperationOutcome, on every retry) leaves optional data out; the launch goes on.</summary>
    [Fact]
    public async Task ProviderLaunch_WhenThePractitionerReadFailsWithAServerError_GoesOnWithANote()
    {
        var before = await RecordIdsAsync();
        HttpResponseMessage response;
        await sandbox.InjectFaultAsync("epic", new { endpoint = "/sandbox/epic/api/FHIR/R4/Practitioner", statusCode = 500 });
        try
        {
            response = await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&useProviderZoomAccount=true");
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }

        AssertGoesToZoom(response);
        var record = await CallbackRecordAsync(before);
        Assert.Equal("callback:OK", record.Outcome);
        Assert.Contains("Practitioner read failed: Epic did not answer it (provider e-mail skipped)", record.Notes);
    }

    /// <summary>Before: the patient read after the meeting was made ended in a 500; the texting page now just lacks the mobile.</summary>
    [Fact]
    public async Task TextingPage_WhenThePatientReadIsRefused_OffersTextingWithoutTheMobile_AndTheMeetingIsReusedAfter()
    {
        var (org, _) = await StrictTenantAsync("launch openid fhirUser user/Practitioner.rs patient/Encounter.rs");
        var csn = SandboxedApp.NewCsn();
        var meetings = (await sandbox.MeetingsAsync()).GetArrayLength();
        var before = await RecordIdsAsync();

        var page = await sandbox.LaunchAsync($"type=provider&org_id={org}&csn={csn}&noRedirect=true");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Text the patient a link", html);
        Assert.DoesNotMatch(@"value=""\+1555555\d{4}""", html);
        Assert.Contains("Patient not read: scope not granted (patient mobile skipped)", (await CallbackRecordAsync(before)).Notes);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.LaunchAsync($"type=provider&org_id={org}&csn={csn}&noRedirect=true")).StatusCode);
        Assert.Equal(meetings + 1, (await sandbox.MeetingsAsync()).GetArrayLength());
    }

    /// <summary>Without encounterProviderId in the CONTEXT, the Encounter says who hosts: a patient may then launch first.</summary>
    [Fact]
    public async Task PatientFirst_WithoutEncounterProviderId_HostsTheMeetingForTheEncountersPractitioner()
    {
        var csn = SandboxedApp.NewCsn();
        var provider = "eEncHost" + csn;

        var patient = await sandbox.LaunchAsync($"type=patient&csn={csn}&encounterProviderId={provider}&omit=encounterProviderId");

        Assert.Equal(HttpStatusCode.Redirect, patient.StatusCode);
        Assert.StartsWith("/visit/wait", patient.Headers.Location!.ToString(), StringComparison.Ordinal);
        var visit = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().SingleAsync(v => v.Csn == csn));
        Assert.Equal(provider, visit.HostEpicId);
        var host = await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId={provider}");
        Assert.Equal(visit.ZoomMeetingId, AssertGoesToZoom(host, "s"));
    }

    /// <summary>Required data: without the Encounter scope nobody can host yet; an EZ-L page saying why, no meeting.</summary>
    [Fact]
    public async Task PatientFirst_WithoutEncounterProviderIdAndWithoutTheEncounterScope_ShowsL016WithTheReason()
    {
        var (org, _) = await StrictTenantAsync("launch openid fhirUser user/Practitioner.rs patient/Patient.rs");
        var csn = SandboxedApp.NewCsn();
        var before = await RecordIdsAsync();

        var response = await sandbox.LaunchAsync($"type=patient&org_id={org}&csn={csn}&omit=encounterProviderId");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("EZ-L016", html);
        Assert.Contains("Encounter not read: scope not granted", html);
        var record = await CallbackRecordAsync(before);
        Assert.Equal("callback:EZ-L016", record.Outcome);
        Assert.Contains("Encounter not read: scope not granted", record.Detail);
        var visit = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().SingleAsync(v => v.Csn == csn));
        Assert.Null(visit.ZoomMeetingId);
    }

    [Fact]
    public async Task TokenRefused_KeepsEpicsErrorAndDescription_OnThePageAndTheRecord()
    {
        var authorize = await sandbox.AuthorizeUrlAsync($"type=provider&csn={SandboxedApp.NewCsn()}");
        var before = await RecordIdsAsync();

        var response = await sandbox.Http.GetAsync($"/epicfhir/callback?code=garbage&state={Uri.EscapeDataString(Query(authorize, "state"))}");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        const string Expected = "invalid_grant: The authorization code is invalid, expired or already used.";
        Assert.Contains("Details for IT: " + Expected, html);
        Assert.Equal(Expected, (await CallbackRecordAsync(before)).Detail);
    }

    [Fact]
    public async Task AuthorizeRefused_KeepsTheDescriptionWithoutControlCharacters_AndCutShort()
    {
        var authorize = await sandbox.AuthorizeUrlAsync($"type=provider&csn={SandboxedApp.NewCsn()}");
        var before = await RecordIdsAsync();
        var description = "Scope\r\nFORGED: line\u202E " + new string('x', 500);

        var response = await sandbox.Http.GetAsync(
            $"/epicfhir/callback?error=invalid_scope&error_description={Uri.EscapeDataString(description)}&state={Uri.EscapeDataString(Query(authorize, "state"))}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = (await CallbackRecordAsync(before)).Detail!;
        Assert.StartsWith("invalid_scope: Scope FORGED: line xxx", detail);
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain('\u202E', detail);
        Assert.True(detail.Length <= "invalid_scope: ".Length + 200, detail);
        Assert.Contains("invalid_scope: Scope FORGED: line", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task BadScopesOrFrameAncestors_AreRefusedByTheAdminApiWithFieldErrors()
    {
        var input = EpicZoom.Web.Sandbox.SandboxTenantSeeder.Input(sandbox.PublicBaseUrl);
        input.Name = "Scopes " + SandboxedApp.NewCsn();
        input.OrgId = "s" + SandboxedApp.NewCsn();
        input.SmartLaunchScopes = "openid patient/Patient.rs";
        input.FrameAncestors = "https://ehr.example.org/path";

        var ex = await Assert.ThrowsAsync<Application.Common.Exceptions.ValidationException>(() =>
            sandbox.SendAsAdminAsync(new Application.Tenants.CreateTenant.CreateTenantCommand(input)));

        Assert.Contains(ex.Errors.Keys, k => k.EndsWith("SmartLaunchScopes", StringComparison.Ordinal));
        Assert.Contains(ex.Errors.Keys, k => k.EndsWith("FrameAncestors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATenantsFrameAncestors_LetItsEhrFrameTheLaunchAndVisitPages_OthersStayDeny()
    {
        var (org, _) = await StrictTenantAsync(SmartSettings.DefaultLaunchScopes, t => t.FrameAncestors = "https://ehr.example.org https://*.hospital.example");

        var framed = await sandbox.LaunchAsync($"type=provider&org_id={org}&csn={SandboxedApp.NewCsn()}&noRedirect=true");
        var waiting = await sandbox.LaunchAsync($"type=patient&org_id={org}&csn={SandboxedApp.NewCsn()}");
        var waitingPage = await sandbox.Http.GetAsync(waiting.Headers.Location);
        var other = await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&noRedirect=true");

        foreach (var page in new[] { framed, waitingPage })
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("frame-ancestors https://ehr.example.org https://*.hospital.example", page.Headers.GetValues("Content-Security-Policy").Single());
            Assert.False(page.Headers.Contains("X-Frame-Options"));
        }
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("DENY", other.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("frame-ancestors 'none'", other.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>A tenant whose Epic client is strict: grants only <paramref name="grantable"/> and enforces scopes on reads.</summary>
    private async Task<(string OrgId, Guid Id)> StrictTenantAsync(string grantable, Action<Application.Tenants.Common.TenantInput>? tenant = null)
    {
        var clientId = "strict-" + SandboxedApp.NewCsn();
        const string Secret = "strict secret";
        (await sandbox.Http.PostAsJsonAsync("/sandbox/epic/_test/clients", new
        {
            clientId,
            clientSecret = Secret,
            redirectUris = new[] { EpicZoom.Sandbox.SandboxDefaults.EpicRedirectUri(sandbox.PublicBaseUrl) },
            grantableScopes = grantable,
            enforceScopes = true,
        })).EnsureSuccessStatusCode();
        var (id, org) = await sandbox.CreateTenantAsync(input =>
        {
            input.EpicClientId = clientId;
            input.EpicClientSecret = Secret;
            tenant?.Invoke(input);
        });
        return (org, id);
    }

    private static long AssertGoesToZoom(HttpResponseMessage response, string? kind = null)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect to Zoom, got {(int)response.StatusCode}");
        var match = ZoomLink().Match(response.Headers.Location!.ToString());
        Assert.True(match.Success, $"Not a Zoom link: {response.Headers.Location}");
        if (kind is not null) Assert.Equal(kind, match.Groups[1].Value);
        return long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<HashSet<Guid>> RecordIdsAsync() => (await sandbox.LaunchRecordsAsync()).Select(r => r.Id).ToHashSet();

    private async Task<LaunchRecord> CallbackRecordAsync(HashSet<Guid> before) =>
        Assert.Single(await sandbox.LaunchRecordsAsync(), r => !before.Contains(r.Id) && r.Outcome.StartsWith("callback:", StringComparison.Ordinal));

    private static string Query(Uri uri, string name) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query)[name].ToString();

    [GeneratedRegex(@"/sandbox/zoom/(s|j)/(\d+)")]
    private static partial Regex ZoomLink();
}
