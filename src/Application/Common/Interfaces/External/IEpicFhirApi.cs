namespace EpicZoom.Application.Common.Interfaces.External;

/// <summary>The few facts EpicZoom reads about a person: names for Zoom accounts, e-mail to find a provider's Zoom user, mobile for SMS.</summary>
public sealed record FhirPerson(string Id, string? GivenName, string? FamilyName, string? Email, string? MobilePhone);

public sealed record FhirEncounter(string Id, string? PatientId, IReadOnlyList<string> PractitionerIds);

/// <summary>FHIR R4 reads with the launch's access token (shared/spec/epic.md). Null when the resource does not exist.</summary>
public interface IEpicFhirApi
{
    Task<FhirPerson?> GetPractitionerAsync(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken);

    Task<FhirPerson?> GetPatientAsync(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken);

    Task<FhirEncounter?> GetEncounterAsync(string fhirBaseUrl, string accessToken, string id, CancellationToken cancellationToken);
}
