using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Email;
using EpicZoom.Sandbox.Epic;
using EpicZoom.Sandbox.Epic.Fhir;
using EpicZoom.Sandbox.Epic.LaunchSimulator;
using EpicZoom.Sandbox.Epic.Smart;
using EpicZoom.Sandbox.Epic.Telehealth;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Oidc;
using EpicZoom.Sandbox.Sms;
using EpicZoom.Sandbox.Sms.Messages;
using EpicZoom.Sandbox.Sms.Replies;
using EpicZoom.Sandbox.Sms.Webhooks;
using EpicZoom.Sandbox.Zoom;
using EpicZoom.Sandbox.Zoom.Meetings;
using EpicZoom.Sandbox.Zoom.OAuth;
using EpicZoom.Sandbox.Zoom.Rooms;
using EpicZoom.Sandbox.Zoom.Users;
using EpicZoom.Sandbox.Zoom.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>Registers the Epic, Zoom and SMS simulators and the OpenID Connect identity provider; configuration section "Sandbox" binds to <see cref="SandboxOptions"/>.</summary>
    public static IServiceCollection AddEpicZoomSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName)).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ClientAssertionValidator.JwksHttpClient, client => client.Timeout = TimeSpan.FromSeconds(10));

        // The sender applies Zoom's 3-second limit itself, with the injected clock.
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        // Twilio gives a webhook 15 seconds and does not retry.
        services.AddHttpClient(SmsWebhookSender.HttpClientName, client => client.Timeout = SmsWebhookSender.Timeout);
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<Alerts.AlertLog>();

        AddState<EpicClientRegistry>(services);
        AddState<LaunchStore>(services);
        AddState<FhirStore>(services);
        AddState<SmartGrantStore>(services);
        AddState<TelehealthReportLog>(services);
        services.AddSingleton<EpicSigningKey>();
        services.AddSingleton<LaunchScenario>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<TelehealthAuthenticator>();

        AddState<ZoomAccountRegistry>(services);
        AddState<ZoomTokenStore>(services);
        AddState<ZoomUserStore>(services);
        AddState<ZakStore>(services);
        AddState<MeetingStore>(services);
        AddState<RoomStore>(services);
        AddState<WebhookQueue>(services);
        AddState<WebhookDeliveryLog>(services);
        AddState<WebhookEndpointValidator>(services);
        services.AddSingleton<MeetingPresence>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDeliveryService>();

        AddState<SmsAccountRegistry>(services);
        AddState<SmsMessageStore>(services);
        AddState<OptOutStore>(services);
        AddState<SmsReplyLog>(services);
        AddState<SmsCallbackLog>(services);
        AddState<SmsDeliverySimulator>(services);
        services.AddSingleton<SmsWebhookSender>();
        services.AddSingleton<SmsReplies>();

        AddState<EmailStore>(services);
        services.AddSingleton<SandboxSmtpServer>();
        services.AddSingleton<ISandboxSmtp>(provider => provider.GetRequiredService<SandboxSmtpServer>());
        services.AddHostedService(provider => provider.GetRequiredService<SandboxSmtpServer>());
        AddState<OidcCodeStore>(services);
        services.AddSingleton<OidcSigningKey>();
        return services;
    }

    private static void AddState<TState>(IServiceCollection services)
        where TState : class, ISandboxState
    {
        services.AddSingleton<TState>();
        services.AddSingleton<ISandboxState>(provider => provider.GetRequiredService<TState>());
    }
}
