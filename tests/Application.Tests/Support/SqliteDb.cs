using EpicZoom.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tests.Support;

/// <summary>A real SQLite database that lives as long as its open in-memory connection.</summary>
internal sealed class SqliteDb : IDisposable
{
    public SqliteDb()
    {
        Connection = new SqliteConnection("DataSource=:memory:");
        Connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public SqliteConnection Connection { get; }

    public DbContextOptions<SqliteAppDbContext> Options => new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(Connection).Options;

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

    public void Dispose() => Connection.Dispose();
}
