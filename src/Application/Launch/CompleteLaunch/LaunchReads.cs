using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Launch.CompleteLaunch;

/// <summary>
/// The FHIR reads of one launch, with its access token. Which reads are attempted is decided by the scopes Epic
/// granted (the token response's <c>scope</c>; when absent, what was asked: RFC 6749 §5.1). A strict SMART server
/// answers a read it does not allow with 401, 403 or 404: optional data (the provider's e-mail, the patient's mobile)
/// is then skipped with a note on the launch record; required data ends the launch with an EZ-L code. Never a 500.
/// </summary>
public sealed class LaunchReads(IEpicFhirApi fhir, Tenant tenant, SmartTokenResponse token, LaunchProgress progress)
{
    private readonly IReadOnlyList<string> granted = SmartSettings.Split(token.Scope ?? tenant.Smart.LaunchScopes);

    /// <summary>The clinician's e-mail from their Practitioner (fhirUser), only to find their own Zoom user.</summary>
    public async Task<string?> ProviderEmailAsync(CancellationToken ct)
    {
        var practitionerId = PractitionerId(token.FhirUser);
        if (practitionerId is null)
        {
            progress.Notes.Add("no Practitioner fhirUser: provider e-mail unknown");
            return null;
        }
        var read = await ReadAsync("Practitioner", "provider e-mail", () => fhir.GetPractitionerAsync(tenant.Epic.FhirBaseUrl, token.AccessToken, practitionerId, ct));
        return read.Value?.Email;
    }

    /// <summary>The patient's mobile from their FHIR Patient, only to pre-fill the texting form.</summary>
    public async Task<string?> PatientMobileAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token.Patient)) return null;
        var read = await ReadAsync("Patient", "patient mobile", () => fhir.GetPatientAsync(tenant.Epic.FhirBaseUrl, token.AccessToken, token.Patient, ct));
        return read.Value?.MobilePhone;
    }

    /// <summary>
    /// Who is on the launch's encounter, when the FDI CONTEXT does not say who hosts (no encounterProviderId): required,
    /// so a read Epic refuses ends the launch as "still being prepared" (the provider's own launch then makes the meeting).
    /// </summary>
    public async Task<string> EncounterPractitionerAsync(CancellationToken ct)
    {
        const string noHost = "patient launched before any provider and without encounterProviderId";
        if (string.IsNullOrEmpty(token.Encounter)) throw new AppException(LaunchErrors.MeetingNotReady, $"{noHost}; no encounter in the launch");
        var read = await ReadAsync("Encounter", "encounter provider",
            () => fhir.GetEncounterAsync(tenant.Epic.FhirBaseUrl, token.AccessToken, token.Encounter, ct));
        if (read.Problem is { } problem) throw new AppException(LaunchErrors.MeetingNotReady, $"{noHost}; {problem}");
        return read.Value?.PractitionerIds.FirstOrDefault()
            ?? throw new AppException(LaunchErrors.MeetingNotReady, $"{noHost}; the Encounter names no practitioner");
    }

    public bool MayRead(string resourceType) => SmartScope.AllowsRead(granted, resourceType);

    /// <summary>fhirUser is an absolute or relative Practitioner reference; the FHIR id is its last segment.</summary>
    public static string? PractitionerId(string? fhirUser) =>
        fhirUser is not null && fhirUser.Contains("Practitioner/", StringComparison.Ordinal) && !fhirUser.EndsWith('/')
            ? fhirUser[(fhirUser.LastIndexOf('/') + 1)..]
            : null;

    private async Task<(T? Value, string? Problem)> ReadAsync<T>(string resourceType, string what, Func<Task<T?>> read)
        where T : class
    {
        string problem;
        if (!MayRead(resourceType))
        {
            problem = $"{resourceType} not read: scope not granted";
        }
        else
        {
            try
            {
                if (await read() is { } value) return (value, null);
                problem = $"{resourceType} read answered 404";
            }
            catch (EpicOAuthException ex)
            {
                problem = $"{resourceType} read refused: HTTP {ex.HttpStatus} {SanitizedError(ex.Error)}";
            }
            catch (EpicUnavailableException)
            {
                problem = $"{resourceType} read failed: Epic did not answer it";
            }
        }
        progress.Notes.Add($"{problem} ({what} skipped)");
        return (null, problem);
    }

    private static string SanitizedError(string error) => Domain.Common.SafeText.Sanitize(error, 40);
}
