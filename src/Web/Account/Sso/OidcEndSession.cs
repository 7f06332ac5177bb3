using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace EpicZoom.Web.Account.Sso;

/// <summary>Whether the identity provider publishes an end_session_endpoint (RP-initiated logout); if it cannot be asked, sign-out stays local.</summary>
internal static class OidcEndSession
{
    public static async Task<bool> IsOfferedAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcOptions.Scheme);
        if (options.ConfigurationManager is null) return false;
        try
        {
            var configuration = await options.ConfigurationManager.GetConfigurationAsync(context.RequestAborted);
            return !string.IsNullOrEmpty(configuration.EndSessionEndpoint);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcEndSession))
                .LogWarning("Identity provider metadata unreachable at sign-out ({ExceptionType}); signed out locally only", ex.GetType().Name);
            return false;
        }
    }
}
