using System.Text.Json.Serialization;
using EpicZoom.Sandbox.Common;

namespace EpicZoom.Sandbox.Oidc;

internal sealed record OidcDiscovery(
    string Issuer, string AuthorizationEndpoint, string TokenEndpoint, string JwksUri, string EndSessionEndpoint,
    IReadOnlyList<string> ResponseTypesSupported, IReadOnlyList<string> ResponseModesSupported, IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> SubjectTypesSupported, IReadOnlyList<string> IdTokenSigningAlgValuesSupported, IReadOnlyList<string> ScopesSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported, IReadOnlyList<string> CodeChallengeMethodsSupported, IReadOnlyList<string> ClaimsSupported);

internal sealed record OidcTokenResponse(string AccessToken, string TokenType, int ExpiresIn, string IdToken, string Scope);

/// <summary>OpenID Connect documents use snake_case member names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OidcDiscovery))]
[JsonSerializable(typeof(OidcTokenResponse))]
[JsonSerializable(typeof(JwksDocument))]
[JsonSerializable(typeof(OidcEndSessionCount))]
internal sealed partial class OidcJsonContext : JsonSerializerContext;
