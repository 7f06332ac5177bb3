using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace EpicZoom.TestSupport.Persistence;

/// <summary>
/// docs/deployment.md lets a DBA upgrade with the idempotent script (<c>dotnet ef migrations script --idempotent</c>,
/// run with the provider's own tool) instead of letting the app migrate: run twice on an empty database, it builds
/// exactly the model's schema and records every migration. (A hand-written PostgreSQL statement without its ';' broke
/// it once.) Each provider says how its tool runs a script.
/// </summary>
public abstract class IdempotentScriptSuite(IDatabaseServer server)
{
    [Fact]
    public async Task TheIdempotentScript_RunTwice_BuildsTheModelsSchema()
    {
        await using var scripted = server.Open(await server.CreateDatabaseAsync("scripted"));
        await using var created = server.Open(await server.CreateDatabaseAsync("created"));
        var script = scripted.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        await RunScriptAsync(scripted.Database.GetConnectionString()!, script);
        await RunScriptAsync(scripted.Database.GetConnectionString()!, script);
        await created.Database.EnsureCreatedAsync();

        Assert.Equal(await SchemaSnapshot.ReadAsync(created), await SchemaSnapshot.ReadAsync(scripted));
        Assert.Equal(scripted.Database.GetMigrations(), await scripted.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>Runs the whole script on the database, as the provider's command-line tool would.</summary>
    protected abstract Task RunScriptAsync(string connectionString, string script);
}
