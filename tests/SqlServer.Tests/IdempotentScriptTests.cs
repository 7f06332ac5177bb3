using EpicZoom.TestSupport.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.SqlServer.Tests;

/// <summary>
/// A DBA may deploy with the idempotent script (<c>dotnet ef migrations script --idempotent</c>) instead of letting the
/// app migrate: run twice on an empty database, it builds exactly the model's schema and records every migration.
/// </summary>
[Collection(SqlServerCollection.Name)]
public sealed class IdempotentScriptTests(SqlServerFixture sqlServer)
{
    [Fact]
    public async Task TheIdempotentScript_RunTwice_BuildsTheModelsSchema()
    {
        var databases = sqlServer.Databases;
        await using var scripted = databases.Open(await databases.CreateDatabaseAsync("scripted"));
        await using var created = databases.Open(await databases.CreateDatabaseAsync("created"));
        var script = scripted.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        await RunAsync(scripted, script);
        await RunAsync(scripted, script);
        await created.Database.EnsureCreatedAsync();

        Assert.Equal(await SchemaSnapshot.ReadAsync(created), await SchemaSnapshot.ReadAsync(scripted));
        Assert.Equal(scripted.Database.GetMigrations(), await scripted.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>The script is sqlcmd's: batches separated by GO lines.</summary>
    private static async Task RunAsync(DbContext db, string script)
    {
        await using var connection = new SqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        var batches = script.Split('\n').Aggregate(new List<string> { "" }, (list, line) =>
        {
            if (line.Trim().Equals("GO", StringComparison.OrdinalIgnoreCase)) list.Add("");
            else list[^1] += line + "\n";
            return list;
        });
        foreach (var batch in batches.Where(b => !string.IsNullOrWhiteSpace(b)))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = batch;
            await command.ExecuteNonQueryAsync();
        }
    }
}
