using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.External.Zoom;

/// <summary>
/// Server-to-Server OAuth account tokens, one per tenant app (token URL, account, client, secret), reused until
/// five minutes before expiry. Zoom keeps several tokens valid at once, so a refresh never breaks a call in flight.
/// </summary>
internal sealed class ZoomAccountTokens(IHttpClientFactory httpClients, TimeProvider time)
{
    public const string HttpClientName = "EpicZoom.Zoom.OAuth";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly AccessTokenCache<Key> cache = new(time);

    public Task<string> GetAsync(ZoomConnection zoom, CancellationToken cancellationToken) =>
        cache.GetAsync(KeyOf(zoom), () => RequestAsync(zoom), cancellationToken);

    public void Invalidate(ZoomConnection zoom, string token) => cache.Invalidate(KeyOf(zoom), token);

    public static string TokenUrl(ZoomConnection zoom) => zoom.OAuthBaseUrl.TrimEnd('/') + "/oauth/token";

    private static Key KeyOf(ZoomConnection zoom) =>
        new(TokenUrl(zoom), zoom.AccountId, zoom.ClientId, CredentialFingerprint.Of(zoom.ClientSecret));

    private async Task<CachedAccessToken> RequestAsync(ZoomConnection zoom)
    {
        using var request = ExternalRequest.Create(
            HttpMethod.Post,
            TokenUrl(zoom),
            "oauth.token",
            new FormUrlEncodedContent([new("grant_type", "account_credentials"), new("account_id", zoom.AccountId)]));
        request.Options.Set(ExternalRequest.SafeToRepeat, true);
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{zoom.ClientId}:{zoom.ClientSecret}")));

        using var response = await ExternalRequest.SendAsync(httpClients.CreateClient(HttpClientName), request, "Zoom", CancellationToken.None);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            var error = await TryReadAsync(response, ZoomJsonContext.Default.ZoomOAuthErrorJson);
            throw new ZoomApiException(status, null, error?.Error is { Length: > 0 } code
                ? $"Zoom refused the account token request: {code} ({error.Reason})."
                : $"Zoom's token endpoint answered HTTP {status}.");
        }

        var token = await TryReadAsync(response, ZoomJsonContext.Default.ZoomTokenJson);
        if (token?.AccessToken is not { Length: > 0 } accessToken)
        {
            throw new ZoomApiException(status, null, "Zoom's token endpoint answered without an access_token.");
        }

        return CachedAccessToken.Create(accessToken, token.ExpiresIn ?? 0, RefreshMargin, time.GetUtcNow());
    }

    private static async Task<T?> TryReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private readonly record struct Key(string TokenUrl, string AccountId, string ClientId, string SecretFingerprint);
}
