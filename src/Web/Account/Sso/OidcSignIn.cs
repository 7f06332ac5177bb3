using System.Security.Claims;
using EpicZoom.Application.Audit.RecordAccountEvent;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Common;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace EpicZoom.Web.Account.Sso;

/// <summary>
/// OpenID Connect sign-in (docs/sso.md): authorization code flow with PKCE, state and nonce; the id_token's groups
/// become portal roles by Authentication:Oidc:RoleGroups, and a user with none of the mapped groups is refused. The
/// result is the same portal cookie a local account gets, marked as SSO so no local security stamp is looked for.
/// </summary>
internal static class OidcSignIn
{
    /// <summary>Claim on SSO principals; its presence means "no local account behind this cookie".</summary>
    public const string ProviderClaim = "ez:idp";
    public const string RefusedPath = "/account/sso-refused";

    public static void Add(AuthenticationBuilder authentication, IServiceCollection services, OidcOptions oidc, bool sandbox)
    {
        authentication.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ApplicationScheme;
            o.SignOutScheme = IdentityConstants.ApplicationScheme;
            o.Authority = string.IsNullOrWhiteSpace(oidc.Authority) ? null : oidc.Authority.Trim();
            o.ClientId = oidc.ClientId?.Trim();
            o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The IdP returns with a top-level GET: Lax cookies (correlation, nonce, portal) travel with it; a form_post
            // from another site would carry none of them.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.CallbackPath = OidcOptions.CallbackPath;
            o.SignedOutCallbackPath = OidcOptions.SignedOutCallbackPath;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            // Only the id_token is kept (as the end-session hint), by OnTokenValidated; access tokens are not needed.
            o.SaveTokens = false;
            o.Scope.Clear();
            foreach (var scope in oidc.EffectiveScopes) o.Scope.Add(scope);
            o.TokenValidationParameters.NameClaimType = "name";
            // SameSite=None without Secure is dropped by Chromium on plain-http loopback; the return is a top-level GET.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.RequireHttpsMetadata = o.Authority is { } authority && authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            o.Events.OnTokenValidated = TokenValidatedAsync;
            o.Events.OnRemoteFailure = RemoteFailureAsync;
        });

        // With the sandbox on and no authority configured, the sandbox's own IdP: its address is this host's, known
        // once the server listens, and the handler reads these options at its first request.
        if (sandbox && string.IsNullOrWhiteSpace(oidc.Authority))
        {
            services.AddOptions<OpenIdConnectOptions>(OidcOptions.Scheme).Configure<IAppUrls>((o, urls) =>
            {
                o.Authority = urls.PublicBaseUrl + EpicZoom.Sandbox.SandboxDefaults.OidcPath;
                o.RequireHttpsMetadata = false;
            });
        }
    }

    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<PortalSignInOptions>>().Value.Oidc;
        var mediator = services.GetRequiredService<IMediator>();
        var incoming = context.Principal!;
        var subject = incoming.FindFirst("sub")?.Value ?? "";
        // The display name, never the e-mail address: it is shown in the portal and written to the audit.
        var name = SafeText.Sanitize(incoming.FindFirst("name")?.Value is { Length: > 0 } n ? n : subject, 100);
        var roles = options.RolesFor(incoming.FindAll(options.GroupsClaim).Select(c => c.Value));
        var address = context.HttpContext.Connection.RemoteIpAddress;

        if (roles.Count == 0 || subject.Length == 0)
        {
            await mediator.Send(new RecordAccountEventCommand(AccountEvent.SsoRefused, name, address));
            context.HandleResponse();
            context.Response.Redirect(RefusedPath);
            return;
        }

        var identity = new ClaimsIdentity(OidcOptions.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "oidc:" + subject));
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(ProviderClaim, OidcOptions.Scheme));
        foreach (var role in roles) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        context.Principal = new ClaimsPrincipal(identity);

        var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken;
        if (idToken is not null) context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        context.Properties!.IsPersistent = false;
        await mediator.Send(new RecordAccountEventCommand(AccountEvent.SignedInWithSso, name, address));
    }

    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        // The exception's type only: its message can carry the IdP's error text or parts of the callback.
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn))
            .LogWarning("SSO sign-in failed: {ExceptionType}", context.Failure?.GetType().Name ?? "unknown");
        context.HandleResponse();
        context.Response.Redirect("/account/login?error=sso");
        return Task.CompletedTask;
    }

    public static bool IsSso(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ProviderClaim);
}
