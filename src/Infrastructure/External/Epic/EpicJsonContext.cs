using System.Text.Json;
using System.Text.Json.Serialization;

namespace EpicZoom.Infrastructure.External.Epic;

/// <summary>.well-known/smart-configuration: only the two endpoints EpicZoom uses.</summary>
internal sealed record SmartConfigurationJson(string? AuthorizationEndpoint, string? TokenEndpoint);

/// <summary>RFC 6749 §5.2.</summary>
internal sealed record OAuthErrorJson(string? Error, string? ErrorDescription);

// The CapabilityStatement's SMART oauth-uris extension: all SMART discovery reads of it. FHIR JSON is camelCase, so
// the one two-word name is spelled out.

internal sealed record CapabilityExtensionJson(
    string? Url, [property: JsonPropertyName("valueUri")] string? ValueUri, IReadOnlyList<CapabilityExtensionJson>? Extension);

internal sealed record CapabilitySecurityJson(IReadOnlyList<CapabilityExtensionJson>? Extension);

internal sealed record CapabilityRestJson(CapabilitySecurityJson? Security);

internal sealed record CapabilityStatementJson(IReadOnlyList<CapabilityRestJson>? Rest);

/// <summary>SMART and telehealth wire shapes; token answers are read as a plain <see cref="JsonElement"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SmartConfigurationJson))]
[JsonSerializable(typeof(OAuthErrorJson))]
[JsonSerializable(typeof(CapabilityStatementJson))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class EpicJsonContext : JsonSerializerContext;
