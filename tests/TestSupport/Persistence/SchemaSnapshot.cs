using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.TestSupport.Persistence;

/// <summary>
/// The physical schema of a database as sorted, comparable lines: tables, columns (type, nullability, default),
/// indexes (uniqueness, columns, filter) and foreign keys, for SQLite, PostgreSQL and SQL Server. EF's own bookkeeping
/// tables (history, lock) are left out.
/// </summary>
public static class SchemaSnapshot
{
    public static async Task<List<string>> ReadAsync(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = db.Database.IsSqlite() ? await SqliteAsync(connection)
                : db.Database.IsSqlServer() ? await SqlServerAsync(connection)
                : await PostgresAsync(connection);
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND substr(name, 1, 14) <> '__EFMigrations'");
        foreach (var table in tables.Select(r => r[0]))
        {
            lines.Add($"table {table}");
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
                lines.Add($"column {table}.{c[0]} {c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            foreach (var i in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                var name = i[2] == "c" ? i[0] : $"({i[2]})"; // auto-indexes get generated names
                lines.Add($"index {table} {name} unique={i[1]} ({string.Join(",", columns.Select(r => r[0]))})");
            }
            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
                lines.Add($"fk {table}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
        }
        return lines;
    }

    private static async Task<List<string>> PostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, coalesce(column_default, ''), coalesce(identity_generation, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            """))
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} default={c[5]} identity={c[6]}");
        foreach (var i in await QueryAsync(connection,
                     "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'"))
            lines.Add($"index {i[0]}");
        foreach (var k in await QueryAsync(connection, """
            SELECT con.conname, rel.relname, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
            WHERE con.connamespace = 'public'::regnamespace AND rel.relname <> '__EFMigrationsHistory'
            """))
            lines.Add($"constraint {k[1]}.{k[0]} {k[2]}");
        return lines;
    }

    private static async Task<List<string>> SqlServerAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, """
            SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, coalesce(cast(c.CHARACTER_MAXIMUM_LENGTH AS varchar(20)), ''), c.IS_NULLABLE,
                   coalesce(c.COLUMN_DEFAULT, ''), COLUMNPROPERTY(OBJECT_ID(quotename(c.TABLE_SCHEMA) + '.' + quotename(c.TABLE_NAME)), c.COLUMN_NAME, 'IsIdentity')
            FROM INFORMATION_SCHEMA.COLUMNS c WHERE c.TABLE_NAME NOT LIKE '[_][_]EFMigrations%'
            """))
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} default={c[5]} identity={c[6]}");
        foreach (var i in await QueryAsync(connection, """
            SELECT t.name, i.name, i.is_unique, i.is_primary_key, coalesce(i.filter_definition, ''),
                   (SELECT string_agg(col.name, ',') WITHIN GROUP (ORDER BY ic.key_ordinal)
                    FROM sys.index_columns ic JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
                    WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id)
            FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id
            WHERE i.type > 0 AND t.name NOT LIKE '[_][_]EFMigrations%'
            """))
            lines.Add($"index {i[0]} {i[1]} unique={i[2]} pk={i[3]} filter={i[4]} ({i[5]})");
        foreach (var k in await QueryAsync(connection, """
            SELECT fk.name, OBJECT_NAME(fk.parent_object_id), OBJECT_NAME(fk.referenced_object_id), fk.delete_referential_action_desc,
                   (SELECT string_agg(col.name, ',') WITHIN GROUP (ORDER BY fkc.constraint_column_id)
                    FROM sys.foreign_key_columns fkc JOIN sys.columns col ON col.object_id = fkc.parent_object_id AND col.column_id = fkc.parent_column_id
                    WHERE fkc.constraint_object_id = fk.object_id)
            FROM sys.foreign_keys fk
            """))
            lines.Add($"fk {k[1]}.{k[0]} ({k[4]}) -> {k[2]} on delete {k[3]}");
        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(row);
        }
        return rows;
    }
}
