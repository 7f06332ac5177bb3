using System.Text.Json.Serialization;

namespace EpicZoom.Sandbox.Epic.Fhir;

// FHIR R4 JSON shapes for the few resources the simulator serves. Only the elements EpicZoom
// reads plus what makes them recognisable; names follow the spec (camelCase, resourceType first).

internal sealed record FhirHumanName(string Use, string Text, string Family, IReadOnlyList<string> Given);

internal sealed record FhirContactPoint(string System, string Value, string Use);

internal sealed record FhirIdentifier(string Use, string System, string Value);

internal sealed record FhirCoding(string System, string Code, string? Display = null);

internal sealed record FhirCodeableConcept(IReadOnlyList<FhirCoding> Coding, string? Text = null);

internal sealed record FhirReference(string Reference, string? Display = null);

internal sealed record FhirPatientResource(
    string Id,
    bool Active,
    IReadOnlyList<FhirHumanName> Name,
    IReadOnlyList<FhirContactPoint> Telecom)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType => "Patient";
}

internal sealed record FhirPractitionerResource(
    string Id,
    bool Active,
    IReadOnlyList<FhirHumanName> Name,
    IReadOnlyList<FhirContactPoint> Telecom)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType => "Practitioner";
}

internal sealed record FhirEncounterParticipant(IReadOnlyList<FhirCodeableConcept> Type, FhirReference Individual);

internal sealed record FhirEncounterResource(
    string Id,
    IReadOnlyList<FhirIdentifier> Identifier,
    string Status,
    FhirCoding Class,
    FhirReference Subject,
    IReadOnlyList<FhirEncounterParticipant> Participant)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType => "Encounter";
}

internal sealed record FhirIssue(string Severity, string Code, string Diagnostics);

internal sealed record FhirOperationOutcome(IReadOnlyList<FhirIssue> Issue)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType => "OperationOutcome";

    public static FhirOperationOutcome Error(string code, string diagnostics) => new([new FhirIssue("error", code, diagnostics)]);
}

internal sealed record FhirExtension(
    string Url,
    [property: JsonPropertyName("valueUri")] string? ValueUri = null,
    IReadOnlyList<FhirExtension>? Extension = null);

internal sealed record FhirSecurity(IReadOnlyList<FhirExtension> Extension, IReadOnlyList<FhirCodeableConcept> Service);

internal sealed record FhirInteraction(string Code);

internal sealed record FhirRestResource(string Type, IReadOnlyList<FhirInteraction> Interaction);

internal sealed record FhirRest(string Mode, FhirSecurity Security, IReadOnlyList<FhirRestResource> Resource);

internal sealed record FhirCapabilityStatement(
    string Status,
    string Date,
    string Kind,
    string FhirVersion,
    IReadOnlyList<string> Format,
    IReadOnlyList<FhirRest> Rest)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType => "CapabilityStatement";
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FhirPatientResource))]
[JsonSerializable(typeof(FhirPractitionerResource))]
[JsonSerializable(typeof(FhirEncounterResource))]
[JsonSerializable(typeof(FhirOperationOutcome))]
[JsonSerializable(typeof(FhirCapabilityStatement))]
internal sealed partial class FhirJsonContext : JsonSerializerContext;
