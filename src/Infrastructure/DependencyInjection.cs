using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Notifications.Common;
using EpicZoom.Infrastructure.Configuration;
using EpicZoom.Infrastructure.External;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.Infrastructure.Persistence.Sqlite;
using EpicZoom.Infrastructure.Security;
using EpicZoom.Infrastructure.Security.KeyRing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var appSection = configuration.GetSection(AppOptions.SectionName);
        services.AddValidatedOptions<AppOptions, AppOptionsValidator>(appSection);
        // The data folder is needed now, before the container exists: read once, with the same validator.
        var app = ValidatedOptions.ReadNow(appSection, new AppOptionsValidator());
        var paths = new AppPaths(Path.Combine(contentRoot, app.EffectiveDataPath));
        Directory.CreateDirectory(paths.DataPath);
        services.AddSingleton(paths);
        services.TryAddSingleton(TimeProvider.System);

        AddDatabase(services, configuration, paths);

        services.AddKeyRing(configuration, paths);
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<IWebhookBodyCipher, WebhookBodyCipher>();
        services.AddSingleton<ISigningKeyService, RsaSigningKeyService>();
        services.AddSingleton<IOrgIdGenerator, RandomOrgIdGenerator>();
        services.AddSingleton<IRandomTokens, RandomTokens>();
        services.AddSingleton<IVisitPasses, DataProtectionVisitPasses>();
        services.AddSingleton<ILinkSigner, HmacLinkSigner>();
        services.AddSingleton<IAccessAudit, Identity.AccessAudit>();
        services.AddScoped<ILocalAccounts, Identity.LocalAccounts>();
        services.AddExternalSystems();
        services.AddHostedService<Workers.PatientAccountCleanupWorker>();
        services.AddSingleton<IWorkSignal, Workers.WorkSignal>();
        services.AddHostedService<Workers.WebhookProcessingWorker>();
        services.AddHostedService<Workers.NotificationDispatchWorker>();
        services.AddMetrics();
        services.AddValidatedOptions<AlertOptions, AlertOptionsValidator>(configuration.GetSection(AlertOptions.SectionName));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlertOptions>>().Value;
            return new EpicZoom.Application.Alerts.Common.AlertThresholds(options.WebhookUrl, options.InboxLagSeconds, options.EpicFailuresInARow, options.QuietPeriod);
        });
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName));
        services.AddHostedService<Workers.MonitoringWorker>();
        services.AddValidatedOptions<NotificationOptions, NotificationOptionsValidator>(configuration.GetSection(NotificationOptions.SectionName));
        services.AddValidatedOptions<EmailOptions, EmailOptionsValidator>(configuration.GetSection(EmailOptions.SectionName));
        services.AddValidatedOptions<WaitingRoomOptions, WaitingRoomOptionsValidator>(configuration.GetSection(WaitingRoomOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WaitingRoomOptions>>().Value.ZoomChecksPerSecond is { } rate
            ? new EpicZoom.Application.Visits.GetWaitingStatus.WaitingRoomSettings(rate)
            : new EpicZoom.Application.Visits.GetWaitingStatus.WaitingRoomSettings());
        services.TryAddSingleton<External.Email.ConfiguredEmailServer>();
        services.TryAddSingleton<IEmailServerSettings>(sp => sp.GetRequiredService<External.Email.ConfiguredEmailServer>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
            return new NotificationSettings(options.RetryWindow, options.LeaveSettle, options.DispatchLease, options.EpicConcurrencyPerTenant);
        });
        return services;
    }

    /// <remarks>
    /// Every provider runs a query with related collections as one query, said explicitly: the only such query is a
    /// chain (visit → people → their deciding sessions, in webhook processing), which one JOIN reads without the
    /// cartesian growth split queries guard against, and unsaid EF Core logs a warning for it in production.
    /// </remarks>
    private static void AddDatabase(IServiceCollection services, IConfiguration configuration, AppPaths paths)
    {
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<DatabaseOptions>().Configure(o => DatabaseOptions.Bind(configuration, o)).ValidateOnStart();
        // The provider decides which DbContext is registered: read once now, with the same validator.
        var options = ValidatedOptions.ReadNow(configuration, new DatabaseOptionsValidator(), bindFrom: DatabaseOptions.Bind);
        var connectionString = options.ConnectionString;

        // The options are built once (every interceptor is a singleton), not for every scope: building them took a
        // twentieth of the CPU of each webhook (docs/benchmarks.md). The contexts themselves stay one per scope.
        switch (options.ProviderKind)
        {
            case DatabaseProvider.Sqlite:
                connectionString = string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={paths.SqliteFile}" : connectionString;
                services.AddSingleton(new SqliteConnectionPolicy(checkpointsInBackground: true));
                services.AddHostedService<SqliteCheckpointer>();
                services.AddSingleton<SqliteWriteGate>();
                services.AddDbContext<SqliteAppDbContext>((sp, o) => o.UseSqlite(connectionString, db => db.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                    .AddInterceptors(sp.GetRequiredService<SqliteConnectionPolicy>(), sp.GetRequiredService<SqliteWriteGate>(),
                        sp.GetRequiredService<Webhooks.TenantChangeInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresAppDbContext>((sp, o) => o.UseNpgsql(connectionString, db => db.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(sp.GetRequiredService<Webhooks.TenantChangeInterceptor>()),
                    optionsLifetime: ServiceLifetime.Singleton);
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
                services.AddScoped<EpicZoom.Application.Notifications.Common.INotificationClaims, Notifications.PostgresNotificationClaims>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<SqlServerAppDbContext>((sp, o) => o.UseSqlServer(connectionString, db => db.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(sp.GetRequiredService<Webhooks.TenantChangeInterceptor>()),
                    optionsLifetime: ServiceLifetime.Singleton);
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqlServerAppDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Database:Provider {options.ProviderKind} has no DbContext.");
        }
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        // Waiting pages are woken by the commit that marks a visit's host joined or ends it.
        services.TryAddSingleton<EpicZoom.Application.Visits.Common.VisitChangeNotifier>();
        services.AddSingleton<VisitChangeInterceptor>();
        services.ConfigureDbContext<SqliteAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<VisitChangeInterceptor>()));
        services.ConfigureDbContext<PostgresAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<VisitChangeInterceptor>()));
        services.ConfigureDbContext<SqlServerAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<VisitChangeInterceptor>()));
        services.AddScoped<DatabaseMigrator>();
        // Also registered by AddApplication; the interceptor and the webhook handler must share the one instance.
        services.TryAddSingleton<EpicZoom.Application.Webhooks.Common.WebhookSecrets>();
        services.AddSingleton<Webhooks.TenantChangeInterceptor>();
        services.AddSingleton(Webhooks.InboxWriters.For(options.ProviderKind));
        services.AddSingleton<Webhooks.WebhookInbox>();
        services.AddSingleton<IWebhookInbox>(sp => sp.GetRequiredService<Webhooks.WebhookInbox>());
    }
}
