using EpicZoom.TestSupport.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Tests.Persistence;

/// <summary>
/// docs/deployment.md lets a DBA upgrade PostgreSQL with the idempotent script (<c>dotnet ef migrations script
/// --idempotent</c>, run with psql) instead of letting the app migrate: run twice on an empty database, it builds exactly
/// the model's schema and records every migration. (A hand-written migration statement without its ';' broke it once.)
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIdempotentScriptTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TheIdempotentScript_RunTwice_BuildsTheModelsSchema()
    {
        var databases = postgres.Databases;
        await using var scripted = databases.Open(await databases.CreateDatabaseAsync("scripted"));
        await using var created = databases.Open(await databases.CreateDatabaseAsync("created"));
        var script = scripted.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        await RunAsync(scripted, script);
        await RunAsync(scripted, script);
        await created.Database.EnsureCreatedAsync();

        Assert.Equal(await SchemaSnapshot.ReadAsync(created), await SchemaSnapshot.ReadAsync(scripted));
        Assert.Equal(scripted.Database.GetMigrations(), await scripted.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>The whole file as one command, as <c>psql -v ON_ERROR_STOP=1 -f</c> runs it (no format placeholders).</summary>
    private static async Task RunAsync(DbContext db, string script)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = script;
        await command.ExecuteNonQueryAsync();
    }
}
