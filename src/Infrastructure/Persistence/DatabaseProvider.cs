namespace EpicZoom.Infrastructure.Persistence;

/// <summary>Database:Provider (see <see cref="Configuration.DatabaseOptions"/>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}
