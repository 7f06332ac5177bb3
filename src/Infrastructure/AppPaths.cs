namespace EpicZoom.Infrastructure;

/// <summary>The data folder (App:DataPath, default App_Data under the content root): SQLite file, Data Protection keys and their key-encryption certificate, first-run files.</summary>
public sealed class AppPaths(string dataPath)
{
    public string DataPath { get; } = Path.GetFullPath(dataPath);
    public string SqliteFile => Path.Combine(DataPath, "epiczoom.db");
    public string DataProtectionKeys => Path.Combine(DataPath, "keys");

    /// <summary>The key ring's key-encryption certificate EpicZoom generates when none is configured (mode 600).</summary>
    public string GeneratedKeyEncryptionCertificate => Path.Combine(DataPath, "key-encryption.pfx");
    public string InitialAdminPasswordFile => Path.Combine(DataPath, "initial-admin-password.txt");
}
