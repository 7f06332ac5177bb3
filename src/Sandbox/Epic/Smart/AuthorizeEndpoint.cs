using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.LaunchSimulator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Epic.Smart;

/// <summary>
/// The EHR-launch authorize step, auto-approved (the clinician is already signed in to Hyperspace).
/// Errors before the redirect target is trusted get a page; later ones go back to the client.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        SandboxUrls urls,
        EpicClientRegistry clients,
        LaunchStore launches,
        SmartGrantStore grants,
        TimeProvider time,
        IOptions<SandboxOptions> options)
    {
        // Epic accepts POST too, because launch tokens can outgrow a URL.
        var parameters = HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
            ? (await http.Request.ReadFormAsync(http.RequestAborted)).ToDictionary(p => p.Key, p => p.Value.ToString())
            : http.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString());
        string? Param(string name) => parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var client = clients.Find(Param("client_id"), urls);
        if (client is null)
        {
            return Html.Error("Authorization failed", "Unknown client_id, so there is nowhere safe to send you back to.", StatusCodes.Status400BadRequest);
        }

        var redirectUri = Param("redirect_uri");
        if (redirectUri is null || !client.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return Html.Error("Authorization failed", "redirect_uri is missing or not registered for this client.", StatusCodes.Status400BadRequest);
        }

        var state = Param("state");
        IResult Refuse(string error, string description) =>
            Redirect(redirectUri, ("error", error), ("error_description", description), ("state", state));

        if (Param("response_type") != "code")
        {
            return Refuse("unsupported_response_type", "response_type must be code.");
        }

        if (!string.Equals(Param("aud")?.TrimEnd('/'), urls.EpicFhirBase, StringComparison.Ordinal))
        {
            return Refuse("invalid_request", "aud must be the FHIR base URL the app was launched with (iss).");
        }

        var scope = Param("scope") ?? "";
        if (!scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("launch"))
        {
            return Refuse("invalid_scope", "scope must include launch for an EHR launch.");
        }

        var challenge = Param("code_challenge");
        if (challenge is null || Param("code_challenge_method") != "S256")
        {
            return Refuse("invalid_request", "PKCE is required: code_challenge with code_challenge_method=S256.");
        }

        // Redeemed last, so a request refused for another reason leaves the launch usable.
        var now = time.GetUtcNow();
        if (Param("launch") is not { } launch || !launches.TryRedeem(launch, now, out var context))
        {
            return Refuse("invalid_request", "launch is unknown, expired or already used.");
        }

        var code = grants.IssueCode(new AuthorizationCode(
            client.ClientId, redirectUri, challenge, ScopeRules.Grant(client, scope), Param("nonce"), context, now + options.Value.AuthorizationCodeLifetime));
        return Redirect(redirectUri, ("code", code), ("state", state));
    }

    private static IResult Redirect(string redirectUri, params (string Name, string? Value)[] query) =>
        Results.Redirect(QueryHelpers.AddQueryString(
            redirectUri,
            query.Where(q => q.Value is not null).Select(q => KeyValuePair.Create(q.Name, q.Value))));
}
