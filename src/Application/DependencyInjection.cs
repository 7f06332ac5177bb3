using System.Reflection;
using EpicZoom.Application.Common.Behaviours;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EpicZoom.Application;

public static class DependencyInjection
{
    /// <summary>
    /// MediatR 5.1 (the newest that restores here, see shared/packages.md) has no DI package for current
    /// hosts, so handlers, validators and the pipeline are registered here. Behaviours run in registration
    /// order: logging → unhandled exception → authorization → validation.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = Assembly.GetExecutingAssembly();

        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        // Default; the host replaces it (Infrastructure: Notifications:RetryWindow).
        services.TryAddSingleton(new Notifications.Common.NotificationSettings());

        // Portable lease claims; Infrastructure replaces them on PostgreSQL (one statement, SKIP LOCKED).
        services.TryAddScoped<Notifications.Common.INotificationClaims, Notifications.Common.LeaseNotificationClaims>();
        services.AddSingleton<Notifications.Common.EpicOutages>();
        services.AddSingleton<Notifications.Common.EpicCallLimiter>();
        services.AddScoped<Launch.Common.TenantConnections>();
        services.AddScoped<Common.Email.TenantEmailServers>();
        services.AddScoped<Launch.Common.LaunchAudit>();
        services.AddScoped<Launch.CompleteLaunch.LaunchRouter>();
        services.AddScoped<Launch.Common.VisitPlacement>();
        services.AddSingleton<Visits.Common.MeetingSignals>();
        services.TryAddSingleton(new Visits.Common.VisitMeetingSettings());
        services.AddScoped<Visits.Common.VisitPassReader>();
        services.AddScoped<ZoomAccounts.Common.ZoomIdentities>();
        services.AddScoped<Sms.Common.TextPatientLinks>();
        services.AddScoped<Sms.Common.SmsSendRules>();
        services.AddScoped<Guests.Common.GuestInviteLinks>();
        services.AddScoped<Guests.Common.GuestInvitations>();
        services.AddScoped<Guests.OpenGuestInvite.GuestLinkOpener>();
        services.TryAddSingleton<Visits.Common.VisitChangeNotifier>();
        services.TryAddSingleton(new Visits.GetWaitingStatus.WaitingRoomSettings());
        services.AddSingleton<Visits.GetWaitingStatus.ZoomCheckBudget>();
        services.AddSingleton<Visits.GetWaitingStatus.MeetingStatusChecks>();
        services.AddSingleton<Visits.GetWaitingStatus.PersonalJoinLinks>();
        services.TryAddSingleton<Webhooks.Common.WebhookSecrets>();

        // Metrics, the queue figures their gauges read, reachability and alerts (docs/observability.md).
        services.TryAddSingleton<Common.Diagnostics.OperationalSnapshot>();
        services.TryAddSingleton<Common.Diagnostics.EpicZoomMetrics>();
        services.TryAddSingleton<Monitoring.Common.TenantReachability>();
        services.TryAddSingleton(new Alerts.Common.AlertThresholds());
        services.TryAddSingleton<Alerts.Common.Alerts>();

        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));

        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>)) services.AddTransient(contract, type);
                else if (definition == typeof(IValidator<>)) services.AddScoped(contract, type);
            }
        }
        return services;
    }
}
