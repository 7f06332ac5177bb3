using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Epic;
using EpicZoom.Infrastructure.External.Epic.Fhir;
using EpicZoom.Infrastructure.External.Http;
using EpicZoom.Infrastructure.External.Zoom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.External;

public static class DependencyInjection
{
    /// <summary>
    /// Typed clients for Zoom (<see cref="IZoomApi"/>) and Epic (<see cref="IEpicSmartClient"/>, <see cref="IEpicFhirApi"/>).
    /// Base URLs and credentials are per tenant and come with each call, so no client has a base address.
    /// </summary>
    public static IServiceCollection AddExternalSystems(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.TryAddSingleton<ZoomAccountTokens>();
        services.TryAddSingleton<AccessTokenCache<EpicBackendTokenKey>>();
        services.TryAddTransient<ZoomAuthenticationHandler>();
        services.TryAddTransient<FhirBearerHandler>();
        services.AddHostedService<FhirJsonWarmup>();

        services.AddHttpClient(ZoomAccountTokens.HttpClientName)
            .AddExternalPipeline("Zoom");
        services.AddHttpClient<IZoomApi, ZoomApiClient>()
            .AddExternalPipeline("Zoom", authentication: sp => sp.GetRequiredService<ZoomAuthenticationHandler>());
        services.AddHttpClient<IEpicSmartClient, EpicSmartClient>()
            .AddExternalPipeline("Epic");
        services.AddHttpClient<IEpicFhirApi, EpicFhirClient>()
            .AddExternalPipeline("Epic", authentication: sp => sp.GetRequiredService<FhirBearerHandler>());

        // No retry handler: the notification outbox retries status reports itself and records every attempt.
        services.AddHttpClient<IEpicTelehealthApi, EpicTelehealthClient>()
            .AddExternalPipeline("Epic", retry: false);

        // No retry either: a repeated POST could text a patient twice; the clinician resends instead.
        services.AddHttpClient<ISmsGateway, Sms.TwilioSmsClient>()
            .AddExternalPipeline("SMS", retry: false);
        return services;
    }

    /// <summary>Retries outermost (each attempt gets the current token), then authentication, then one log line per attempt.</summary>
    private static IHttpClientBuilder AddExternalPipeline(
        this IHttpClientBuilder builder, string system, Func<IServiceProvider, DelegatingHandler>? authentication = null, bool retry = true)
    {
        builder
            .ConfigureHttpClient(client => client.Timeout = ExternalRequest.Timeout)

            // Credentials never follow a redirect, and an API that redirects is misconfigured: show its 3xx.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,

                // Tenant URLs are admin input: never connect to link-local or metadata addresses, whatever a name resolves to.
                ConnectCallback = OutboundAddressGuard.System.ConnectAsync,
            })

            // The factory's own logging writes full URLs, which carry e-mails and FHIR ids.
            .RemoveAllLoggers();
        if (retry)
        {
            builder.AddHttpMessageHandler(sp => new RetryHandler(RetryHandler.CreatePipeline(
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RetryHandler).FullName! + "." + system))));
        }
        if (authentication is not null)
        {
            builder.AddHttpMessageHandler(authentication);
        }

        builder.AddHttpMessageHandler(sp =>
            new CallLoggingHandler(system, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallLoggingHandler).FullName! + "." + system)));
        builder.AddHttpMessageHandler(() => new OutboundAddressGuardHandler());
        return builder;
    }
}
