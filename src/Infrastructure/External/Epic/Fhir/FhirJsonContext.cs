using System.Text.Json.Serialization;

namespace EpicZoom.Infrastructure.External.Epic.Fhir;

// SMART discovery (EpicSmartClient) reads only rest[].security.extension of the CapabilityStatement, where SMART's
// oauth-uris live. The resource reads use Firely's model (FhirJson); these stay until discovery moves there too.

internal sealed record FhirExtensionJson(string? Url, string? ValueUri, IReadOnlyList<FhirExtensionJson>? Extension);

internal sealed record FhirSecurityJson(IReadOnlyList<FhirExtensionJson>? Extension);

internal sealed record FhirRestJson(FhirSecurityJson? Security);

internal sealed record FhirCapabilityStatementJson(string? ResourceType, IReadOnlyList<FhirRestJson>? Rest);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FhirCapabilityStatementJson))]
internal sealed partial class FhirJsonContext : JsonSerializerContext;
