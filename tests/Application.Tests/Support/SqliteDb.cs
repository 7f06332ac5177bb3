using EpicZoom.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tests.Support;

/// <summary>
/// A real SQLite database in a file of its own (in memory where /dev/shm exists). Each context opens its own
/// connection, as in the app, so handlers that work concurrently (a long-poll and a commit) do not share one.
/// </summary>
internal sealed class SqliteDb : IDisposable
{
    private readonly string file = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"ez-app-tests-{Guid.NewGuid():N}.db");

    public SqliteDb()
    {
        ConnectionString = $"Data Source={file};Pooling=False";
        using (var db = NewContext()) db.Database.EnsureCreated();
        Connection = new SqliteConnection(ConnectionString);
        Connection.Open();
    }

    public string ConnectionString { get; }

    /// <summary>An open connection of the test's own, for reading rows as stored.</summary>
    public SqliteConnection Connection { get; }

    public DbContextOptions<SqliteAppDbContext> Options => new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(ConnectionString).Options;

    public SqliteAppDbContext NewContext() => new(Options);

    /// <summary>Every value of every row of a table as text, to prove what is (not) stored.</summary>
    public IReadOnlyList<string> RawValues(string table)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i)) values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
        }
        return values;
    }

    public void Dispose()
    {
        Connection.Dispose();
        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" }) File.Delete(path);
    }
}
