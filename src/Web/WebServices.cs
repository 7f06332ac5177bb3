using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Infrastructure.Configuration;
using EpicZoom.Infrastructure.Health;
using EpicZoom.Web.Observability;
using EpicZoom.Infrastructure.Identity;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.Web.Account;
using EpicZoom.Web.Account.Sso;
using EpicZoom.Sandbox;
using EpicZoom.Web.Common;
using EpicZoom.Web.Sandbox;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace EpicZoom.Web;

/// <summary>Composition of the web host: identity and cookies, Blazor Server with MudBlazor, error mapping, health.</summary>
public static class WebServices
{
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var sandbox = SandboxMode.From(configuration, environment);
        services.AddSingleton(sandbox);
        if (sandbox.Enabled)
        {
            services.AddEpicZoomSandbox(configuration);
            // Behind a proxy the simulators must hand out the public address too.
            services.AddOptions<SandboxOptions>().PostConfigure<IOptions<AppOptions>>((o, app) => o.BaseUrl ??= app.Value.NormalizedPublicBaseUrl);
            services.AddHostedService<SandboxTenantSeeder>();
            services.Replace(ServiceDescriptor.Singleton<EpicZoom.Application.Common.Interfaces.External.IEmailServerSettings, SandboxEmailServer>());
        }

        services.AddReverseProxySupport(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<ScopedMediator>();
        services.AddSingleton<IAppUrls, AppUrls>();
        services.AddSingleton<EpicZoom.Web.Sms.SmsOutcomeCarrier>();
        services.AddSingleton<EpicZoom.Web.Guests.GuestOutcomeCarrier>();

        services.AddIdentityCore<AdminUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AdminClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<FirstRunAdmin>();

        var signIn = ValidatedOptions.ReadNow(configuration.GetSection(PortalSignInOptions.SectionName), new PortalSignInOptionsValidator(sandbox.Enabled));
        services.AddSingleton<IValidateOptions<PortalSignInOptions>>(new PortalSignInOptionsValidator(sandbox.Enabled));
        services.AddOptions<PortalSignInOptions>().Bind(configuration.GetSection(PortalSignInOptions.SectionName)).ValidateOnStart();
        services.AddScoped<RoleSetup>();
        // A disabled account or a changed role reaches a local user's cookie within a minute, not Identity's default 30.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        var authentication = services.AddAuthentication(IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();
        if (signIn.Oidc.Enabled) OidcSignIn.Add(authentication, services, signIn.Oidc, sandbox.Enabled);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = AccessDenied.Path;
            o.Cookie.Name = "EpicZoom.Admin";
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: the return from the identity provider is a cross-site navigation, and the redirects that
            // follow it must carry the cookie. Lax still keeps it off cross-site POSTs; forms also carry antiforgery tokens.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // API callers get status codes, not a login page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = async ctx =>
            {
                await AccessDenied.AuditAsync(ctx.HttpContext);
                await RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
            };
            // SSO users have no local account (and so no security stamp) behind their cookie: the IdP vouched at sign-in.
            o.Events.OnValidatePrincipal = ctx => OidcSignIn.IsSso(ctx.Principal!) ? Task.CompletedTask : SecurityStampValidator.ValidatePrincipalAsync(ctx);
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AppRoles.All).Build());
        services.AddCascadingAuthenticationState();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddAntiforgery();

        // Enums travel as their names in the admin API ("Production", not 1).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddExceptionHandler<AppExceptionHandler>();
        services.AddEpicZoomHealthChecks(Observability.HealthEndpoints.ReadyTag);
        services.AddEpicZoomTelemetry(configuration);
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
