using System.Net;
using System.Text.RegularExpressions;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;
using Hl7.Fhir.Utility;
using FhirModel = Hl7.Fhir.Model;

namespace EpicZoom.Infrastructure.External.Epic.Fhir;

/// <summary>
/// FHIR R4 reads under a tenant's FHIR base, parsed with Firely's R4 model. Not found (404 with an OperationOutcome) is
/// null; a refused token (401/403) is <see cref="EpicOAuthException"/> with the RFC 6750 error (invalid_token,
/// insufficient_scope), so a caller can tell "sign in again" from "Epic is down"; everything else, a body that is not
/// the FHIR resource asked for included, is <see cref="EpicUnavailableException"/>.
/// </summary>
internal sealed partial class EpicFhirClient(HttpClient http) : IEpicFhirApi
{
    private const string FhirJsonMediaType = "application/fhir+json";

    public async Task<FhirPerson?> GetPractitionerAsync(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken) =>
        await ReadAsync<FhirModel.Practitioner>(fhirBaseUrl, accessToken, id, cancellationToken) is { Id: { } found } practitioner
            ? FhirResourceMapping.ToPerson(found, practitioner.Name, practitioner.Telecom)
            : null;

    public async Task<FhirPerson?> GetPatientAsync(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken) =>
        await ReadAsync<FhirModel.Patient>(fhirBaseUrl, accessToken, id, cancellationToken) is { Id: { } found } patient
            ? FhirResourceMapping.ToPerson(found, patient.Name, patient.Telecom)
            : null;

    public async Task<FhirEncounter?> GetEncounterAsync(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken) =>
        await ReadAsync<FhirModel.Encounter>(fhirBaseUrl, accessToken, id, cancellationToken) is { Id: { } found } encounter
            ? FhirResourceMapping.ToEncounter(found, encounter)
            : null;

    private async Task<T?> ReadAsync<T>(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken)
        where T : FhirModel.Resource
    {
        EnsureSafeId(id);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        var resourceType = typeof(T).Name;
        var operation = "fhir.read." + resourceType;
        using var request = ExternalRequest.Create(HttpMethod.Get, $"{fhirBaseUrl.TrimEnd('/')}/{resourceType}/{Uri.EscapeDataString(id)}", operation);
        request.Options.Set(FhirBearerHandler.AccessToken, accessToken);
        request.Headers.Accept.ParseAdd(FhirJsonMediaType);
        using var response = await EpicHttp.SendAsync(http, request, cancellationToken);
        var parsed = FhirJson.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var status = (int)response.StatusCode;

        if (response.IsSuccessStatusCode)
        {
            if (parsed.Resource is T { Id.Length: > 0 } resource)
            {
                return resource;
            }

            var answered = parsed switch
            {
                { Resource: T } => $"a {resourceType} without an id",
                { Resource: FhirModel.DynamicResource } => "JSON without a known resourceType",
                { Resource.TypeName: { Length: > 0 } other } => "a " + other,
                { Problem: { } problem } => problem,
                _ => "something that is not a FHIR resource",
            };
            throw new EpicUnavailableException($"Epic answered {operation} with {answered}; a {resourceType} was expected.");
        }

        var outcome = parsed.Resource as FhirModel.OperationOutcome;
        var diagnostics = outcome?.Issue
            .Select(i => i.Diagnostics ?? i.Details?.Text ?? i.Code?.GetLiteral())
            .FirstOrDefault(d => !string.IsNullOrEmpty(d));
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

    private static string? BearerError(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate
            .Where(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) && h.Parameter is not null)
            .Select(h => BearerErrorPattern().Match(h.Parameter!))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .FirstOrDefault();

    [GeneratedRegex("error=\"([^\"]+)\"")]
    private static partial Regex BearerErrorPattern();
}
