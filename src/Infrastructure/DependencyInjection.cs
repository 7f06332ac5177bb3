using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Notifications.Common;
using EpicZoom.Infrastructure.External;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.Infrastructure.Security;
using EpicZoom.Infrastructure.Security.KeyRing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EpicZoom.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var dataPath = configuration["App:DataPath"];
        var paths = new AppPaths(Path.Combine(contentRoot, string.IsNullOrWhiteSpace(dataPath) ? "App_Data" : dataPath));
        Directory.CreateDirectory(paths.DataPath);
        services.AddSingleton(paths);
        services.TryAddSingleton(TimeProvider.System);

        AddDatabase(services, configuration, paths);

        services.AddKeyRing(configuration, paths);
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<ISigningKeyService, RsaSigningKeyService>();
        services.AddSingleton<IOrgIdGenerator, RandomOrgIdGenerator>();
        services.AddSingleton<IRandomTokens, RandomTokens>();
        services.AddSingleton<IVisitPasses, DataProtectionVisitPasses>();
        services.AddSingleton<ILinkSigner, HmacLinkSigner>();
        services.AddExternalSystems();
        services.AddHostedService<Workers.PatientAccountCleanupWorker>();
        services.AddSingleton<IWorkSignal, Workers.WorkSignal>();
        services.AddHostedService<Workers.WebhookProcessingWorker>();
        services.AddHostedService<Workers.NotificationDispatchWorker>();
        services.AddSingleton(NotificationSettingsFrom(configuration));
        return services;
    }

    /// <summary>Notifications:RetryWindow (a TimeSpan such as "00:05:00"), honoured only when set; checked at start-up.</summary>
    private static NotificationSettings NotificationSettingsFrom(IConfiguration configuration)
    {
        var value = configuration.GetSection("Notifications").Get<NotificationConfiguration>()?.RetryWindow;
        try
        {
            return new NotificationSettings(value);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidOperationException(ex.Message.Split(" (Parameter")[0], ex);
        }
    }

    private sealed class NotificationConfiguration
    {
        public TimeSpan? RetryWindow { get; set; }
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration, AppPaths paths)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Default");

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={paths.SqliteFile}" : connectionString;
                services.AddDbContext<SqliteAppDbContext>(o => o.UseSqlite(connectionString));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
                services.AddDbContext<PostgresAppDbContext>(o => o.UseNpgsql(connectionString));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Default is empty.");
                services.AddDbContext<SqlServerAppDbContext>(o => o.UseSqlServer(connectionString));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqlServerAppDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite, Postgres or SqlServer.");
        }
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<DatabaseMigrator>();
    }
}
