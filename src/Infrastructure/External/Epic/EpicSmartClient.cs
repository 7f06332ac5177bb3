using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Epic.Fhir;
using EpicZoom.Infrastructure.External.Http;
using Microsoft.Extensions.Caching.Memory;

namespace EpicZoom.Infrastructure.External.Epic;

/// <summary>Cache key of a tenant's backend token: token URL, client and (a fingerprint of) its credentials.</summary>
internal readonly record struct EpicBackendTokenKey(string TokenUrl, string ClientId, string CredentialFingerprint, string Scope);

/// <summary>
/// A tenant as a confidential SMART client of its Epic (shared/spec/epic.md §2): endpoint discovery, the EHR
/// launch's code exchange and backend-services tokens. Every request carries Epic-Client-ID.
/// </summary>
internal sealed class EpicSmartClient(
    HttpClient http, IMemoryCache cache, AccessTokenCache<EpicBackendTokenKey> backendTokens, TimeProvider time) : IEpicSmartClient
{
    private const string OAuthUrisExtension = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private static readonly TimeSpan DiscoveryLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan BackendTokenRefreshMargin = TimeSpan.FromSeconds(60);

    public async Task<SmartEndpoints> GetEndpointsAsync(EpicClient client, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(client.OAuthBaseUrl))
        {
            var oauthBase = client.OAuthBaseUrl.TrimEnd('/');
            return new SmartEndpoints(oauthBase + "/authorize", oauthBase + "/token");
        }

        var fhirBase = client.FhirBaseUrl.TrimEnd('/');
        var key = new DiscoveryKey(fhirBase, client.ClientId);
        if (cache.TryGetValue(key, out SmartEndpoints? cached) && cached is not null)
        {
            return cached;
        }

        // Failures are not cached: the next launch tries again.
        var endpoints = await DiscoverAsync(client, fhirBase, cancellationToken);
        cache.Set(key, endpoints, DiscoveryLifetime);
        return endpoints;
    }

    public async Task<SmartTokenResponse> ExchangeCodeAsync(
        EpicClient client, SmartEndpoints endpoints, string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirectUri),
            new("code_verifier", codeVerifier),
        };
        using var document = await RequestTokenAsync(client, endpoints.TokenUrl, form, "smart.token.code", cancellationToken);
        return SmartTokenReader.ToLaunchToken(document.RootElement, client.ClientId, time.GetUtcNow());
    }

    public async Task<string> GetBackendTokenAsync(EpicClient client, CancellationToken cancellationToken)
    {
        var endpoints = await GetEndpointsAsync(client, cancellationToken);
        var key = new EpicBackendTokenKey(
            endpoints.TokenUrl, client.ClientId, CredentialFingerprint.Of(client.KeyId, client.PrivateKeyPem, client.ClientSecret), client.BackendScope);
        return await backendTokens.GetAsync(key, () => RequestBackendTokenAsync(client, endpoints.TokenUrl), cancellationToken);
    }

    private async Task<CachedAccessToken> RequestBackendTokenAsync(EpicClient client, string tokenUrl)
    {
        // Shared by every waiting caller, so no single caller's cancellation applies; the HttpClient timeout does.
        using var document = await RequestTokenAsync(
            client, tokenUrl, [new("grant_type", "client_credentials"), new("scope", client.BackendScope)], "smart.token.backend", CancellationToken.None);
        var root = document.RootElement;
        return CachedAccessToken.Create(
            SmartTokenReader.String(root, "access_token")!, SmartTokenReader.ExpiresIn(root), BackendTokenRefreshMargin, time.GetUtcNow());
    }

    /// <summary>
    /// One POST, never retried after a server error: a code is single-use and an assertion's jti too, so a
    /// second attempt would only turn Epic's hiccup into a confusing invalid_grant.
    /// </summary>
    private async Task<JsonDocument> RequestTokenAsync(
        EpicClient client, string tokenUrl, List<KeyValuePair<string, string>> form, string operation, CancellationToken cancellationToken)
    {
        using var request = ExternalRequest.Create(HttpMethod.Post, tokenUrl, operation);
        EpicClientAuthentication.Apply(request, form, client, tokenUrl, time.GetUtcNow());
        request.Content = new FormUrlEncodedContent(form);
        EpicHttp.AddClientId(request, client.ClientId);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await EpicHttp.SendAsync(http, request, cancellationToken);
        return await SmartTokenReader.ReadAsync(response, cancellationToken);
    }

    /// <summary>.well-known/smart-configuration; the CapabilityStatement's oauth-uris when an older server has none (404).</summary>
    private async Task<SmartEndpoints> DiscoverAsync(EpicClient client, string fhirBase, CancellationToken cancellationToken)
    {
        using (var response = await GetAsync(client, fhirBase + "/.well-known/smart-configuration", "application/json", "smart.discovery", cancellationToken))
        {
            if (response.IsSuccessStatusCode)
            {
                var configuration = await TryReadAsync(response, EpicJsonContext.Default.SmartConfigurationJson, cancellationToken);
                return Endpoints(configuration?.AuthorizationEndpoint, configuration?.TokenEndpoint, "smart-configuration");
            }

            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                throw new EpicUnavailableException($"SMART discovery answered HTTP {(int)response.StatusCode}.");
            }
        }

        using var metadata = await GetAsync(client, fhirBase + "/metadata", "application/fhir+json", "smart.metadata", cancellationToken);
        if (!metadata.IsSuccessStatusCode)
        {
            throw new EpicUnavailableException(
                $"SMART discovery found neither .well-known/smart-configuration nor metadata (HTTP {(int)metadata.StatusCode}): is the FHIR base URL right?");
        }

        var statement = await TryReadAsync(metadata, FhirJsonContext.Default.FhirCapabilityStatementJson, cancellationToken);
        var uris = statement?.Rest?
            .SelectMany(rest => rest.Security?.Extension ?? [])
            .FirstOrDefault(extension => extension.Url == OAuthUrisExtension)?
            .Extension ?? [];
        return Endpoints(
            uris.FirstOrDefault(u => u.Url == "authorize")?.ValueUri,
            uris.FirstOrDefault(u => u.Url == "token")?.ValueUri,
            "the CapabilityStatement");
    }

    private async Task<HttpResponseMessage> GetAsync(EpicClient client, string url, string accept, string operation, CancellationToken cancellationToken)
    {
        using var request = ExternalRequest.Create(HttpMethod.Get, url, operation);
        EpicHttp.AddClientId(request, client.ClientId);
        request.Headers.Accept.ParseAdd(accept);
        return await EpicHttp.SendAsync(http, request, cancellationToken);
    }

    private static SmartEndpoints Endpoints(string? authorize, string? token, string source) =>
        IsAbsoluteHttpUrl(authorize) && IsAbsoluteHttpUrl(token)
            ? new SmartEndpoints(authorize!, token!)
            : throw new EpicUnavailableException($"SMART discovery: {source} names no absolute authorize and token endpoints.");

    private static bool IsAbsoluteHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static async Task<T?> TryReadAsync<T>(
        HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private readonly record struct DiscoveryKey(string FhirBaseUrl, string ClientId);
}
