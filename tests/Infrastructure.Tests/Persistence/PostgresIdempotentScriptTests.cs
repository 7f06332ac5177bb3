using EpicZoom.TestSupport.Persistence;

namespace EpicZoom.Infrastructure.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresIdempotentScriptTests(PostgresFixture postgres) : IdempotentScriptSuite(postgres.Databases)
{
    /// <summary>The whole file as one command, as <c>psql -v ON_ERROR_STOP=1 -f</c> runs it (no format placeholders).</summary>
    protected override async Task RunScriptAsync(string connectionString, string script)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = script;
        await command.ExecuteNonQueryAsync();
    }
}
