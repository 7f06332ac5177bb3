using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Common;

/// <summary>
/// The absolute URLs of one request's world. Resolved per request because, without a configured
/// base, the sandbox only learns its own address from the request it is answering.
/// Handlers take it as a parameter (minimal APIs call <see cref="BindAsync"/>).
/// </summary>
internal sealed record SandboxUrls(string BaseUrl, string EpicZoomBaseUrl)
{
    public string EpicFhirBase => SandboxDefaults.EpicFhirBase(BaseUrl);

    public string EpicOAuthBase => SandboxDefaults.EpicOAuthBase(BaseUrl);

    public string EpicAuthorizeEndpoint => EpicOAuthBase + "/authorize";

    public string EpicTokenEndpoint => EpicOAuthBase + "/token";

    public string EpicJwksUri => EpicFhirBase + "/.well-known/jwks.json";

    /// <summary>Zoom's web side: the S2S token endpoint ({this}/oauth/token) and the join pages live here.</summary>
    public string ZoomBase => SandboxDefaults.ZoomOAuthBase(BaseUrl);

    /// <summary>The Twilio-style SMS API root; clients append /2010-04-01/Accounts/{sid}/Messages.json.</summary>
    public string SmsBase => SandboxDefaults.SmsApiBase(BaseUrl);

    public static SandboxUrls From(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<SandboxOptions>>().Value;
        var request = http.Request;
        var baseUrl = Normalize(options.BaseUrl)
            ?? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
        return new SandboxUrls(baseUrl, Normalize(options.EpicZoomBaseUrl) ?? baseUrl);
    }

    public static ValueTask<SandboxUrls?> BindAsync(HttpContext http) => ValueTask.FromResult<SandboxUrls?>(From(http));

    private static string? Normalize(string? url) => string.IsNullOrWhiteSpace(url) ? null : url.TrimEnd('/');
}
