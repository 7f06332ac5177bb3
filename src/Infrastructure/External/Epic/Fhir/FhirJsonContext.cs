using System.Text.Json.Serialization;

namespace EpicZoom.Infrastructure.External.Epic.Fhir;

// FHIR R4 JSON (camelCase) for the few elements EpicZoom reads. Arrays may be absent; every member is nullable.

internal sealed record FhirHumanNameJson(string? Use, string? Text, string? Family, IReadOnlyList<string>? Given);

internal sealed record FhirContactPointJson(string? System, string? Value, string? Use);

internal sealed record FhirReferenceJson(string? Reference);

internal interface IFhirResourceJson
{
    string? ResourceType { get; }

    string? Id { get; }
}

/// <summary>Patient and Practitioner share the parts EpicZoom reads.</summary>
internal sealed record FhirPersonJson(
    string? ResourceType, string? Id, IReadOnlyList<FhirHumanNameJson>? Name, IReadOnlyList<FhirContactPointJson>? Telecom) : IFhirResourceJson;

internal sealed record FhirEncounterParticipantJson(FhirReferenceJson? Individual);

internal sealed record FhirEncounterJson(
    string? ResourceType, string? Id, FhirReferenceJson? Subject, IReadOnlyList<FhirEncounterParticipantJson>? Participant) : IFhirResourceJson;

internal sealed record FhirIssueJson(string? Severity, string? Code, string? Diagnostics);

internal sealed record FhirOperationOutcomeJson(string? ResourceType, IReadOnlyList<FhirIssueJson>? Issue);

internal sealed record FhirExtensionJson(string? Url, string? ValueUri, IReadOnlyList<FhirExtensionJson>? Extension);

internal sealed record FhirSecurityJson(IReadOnlyList<FhirExtensionJson>? Extension);

internal sealed record FhirRestJson(FhirSecurityJson? Security);

/// <summary>Only rest[].security.extension, where SMART's oauth-uris live.</summary>
internal sealed record FhirCapabilityStatementJson(string? ResourceType, IReadOnlyList<FhirRestJson>? Rest);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FhirPersonJson))]
[JsonSerializable(typeof(FhirEncounterJson))]
[JsonSerializable(typeof(FhirOperationOutcomeJson))]
[JsonSerializable(typeof(FhirCapabilityStatementJson))]
internal sealed partial class FhirJsonContext : JsonSerializerContext;
