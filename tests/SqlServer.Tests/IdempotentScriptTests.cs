using EpicZoom.TestSupport.Persistence;
using Microsoft.Data.SqlClient;

namespace EpicZoom.SqlServer.Tests;

[Collection(SqlServerCollection.Name)]
public sealed class IdempotentScriptTests(SqlServerFixture sqlServer) : IdempotentScriptSuite(sqlServer.Databases)
{
    /// <summary>The script is sqlcmd's: batches separated by GO lines.</summary>
    protected override async Task RunScriptAsync(string connectionString, string script)
    {
        await using var connection = new SqlConnection(connectionString);
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
