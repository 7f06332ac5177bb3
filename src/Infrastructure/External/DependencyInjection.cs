using System.Text.Json.Serialization;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Epic;
using EpicZoom.Infrastructure.External.Epic.Fhir;
using EpicZoom.Infrastructure.External.Http;
using EpicZoom.Infrastructure.External.Sms;
using EpicZoom.Infrastructure.External.Zoom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Refit;

namespace EpicZoom.Infrastructure.External;

public static class DependencyInjection
{
    /// <summary>
    /// Refit clients for Zoom, Epic (SMART, telehealth) and the SMS provider behind the Application ports, and the FHIR
    /// client. Base URLs and credentials are per tenant and come with each call (<see cref="ExternalCall"/>), so no client
    /// has a real base address.
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

        services.AddRefit<IZoomOAuthApi>(ZoomJsonContext.Default).AddExternalPipeline("Zoom", RetryPolicy.SafeRequests);
        services.AddRefit<IZoomRestApi>(ZoomJsonContext.Default)
            .AddExternalPipeline("Zoom", RetryPolicy.SafeRequests, authentication: sp => sp.GetRequiredService<ZoomAuthenticationHandler>());
        services.AddRefit<ISmartApi>(EpicJsonContext.Default).AddExternalPipeline("Epic", RetryPolicy.SafeRequests);

        // Never retried: the notification outbox retries status reports itself and records every attempt.
        services.AddRefit<ITelehealthApi>(EpicJsonContext.Default).AddExternalPipeline("Epic", RetryPolicy.Never);

        // Never retried either: a repeated POST could text a patient twice; the clinician resends instead.
        services.AddRefit<ITwilioApi>(TwilioJsonContext.Default).AddExternalPipeline("SMS", RetryPolicy.Never);

        services.AddHttpClient<IEpicFhirApi, EpicFhirClient>()
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddExternalPipeline("Epic", RetryPolicy.SafeRequests, authentication: sp => sp.GetRequiredService<FhirBearerHandler>());

        // Alerts: no retries (a repeat is a duplicate alert), no redirects, never to link-local or metadata addresses.
        services.AddHttpClient<IAlertWebhook, Alerts.AlertWebhookClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectCallback = OutboundAddressGuard.System.ConnectAsync })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new CallLoggingHandler("Alerts", sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallLoggingHandler).FullName! + ".Alerts"),
                sp.GetService<EpicZoom.Application.Common.Diagnostics.EpicZoomMetrics>()));

        services.TryAddTransient<IZoomApi, ZoomApiClient>();
        services.TryAddTransient<IEpicSmartClient, EpicSmartClient>();
        services.TryAddTransient<IEpicTelehealthApi, EpicTelehealthClient>();
        services.TryAddTransient<ISmsGateway, TwilioSmsClient>();
        services.TryAddSingleton<IEmailGateway, Email.MailKitEmailGateway>();
        services.TryAddSingleton<IConnectionFailureClassifier, ConnectionFailureClassifier>();
        return services;
    }

    /// <summary>A source-generated Refit client (the reflection builder is not available here) reading JSON with <paramref name="json"/>.</summary>
    private static IHttpClientBuilder AddRefit<T>(this IServiceCollection services, JsonSerializerContext json)
        where T : class =>
        services.AddRefitGeneratedClient<T>(json, _ => RefitSettings.ForJsonContext(json))

            // Refit builds against a base address; ExternalCallHandler replaces it with the tenant's URL before anything is sent.
            // The resilience pipeline's timeout bounds each call, on the injected clock.
            .ConfigureHttpClient(client => (client.BaseAddress, client.Timeout) = (ExternalCall.Placeholder, Timeout.InfiniteTimeSpan));

    /// <summary>
    /// The tenant URL outermost, then the time budget and retries (each attempt gets the current token), then
    /// authentication, one log line per attempt and the address guard.
    /// </summary>
    private static IHttpClientBuilder AddExternalPipeline(
        this IHttpClientBuilder builder, string system, RetryPolicy retry, Func<IServiceProvider, DelegatingHandler>? authentication = null)
    {
        builder
            // Credentials never follow a redirect, and an API that redirects is misconfigured: show its 3xx.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,

                // Tenant URLs are admin input: never connect to link-local or metadata addresses, whatever a name resolves to.
                ConnectCallback = OutboundAddressGuard.System.ConnectAsync,
            })

            // The factory's own logging writes full URLs, which carry e-mails and FHIR ids.
            .RemoveAllLoggers()
            .AddHttpMessageHandler(() => new ExternalCallHandler(system))
            .AddExternalResilience(system, retry);
        if (authentication is not null)
        {
            builder.AddHttpMessageHandler(authentication);
        }

        builder.AddHttpMessageHandler(sp =>
            new CallLoggingHandler(system, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallLoggingHandler).FullName! + "." + system),
                sp.GetService<EpicZoom.Application.Common.Diagnostics.EpicZoomMetrics>()));
        builder.AddHttpMessageHandler(() => new OutboundAddressGuardHandler());
        return builder;
    }
}
