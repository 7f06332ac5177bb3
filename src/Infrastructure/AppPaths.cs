namespace EpicZoom.Infrastructure;

/// <summary>The data folder (App:DataPath, default App_Data under the content root): SQLite file, Data Protection keys, first-run files.</summary>
public sealed class AppPaths(string dataPath)
{
    public string DataPath { get; } = Path.GetFullPath(dataPath);
    public string SqliteFile => Path.Combine(DataPath, "epiczoom.db");
    public string DataProtectionKeys => Path.Combine(DataPath, "keys");
    public string InitialAdminPasswordFile => Path.Combine(DataPath, "initial-admin-password.txt");
}
