using System.Xml.Linq;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.Security.KeyRing;

/// <summary>
/// Where the key ring lives (the database, or the keys folder with SQLite), upgraded before its first read: keys an
/// older EpicZoom left in plain XML in the keys folder are encrypted in place, and with a database the keys folder is
/// copied into it, so secrets written under the file key ring still open once several instances share the database.
/// The keys folder is left where it is (encrypted) until the administrator removes it.
/// </summary>
internal sealed class KeyRingRepository(
    IXmlRepository store, DirectoryInfo keysFolder, IXmlEncryptor encryptor, IServiceProvider? database, ILogger<KeyRingRepository> logger)
    : IXmlRepository
{
    private readonly Lock gate = new();
    private volatile bool upgraded;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureUpgraded();
        return store.GetAllElements();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureUpgraded();
        store.StoreElement(element, friendlyName);
    }

    /// <summary>Retried on the next read if it fails (e.g. before the database is migrated); done once when it succeeds.</summary>
    private void EnsureUpgraded()
    {
        if (upgraded) return;
        lock (gate)
        {
            if (upgraded) return;
            var encrypted = KeyFolder.EncryptPlainSecrets(keysFolder, encryptor);
            if (encrypted > 0) logger.LogInformation("Encrypted {Count} key ring file(s) an older EpicZoom stored unencrypted", encrypted);
            if (database is not null)
            {
                var imported = ImportKeysFolder(database);
                if (imported > 0) logger.LogInformation("Copied {Count} key ring element(s) from the keys folder into the database", imported);
            }
            upgraded = true;
        }
    }

    private int ImportKeysFolder(IServiceProvider services)
    {
        var elements = KeyFolder.Read(keysFolder).ToList();
        if (elements.Count == 0) return 0;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var known = db.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName).ToHashSet(StringComparer.Ordinal);
        var imported = 0;
        foreach (var (name, element) in elements.Where(e => !known.Contains(e.FriendlyName)))
        {
            // Never a plain secret into the database, even if the folder changed since it was encrypted.
            var xml = KeyFolder.HoldsPlainSecrets(element) ? KeyFolder.Encrypt(element, encryptor) : element;
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = xml.ToString(SaveOptions.DisableFormatting) });
            try
            {
                db.SaveChanges();
                imported++;
            }
            catch (DbUpdateException) when (AlreadyImported(db, name))
            {
                // Another instance imported it a moment ago (FriendlyName is unique).
            }
            db.ChangeTracker.Clear();
        }
        return imported;
    }

    private static bool AlreadyImported(AppDbContext db, string name)
    {
        db.ChangeTracker.Clear();
        return db.DataProtectionKeys.AsNoTracking().Any(k => k.FriendlyName == name);
    }
}
