using System.Net;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;
using Microsoft.Extensions.Caching.Memory;
using Refit;

namespace EpicZoom.Infrastructure.External.Epic;

/// <summary>Cache key of a tenant's backend token: token URL, client and (a fingerprint of) its credentials.</summary>
internal readonly record struct EpicBackendTokenKey(string TokenUrl, string ClientId, string CredentialFingerprint, string Scope);

/// <summary>
/// A tenant as a confidential SMART client of its Epic (shared/spec/epic.md §2), over the Refit <see cref="ISmartApi"/>:
/// endpoint discovery, the EHR launch's code exchange and backend-services tokens. A silent or unreachable Epic is
/// <see cref="EpicUnavailableException"/>; Epic refusing is <see cref="EpicOAuthException"/>.
/// </summary>
internal sealed class EpicSmartClient(
    ISmartApi api, IMemoryCache cache, AccessTokenCache<EpicBackendTokenKey> backendTokens, TimeProvider time) : IEpicSmartClient
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
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
        };
        var root = await RequestTokenAsync(client, endpoints.TokenUrl, form, "smart.token.code", cancellationToken);
        return SmartTokenReader.ToLaunchToken(root, client.ClientId, time.GetUtcNow());
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
        // Shared by every waiting caller, so no single caller's cancellation applies; the pipeline's time budget does.
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = client.BackendScope };
        var root = await RequestTokenAsync(client, tokenUrl, form, "smart.token.backend", CancellationToken.None);
        return CachedAccessToken.Create(
            SmartTokenReader.String(root, "access_token")!, SmartTokenReader.ExpiresIn(root), BackendTokenRefreshMargin, time.GetUtcNow());
    }

    public async Task<int> ProbeAsync(EpicClient client, CancellationToken cancellationToken)
    {
        var fhirBase = client.FhirBaseUrl.TrimEnd('/');
        try
        {
            using var response = (await api.GetSmartConfigurationAsync(new ExternalCall(fhirBase, "smart.probe"), EpicHttp.ClientIdHeaderValue(client.ClientId), cancellationToken))
                .ThrowIfNotReceived(cancellationToken);
            return (int)response.Status();
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return 0;
        }
    }

    /// <summary>
    /// One POST, never retried after a server error: a code is single-use and an assertion's jti too, so a
    /// second attempt would only turn Epic's hiccup into a confusing invalid_grant.
    /// </summary>
    private async Task<JsonElement> RequestTokenAsync(
        EpicClient client, string tokenUrl, Dictionary<string, string> form, string operation, CancellationToken cancellationToken)
    {
        var authorization = EpicClientAuthentication.Authorize(form, client, tokenUrl, time.GetUtcNow());
        var clientId = EpicHttp.ClientIdHeaderValue(client.ClientId);
        using var response = await CallAsync(
            operation, () => api.RequestTokenAsync(new ExternalCall(tokenUrl, operation), clientId, authorization, form, cancellationToken), cancellationToken);

        // Cloned: the element outlives the response it was read from.
        return SmartTokenReader.Read(response).Clone();
    }

    /// <summary>.well-known/smart-configuration; the CapabilityStatement's oauth-uris when an older server has none (404).</summary>
    private async Task<SmartEndpoints> DiscoverAsync(EpicClient client, string fhirBase, CancellationToken cancellationToken)
    {
        var clientId = EpicHttp.ClientIdHeaderValue(client.ClientId);
        using (var response = await CallAsync(
            "smart.discovery", () => api.GetSmartConfigurationAsync(new ExternalCall(fhirBase, "smart.discovery"), clientId, cancellationToken), cancellationToken))
        {
            if (response.IsSuccessStatusCode)
            {
                var configuration = response.Error is null ? response.Content : null;
                return Endpoints(configuration?.AuthorizationEndpoint, configuration?.TokenEndpoint, "smart-configuration");
            }

            if (response.Status() != HttpStatusCode.NotFound)
            {
                throw new EpicUnavailableException($"SMART discovery answered HTTP {(int)response.Status()}.");
            }
        }

        using var metadata = await CallAsync(
            "smart.metadata", () => api.GetCapabilityStatementAsync(new ExternalCall(fhirBase, "smart.metadata"), clientId, cancellationToken), cancellationToken);
        if (!metadata.IsSuccessStatusCode)
        {
            throw new EpicUnavailableException(
                $"SMART discovery found neither .well-known/smart-configuration nor metadata (HTTP {(int)metadata.Status()}): is the FHIR base URL right?");
        }

        var statement = metadata.Error is null ? metadata.Content : null;
        var uris = statement?.Rest?
            .SelectMany(rest => rest.Security?.Extension ?? [])
            .FirstOrDefault(extension => extension.Url == OAuthUrisExtension)?
            .Extension ?? [];
        return Endpoints(
            uris.FirstOrDefault(u => u.Url == "authorize")?.ValueUri,
            uris.FirstOrDefault(u => u.Url == "token")?.ValueUri,
            "the CapabilityStatement");
    }

    /// <summary>One Refit call; an Epic that never answered becomes <see cref="EpicUnavailableException"/>.</summary>
    private static async Task<T> CallAsync<T>(string operation, Func<Task<T>> send, CancellationToken cancellationToken)
        where T : IApiResponse
    {
        try
        {
            return (await send()).ThrowIfNotReceived(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw EpicHttp.Unavailable(ex, operation);
        }
    }

    private static SmartEndpoints Endpoints(string? authorize, string? token, string source) =>
        IsAbsoluteHttpUrl(authorize) && IsAbsoluteHttpUrl(token)
            ? new SmartEndpoints(authorize!, token!)
            : throw new EpicUnavailableException($"SMART discovery: {source} names no absolute authorize and token endpoints.");

    private static bool IsAbsoluteHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private readonly record struct DiscoveryKey(string FhirBaseUrl, string ClientId);
}
