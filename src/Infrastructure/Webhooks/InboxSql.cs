using System.Text;
using EpicZoom.Infrastructure.Persistence;

namespace EpicZoom.Infrastructure.Webhooks;

/// <summary>
/// The inbox's one statement per provider: insert many rows, let the unique index on (tenant, hash) skip the ones
/// already stored, and return the ids that went in. No read first, so two instances racing on one delivery are decided
/// by the index. Parameters are named <c>@p0, @p1, …</c> row by row in column order. Rows must be distinct on
/// (tenant, hash) within one statement (the inbox dedupes a batch first: SQL Server would otherwise fail the batch).
/// </summary>
internal static class InboxSql
{
    /// <summary>SQL Server accepts 2,100 parameters per command (SQLite 32,766, PostgreSQL 65,535): one bound for all.</summary>
    public const int MaxParameters = 2000;

    /// <summary>
    /// Rows per statement. SQLite: one, executed once per row on the same prepared statement inside the transaction —
    /// SQLite finds a named parameter by a linear search of the statement's names, so binding a multi-row statement
    /// costs the square of its parameters (a batch of 256 rows: millions of comparisons), and each batch size would be
    /// a new statement to compile; a step of an in-process database costs microseconds, not a round trip. Server
    /// databases: as many rows as the parameter bound allows, one round trip.
    /// </summary>
    public static int RowsPerStatement(DatabaseProvider provider, int columns) =>
        provider == DatabaseProvider.Sqlite ? 1 : Math.Max(1, MaxParameters / columns);

    public static string Insert(DatabaseProvider provider, string table, IReadOnlyList<string> columns, int rows, string idColumn, string tenantColumn, string hashColumn)
    {
        var list = string.Join(", ", columns);
        var values = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            if (row > 0) values.Append(", ");
            values.Append('(');
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) values.Append(", ");
                values.Append("@p").Append(row * columns.Count + c);
            }
            values.Append(')');
        }

        return provider switch
        {
            // SQLite ≥ 3.35 and PostgreSQL: the conflict target is the unique index; RETURNING lists only inserted rows.
            DatabaseProvider.Sqlite or DatabaseProvider.Postgres =>
                $"INSERT INTO {table} ({list}) VALUES {values} ON CONFLICT ({tenantColumn}, {hashColumn}) DO NOTHING RETURNING {idColumn} AS \"Value\"",
            // No ON CONFLICT: NOT EXISTS under UPDLOCK+HOLDLOCK takes a key-range lock on the (tenant, hash) probe, so a
            // concurrent insert of the same key waits for this transaction instead of both passing the check.
            DatabaseProvider.SqlServer =>
                $"INSERT INTO {table} ({list}) OUTPUT INSERTED.{idColumn} AS [Value] SELECT {list} FROM (VALUES {values}) AS v ({list}) " +
                $"WHERE NOT EXISTS (SELECT 1 FROM {table} AS w WITH (UPDLOCK, HOLDLOCK) WHERE w.{tenantColumn} = v.{tenantColumn} AND w.{hashColumn} = v.{hashColumn})",
            _ => throw new NotSupportedException($"No inbox statement for {provider}."),
        };
    }
}
