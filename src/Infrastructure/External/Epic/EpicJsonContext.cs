using System.Text.Json.Serialization;

namespace EpicZoom.Infrastructure.External.Epic;

/// <summary>.well-known/smart-configuration: only the two endpoints EpicZoom uses.</summary>
internal sealed record SmartConfigurationJson(string? AuthorizationEndpoint, string? TokenEndpoint);

/// <summary>RFC 6749 §5.2.</summary>
internal sealed record OAuthErrorJson(string? Error, string? ErrorDescription);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SmartConfigurationJson))]
[JsonSerializable(typeof(OAuthErrorJson))]
internal sealed partial class EpicJsonContext : JsonSerializerContext;
