using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.External.Epic.Fhir;

/// <summary>
/// FHIR R4 reads under a tenant's FHIR base. Not found (404 with an OperationOutcome) is null; a refused token
/// (401/403) is <see cref="EpicOAuthException"/> with the RFC 6750 error (invalid_token, insufficient_scope), so a
/// caller can tell "sign in again" from "Epic is down"; everything else is <see cref="EpicUnavailableException"/>.
/// </summary>
internal sealed partial class EpicFhirClient(HttpClient http) : IEpicFhirApi
{
    private const string FhirJson = "application/fhir+json";

    public async Task<FhirPerson?> GetPractitionerAsync(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken) =>
        ToPerson(await ReadAsync(fhirBaseUrl, accessToken, "Practitioner", id, FhirJsonContext.Default.FhirPersonJson, cancellationToken));

    public async Task<FhirPerson?> GetPatientAsync(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken) =>
        ToPerson(await ReadAsync(fhirBaseUrl, accessToken, "Patient", id, FhirJsonContext.Default.FhirPersonJson, cancellationToken));

    public async Task<FhirEncounter?> GetEncounterAsync(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken)
    {
        var encounter = await ReadAsync(fhirBaseUrl, accessToken, "Encounter", id, FhirJsonContext.Default.FhirEncounterJson, cancellationToken);
        if (encounter is null)
        {
            return null;
        }

        var practitioners = (encounter.Participant ?? [])
            .Select(p => ReferencedId(p.Individual?.Reference, "Practitioner"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new FhirEncounter(encounter.Id!, ReferencedId(encounter.Subject?.Reference, "Patient"), practitioners);
    }

    private async Task<T?> ReadAsync<T>(
        string fhirBaseUrl,
        string accessToken,
        string resourceType,
        string id,
        JsonTypeInfo<T> type,
        CancellationToken cancellationToken)
        where T : class, IFhirResourceJson
    {
        EnsureSafeId(id);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        var operation = "fhir.read." + resourceType;
        using var request = ExternalRequest.Create(HttpMethod.Get, $"{fhirBaseUrl.TrimEnd('/')}/{resourceType}/{Uri.EscapeDataString(id)}", operation);
        request.Options.Set(FhirBearerHandler.AccessToken, accessToken);
        request.Headers.Accept.ParseAdd(FhirJson);
        using var response = await EpicHttp.SendAsync(http, request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;

        if (response.IsSuccessStatusCode)
        {
            var resource = TryParse(body, type);
            return resource is { Id.Length: > 0 } && resource.ResourceType == resourceType
                ? resource
                : throw new EpicUnavailableException($"Epic answered {operation} with something that is not a {resourceType}.");
        }

        var outcome = TryParse(body, FhirJsonContext.Default.FhirOperationOutcomeJson) is { ResourceType: "OperationOutcome" } o ? o : null;
        var diagnostics = outcome?.Issue?.Select(i => i.Diagnostics ?? i.Code).FirstOrDefault(d => !string.IsNullOrEmpty(d));
        switch (response.StatusCode)
        {
            // Without an OperationOutcome a 404 more likely means a wrong base URL than a missing resource.
            case HttpStatusCode.NotFound when outcome is not null:
                return null;
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                throw new EpicOAuthException(BearerError(response) ?? (status == 401 ? "invalid_token" : "insufficient_scope"), diagnostics, status);
            default:
                throw new EpicUnavailableException($"Epic answered {operation} with HTTP {status}" + (diagnostics is null ? "." : $": {diagnostics}"));
        }
    }

    /// <summary>FHIR ids are [A-Za-z0-9\-\.]; anything that could step out of the resource path is a bug upstream.</summary>
    private static void EnsureSafeId(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Contains('/') || id.Contains('\\') || id.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException("A FHIR id cannot contain '/', '\\' or '..'.", nameof(id));
        }
    }

    private static FhirPerson? ToPerson(FhirPersonJson? person)
    {
        if (person is null)
        {
            return null;
        }

        var name = PreferredName(person.Name ?? []);
        var telecom = person.Telecom ?? [];
        var email = telecom.FirstOrDefault(t => t.System == "email" && !string.IsNullOrWhiteSpace(t.Value))?.Value;
        var phones = telecom.Where(t => t.System is "phone" or "sms" && !string.IsNullOrWhiteSpace(t.Value)).ToList();
        var mobile = (phones.FirstOrDefault(t => t.Use == "mobile" || t.System == "sms") ?? phones.FirstOrDefault())?.Value;
        return new FhirPerson(person.Id!, name?.Given?.FirstOrDefault(g => !string.IsNullOrWhiteSpace(g)), name?.Family, email, mobile);
    }

    /// <summary>official, then usual, then one without a use; never old or maiden names unless nothing else exists.</summary>
    private static FhirHumanNameJson? PreferredName(IReadOnlyList<FhirHumanNameJson> names) =>
        names
            .OrderBy(n => n.Use switch { "official" => 0, "usual" => 1, null => 2, "old" or "maiden" => 4, _ => 3 })
            .FirstOrDefault();

    /// <summary>The id of "Patient/{id}" or of an absolute ".../Patient/{id}" reference; null for other types.</summary>
    private static string? ReferencedId(string? reference, string resourceType)
    {
        var parts = reference?.Split('/') ?? [];
        return parts.Length >= 2 && parts[^2] == resourceType && parts[^1].Length > 0 ? parts[^1] : null;
    }

    private static string? BearerError(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate
            .Where(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) && h.Parameter is not null)
            .Select(h => BearerErrorPattern().Match(h.Parameter!))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .FirstOrDefault();

    private static T? TryParse<T>(string body, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("error=\"([^\"]+)\"")]
    private static partial Regex BearerErrorPattern();
}
