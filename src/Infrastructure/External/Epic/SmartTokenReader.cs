using System.Globalization;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Refit;

namespace EpicZoom.Infrastructure.External.Epic;

/// <summary>Turns a token endpoint's answer into a token or into the exception its error means.</summary>
internal static class SmartTokenReader
{
    /// <summary>Fields with their own meaning; everything else that is a plain value is launch context (Epic's FDI CONTEXT pairs).</summary>
    private static readonly HashSet<string> StandardFields =
        ["access_token", "token_type", "expires_in", "scope", "id_token", "refresh_token", "patient", "encounter"];

    /// <summary>Tolerated difference between Epic's clock and ours when checking the id_token's exp.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The JSON object of a successful token request. An OAuth error with a 4xx status is Epic refusing
    /// (<see cref="EpicOAuthException"/>); anything else (5xx, HTML, no access_token) is Epic not working as a
    /// SMART server (<see cref="EpicUnavailableException"/>).
    /// </summary>
    public static JsonElement Read(IApiResponse<JsonElement> response)
    {
        var status = (int)response.Status();
        if (!response.IsSuccessStatusCode)
        {
            var error = TryParse(response.ErrorBody(), static text => JsonSerializer.Deserialize(text, EpicJsonContext.Default.OAuthErrorJson));
            if (error?.Error is { Length: > 0 } code)
            {
                throw status < 500
                    ? new EpicOAuthException(code, error.ErrorDescription, status)
                    : new EpicUnavailableException($"Epic's token endpoint answered HTTP {status} ({code}).");
            }

            throw new EpicUnavailableException($"Epic's token endpoint answered HTTP {status} without an OAuth error.");
        }

        // Refit reports a body that is not JSON as an error beside the 200.
        return response.Error is null && response.Content is { ValueKind: JsonValueKind.Object } root && String(root, "access_token") is { Length: > 0 }
            ? root
            : throw new EpicUnavailableException($"Epic's token endpoint answered HTTP {status} without an access_token.");
    }

    public static SmartTokenResponse ToLaunchToken(JsonElement root, string clientId, DateTimeOffset now)
    {
        var (subject, fhirUser) = String(root, "id_token") is { Length: > 0 } idToken ? ReadIdToken(idToken, clientId, now) : (null, null);
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in root.EnumerateObject().Where(f => !StandardFields.Contains(f.Name)))
        {
            string? value = field.Value.ValueKind switch
            {
                JsonValueKind.String => field.Value.GetString(),
                JsonValueKind.Number => field.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (value is not null)
            {
                context[field.Name] = value;
            }
        }

        return new SmartTokenResponse(
            String(root, "access_token")!,
            ExpiresIn(root),
            String(root, "scope"),
            String(root, "patient"),
            String(root, "encounter"),
            subject,
            fhirUser,
            context);
    }

    public static int ExpiresIn(JsonElement root) =>
        root.TryGetProperty("expires_in", out var value) && value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out var seconds) ? seconds : (int?)null,
            JsonValueKind.String => int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
            _ => null,
        } is { } expiresIn
            ? expiresIn
            : 0;

    public static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The id_token came straight from the token endpoint over TLS, so its signature need not be checked
    /// (OIDC Core 3.1.3.7); it must still be meant for this client and unexpired.
    /// </summary>
    private static (string? Subject, string? FhirUser) ReadIdToken(string idToken, string clientId, DateTimeOffset now)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebTokenHandler().ReadJsonWebToken(idToken);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            throw new EpicOAuthException("invalid_id_token", "The id_token is not a JWT.");
        }

        if (!jwt.Audiences.Contains(clientId, StringComparer.Ordinal))
        {
            throw new EpicOAuthException("invalid_id_token", "The id_token was issued to another client (aud).");
        }

        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp) || DateTimeOffset.FromUnixTimeSeconds(exp) + ClockSkew <= now)
        {
            throw new EpicOAuthException("invalid_id_token", "The id_token has expired or has no exp.");
        }

        var subject = string.IsNullOrEmpty(jwt.Subject) ? null : jwt.Subject;
        return (subject, jwt.TryGetPayloadValue<string>("fhirUser", out var fhirUser) && fhirUser.Length > 0 ? fhirUser : null);
    }

    private static T? TryParse<T>(string text, Func<string, T?> parse)
        where T : class
    {
        try
        {
            return text.Length == 0 ? null : parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
