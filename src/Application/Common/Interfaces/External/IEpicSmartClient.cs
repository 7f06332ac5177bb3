namespace EpicZoom.Application.Common.Interfaces.External;

/// <summary>
/// A tenant as an OAuth client of its Epic instance. <see cref="PrivateKeyPem"/> (with <see cref="KeyId"/>) selects
/// private_key_jwt (RS384); otherwise <see cref="ClientSecret"/> is sent with client_secret_basic.
/// </summary>
public sealed record EpicClient(
    string TenantKey, string ClientId, string? ClientSecret, string? PrivateKeyPem, string? KeyId, string FhirBaseUrl, string? OAuthBaseUrl)
{
    /// <summary>The scope of a backend-services (client_credentials) token request; SMART Backend Services requires one.</summary>
    public string BackendScope { get; init; } = Domain.Tenants.SmartSettings.DefaultBackendScopes;

    public override string ToString() => $"EpicClient {{ Tenant = {TenantKey}, ClientId = {ClientId} }}";
}

public sealed record SmartEndpoints(string AuthorizeUrl, string TokenUrl);

/// <summary>
/// The token response of an EHR launch. <see cref="Context"/> holds every other top-level string/bool/number field
/// (Epic returns the FDI CONTEXT pairs there: epicSessionId, firstName, …).
/// </summary>
public sealed record SmartTokenResponse(
    string AccessToken,
    int ExpiresIn,
    string? Scope,
    string? Patient,
    string? Encounter,
    string? IdTokenSubject,
    string? FhirUser,
    IReadOnlyDictionary<string, string> Context)
{
    public override string ToString() => $"SmartTokenResponse {{ ExpiresIn = {ExpiresIn}, Scope = {Scope} }}";
}

/// <summary>
/// Epic's OAuth server refused (error code per RFC 6749, e.g. invalid_grant, invalid_client), or a FHIR read was
/// refused (RFC 6750: invalid_token, insufficient_scope) with its <see cref="HttpStatus"/>.
/// </summary>
public sealed class EpicOAuthException(string error, string? description, int? httpStatus = null)
    : Exception($"Epic OAuth error '{error}'{(description is null ? "" : $": {description}")}")
{
    public string Error { get; } = error;
    public string? Description { get; } = description;
    public int? HttpStatus { get; } = httpStatus;
}

/// <summary>Epic could not be reached or answered something that is not SMART (discovery, network, non-JSON).</summary>
public sealed class EpicUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

public interface IEpicSmartClient
{
    /// <summary>{OAuthBaseUrl}/authorize and /token when configured; otherwise SMART discovery under the FHIR base (cached).</summary>
    Task<SmartEndpoints> GetEndpointsAsync(EpicClient client, CancellationToken cancellationToken);

    Task<SmartTokenResponse> ExchangeCodeAsync(EpicClient client, SmartEndpoints endpoints, string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken);

    /// <summary>SMART backend services (client_credentials with a client assertion), cached until shortly before expiry.</summary>
    Task<string> GetBackendTokenAsync(EpicClient client, CancellationToken cancellationToken);

    /// <summary>
    /// Whether Epic's FHIR server answers: one uncached GET of its SMART configuration. Returns the HTTP status
    /// (0 when no answer came); throws nothing for a transport failure. Changes nothing and reports nothing.
    /// </summary>
    Task<int> ProbeAsync(EpicClient client, CancellationToken cancellationToken);
}
