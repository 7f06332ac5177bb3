using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.External.Zoom;

/// <summary>
/// Server-to-Server OAuth account tokens, one per tenant app (token URL, account, client, secret), reused until
/// five minutes before expiry. Zoom keeps several tokens valid at once, so a refresh never breaks a call in flight.
/// </summary>
internal sealed class ZoomAccountTokens(IZoomOAuthApi oauth, TimeProvider time)
{
    private const string Operation = "oauth.token";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly AccessTokenCache<Key> cache = new(time);

    public Task<string> GetAsync(ZoomConnection zoom, CancellationToken cancellationToken) =>
        cache.GetAsync(KeyOf(zoom), () => RequestAsync(zoom), cancellationToken);

    public void Invalidate(ZoomConnection zoom, string token) => cache.Invalidate(KeyOf(zoom), token);

    private static Key KeyOf(ZoomConnection zoom) =>
        new(zoom.OAuthBaseUrl.TrimEnd('/'), zoom.AccountId, zoom.ClientId, CredentialFingerprint.Of(zoom.ClientSecret));

    /// <summary>Shared by every waiting caller, so no single caller's cancellation applies; the pipeline's time budget does.</summary>
    private async Task<CachedAccessToken> RequestAsync(ZoomConnection zoom)
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{zoom.ClientId}:{zoom.ClientSecret}"));
        Refit.IApiResponse<ZoomTokenJson> response;
        try
        {
            response = (await oauth.RequestTokenAsync(
                new ExternalCall(zoom.OAuthBaseUrl, Operation, SafeToRepeat: true),
                basic,
                new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = zoom.AccountId }))
                .ThrowIfNotReceived(CancellationToken.None);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw ZoomErrors.Unavailable(ex, Operation);
        }

        using var answer = response;
        var status = (int)answer.Status();
        if (!answer.IsSuccessStatusCode)
        {
            var error = TryParse(answer.ErrorBody());
            throw new ZoomApiException(
                status,
                null,
                error?.Error is { Length: > 0 } code ? $"Zoom refused the account token request: {code} ({error.Reason})." : $"Zoom's token endpoint answered HTTP {status}.",
                ZoomErrors.FailureOf(answer.Status(), null));
        }

        if (answer.Content?.AccessToken is not { Length: > 0 } accessToken)
        {
            throw new ZoomApiException(status, null, "Zoom's token endpoint answered without an access_token.", ZoomFailure.Unreadable);
        }

        return CachedAccessToken.Create(accessToken, answer.Content.ExpiresIn ?? 0, RefreshMargin, time.GetUtcNow());
    }

    private static ZoomOAuthErrorJson? TryParse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, ZoomJsonContext.Default.ZoomOAuthErrorJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private readonly record struct Key(string OAuthBaseUrl, string AccountId, string ClientId, string SecretFingerprint);
}
