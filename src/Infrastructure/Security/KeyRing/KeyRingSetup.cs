using EpicZoom.Infrastructure.Configuration;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Security.KeyRing;

/// <summary>
/// ASP.NET Core Data Protection for EpicZoom. The key ring is kept in the database with PostgreSQL and SQL Server, so
/// several instances on one database share it; with SQLite (one instance by nature) it stays in the keys folder beside
/// the database file. Either way every key is encrypted at rest with the key-encryption certificate
/// (<see cref="KeyEncryptionKeys"/>), so neither a database copy nor a copy of the keys folder alone opens a secret.
/// </summary>
public static class KeyRingSetup
{
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, AppPaths paths)
    {
        var options = ValidatedOptions.ReadNow(configuration.GetSection(KeyRingOptions.Section), new KeyRingOptionsValidator());
        var keys = new KeyEncryptionKeys(options, paths, TimeProvider.System);
        services.AddSingleton(keys);
        services.AddDataProtection()
            .SetApplicationName("EpicZoom")
            .UnprotectKeysWithAnyCertificate([.. keys.ForDecryption]);
        // The store is chosen on first use of the key ring, when the database provider is known.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, ConfigureKeyStorage>();
        return services;
    }

    private sealed class ConfigureKeyStorage(
        IServiceProvider services, KeyEncryptionKeys keys, AppPaths paths, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options)
        {
            var folder = new DirectoryInfo(paths.DataProtectionKeys);
            var inDatabase = !UsesSqlite();
            IXmlRepository store = inDatabase
                ? new EntityFrameworkCoreXmlRepository<AppDbContext>(services, loggerFactory)
                : new FileSystemXmlRepository(folder, loggerFactory);
            options.XmlEncryptor = new CertificateXmlEncryptor(keys.Current, loggerFactory);
            options.XmlRepository = new KeyRingRepository(store, folder, options.XmlEncryptor, inDatabase ? services : null,
                loggerFactory.CreateLogger<KeyRingRepository>());
            var logger = loggerFactory.CreateLogger(typeof(KeyRingSetup));
            if (keys.GeneratedNow) logger.LogInformation("Generated the key ring's key-encryption certificate in the data folder; back it up with the key ring");
            logger.LogInformation("Data Protection key ring: {Store}, encrypted with {Certificate}", inDatabase ? "in the database" : "in the keys folder", keys.Source);
        }

        private bool UsesSqlite()
        {
            using var scope = services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.IsSqlite();
        }
    }
}
