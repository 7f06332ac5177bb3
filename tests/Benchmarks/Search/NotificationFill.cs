using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EpicZoom.Benchmarks.Search;

/// <summary>
/// The data the search runs on, defined by formulas that the fill's SQL and the search shapes share. A year of
/// visits, evenly spread, each with four reports: the provider's and the patient's connected and disconnected.
/// <list type="bullet">
/// <item>three tenants: the sandbox tenant 60 % of visits, two copies of it 30 % and 10 %;</item>
/// <item>visit v: CSN 300000000+v, Zoom meeting 81000000000+7v, provider E{1000 + v mod 2000} (2,000 providers, so
/// each has many reports), patient Z{100000 + v mod 300000};</item>
/// <item>status: the newest 200 Pending (next attempt tomorrow, so the dispatcher leaves them alone), 1.5 % Failed
/// after 12 attempts (last RespCode 500, 401 or 0), the rest Delivered (2.5 % of them on a second attempt after a 503).</item>
/// </list>
/// </summary>
internal sealed class FillPlan(long rows, DateTime endUtc)
{
    public const int PendingRows = 200;
    public const int Providers = 2000;
    public const long MeetingBase = 81_000_000_000;

    public long Rows { get; } = rows;

    public long Visits => (Rows + 3) / 4;

    /// <summary>Whole seconds, so that the SQL's arithmetic and the C# dates agree.</summary>
    public DateTime EndUtc { get; } = endUtc.AddTicks(-(endUtc.Ticks % TimeSpan.TicksPerSecond));

    public DateTime StartUtc => EndUtc.AddDays(-365);

    public double SecondsPerVisit => (EndUtc - StartUtc).TotalSeconds / Visits;

    public long StartUnixSeconds => new DateTimeOffset(StartUtc).ToUnixTimeSeconds();

    public static string Csn(long visit) => (300_000_000 + visit).ToString(CultureInfo.InvariantCulture);

    public static long MeetingId(long visit) => MeetingBase + 7 * visit;

    public static string ProviderId(long visit) => "E" + (1000 + visit % Providers).ToString(CultureInfo.InvariantCulture);

    public static string PatientId(long visit) => "Z" + (100_000 + visit % 300_000).ToString(CultureInfo.InvariantCulture);

    public DateTime VisitStartUtc(long visit) => StartUtc.AddSeconds(visit * SecondsPerVisit);
}

/// <summary>What the fill did and how long it took.</summary>
internal sealed record FillResult(long Records, long Attempts, TimeSpan Insert, TimeSpan Indexes, TimeSpan Vacuum, long Bytes, IReadOnlyList<string> IndexNames);

/// <summary>
/// Fills NotificationRecords and NotificationAttempts with bulk SQL (INSERT … SELECT over a generated series; no EF
/// change tracking): the secondary indexes are dropped first and built again after, from their own definitions as
/// the migrations left them. PostgreSQL inserts in chunks on two connections with foreign-key triggers off
/// (session_replication_role = replica; the rows are consistent by construction), then VACUUM ANALYZE, as
/// autovacuum would have done for a table grown over a year. SQLite gets no ANALYZE: EpicZoom never runs it.
/// </summary>
internal static class NotificationFill
{
    private const string Records = "\"NotificationRecords\"";
    private const string Attempts = "\"NotificationAttempts\"";

    /// <summary>The sandbox tenant's id and two copies of its row (other names and OrgIds).</summary>
    public static async Task<IReadOnlyList<string>> TenantsAsync(DatabaseProvider provider, string connectionString)
    {
        await using var connection = Open(provider, connectionString);
        await connection.OpenAsync();
        var source = (await ScalarAsync(connection, "SELECT \"Id\" FROM \"Tenants\" ORDER BY \"CreatedAtUtc\" LIMIT 1"))!.ToString()!;
        var columns = provider == DatabaseProvider.Sqlite
            ? await ColumnAsync(connection, "SELECT name FROM pragma_table_info('Tenants')")
            : await ColumnAsync(connection, "SELECT column_name FROM information_schema.columns WHERE table_name = 'Tenants' ORDER BY ordinal_position");
        var ids = new List<string> { source };
        for (var copy = 2; copy <= 3; copy++)
        {
            var id = Guid.NewGuid();
            var text = provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id.ToString();
            var select = columns.Select(c => c switch
            {
                "Id" => provider == DatabaseProvider.Sqlite ? $"'{text}'" : $"'{text}'::uuid",
                "Name" => $"'Bench Health {copy}'",
                "OrgId" => $"'bench{copy}{id.ToString("N")[..6]}'",
                _ => $"\"{c}\"",
            });
            var sql = $"INSERT INTO \"Tenants\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", select)} FROM \"Tenants\" WHERE \"Id\" = {(provider == DatabaseProvider.Sqlite ? $"'{source}'" : $"'{source}'::uuid")}";
            await ExecuteAsync(connection, sql);
            ids.Add(text);
        }
        return ids;
    }

    public static Task<FillResult> FillAsync(DatabaseProvider provider, string connectionString, FillPlan plan, IReadOnlyList<string> tenants, bool attempts) =>
        provider == DatabaseProvider.Sqlite
            ? SqliteAsync(connectionString, plan, tenants, attempts)
            : PostgresAsync(connectionString, plan, tenants, attempts);

    private static async Task<FillResult> SqliteAsync(string connectionString, FillPlan plan, IReadOnlyList<string> tenants, bool attempts)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144;");
        var indexes = await IndexesAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('NotificationRecords', 'NotificationAttempts')");
        foreach (var (name, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");

        var insert = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, SqliteRecords(plan, tenants), transaction);
            if (attempts) await ExecuteAsync(connection, SqliteAttempts, transaction);
            await transaction.CommitAsync();
        }
        insert.Stop();

        var build = Stopwatch.StartNew();
        foreach (var (_, sql) in Ordered(indexes)) await ExecuteAsync(connection, sql);
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        build.Stop();

        var records = Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM {Records}"), CultureInfo.InvariantCulture);
        var attemptRows = Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM {Attempts}"), CultureInfo.InvariantCulture);
        var bytes = new FileInfo(connection.DataSource).Length;
        return new FillResult(records, attemptRows, insert.Elapsed, build.Elapsed, TimeSpan.Zero, bytes, indexes.Select(i => i.Name).ToList());
    }

    private static async Task<FillResult> PostgresAsync(string connectionString, FillPlan plan, IReadOnlyList<string> tenants, bool attempts)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var indexes = await IndexesAsync(connection,
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('NotificationRecords', 'NotificationAttempts') AND indexname NOT LIKE 'PK\\_%'");
        foreach (var (name, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
        await ExecuteAsync(connection, $"ALTER TABLE {Records} SET (autovacuum_enabled = false); ALTER TABLE {Attempts} SET (autovacuum_enabled = false);");

        // Chunks in order, two connections at a time (two cores): each statement inserts a chunk of records and,
        // from what it returns, their attempts. Autovacuum waits until the end (it would scan the growing table).
        var insert = Stopwatch.StartNew();
        const long chunk = 250_000;
        var next = -1L;
        async Task Worker()
        {
            await using var worker = new NpgsqlConnection(connectionString);
            await worker.OpenAsync();
            await ExecuteAsync(worker, "SET session_replication_role = replica; SET synchronous_commit = off;");
            while (true)
            {
                var from = Interlocked.Increment(ref next) * chunk;
                if (from >= plan.Rows) return;
                var to = Math.Min(plan.Rows, from + chunk) - 1;
                var records = PostgresRecords(plan, tenants, from, to);
                await ExecuteAsync(worker, attempts ? $"WITH r AS ({records} RETURNING *) {PostgresAttempts}" : records);
                if ((to + 1) % 2_000_000 < chunk) Console.Error.WriteLine($"    {to + 1:N0} of {plan.Rows:N0} records...");
            }
        }
        await Task.WhenAll(Worker(), Worker());
        insert.Stop();

        var build = Stopwatch.StartNew();
        await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
        foreach (var (_, sql) in Ordered(indexes)) await ExecuteAsync(connection, sql);
        build.Stop();

        await ExecuteAsync(connection, $"ALTER TABLE {Records} RESET (autovacuum_enabled); ALTER TABLE {Attempts} RESET (autovacuum_enabled);");
        var vacuum = Stopwatch.StartNew();
        await ExecuteAsync(connection, $"VACUUM ANALYZE {Records}");
        await ExecuteAsync(connection, $"VACUUM ANALYZE {Attempts}");
        vacuum.Stop();

        var records = Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM {Records}"), CultureInfo.InvariantCulture);
        var attemptRows = Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM {Attempts}"), CultureInfo.InvariantCulture);
        var bytes = Convert.ToInt64(await ScalarAsync(connection, "SELECT pg_database_size(current_database())"), CultureInfo.InvariantCulture);
        return new FillResult(records, attemptRows, insert.Elapsed, build.Elapsed, vacuum.Elapsed, bytes, indexes.Select(i => i.Name).ToList());
    }

    /// <summary>The dispatcher's indexes first: it polls every second and would scan the table meanwhile.</summary>
    private static IEnumerable<(string Name, string Sql)> Ordered(IEnumerable<(string Name, string Sql)> indexes) =>
        indexes.OrderBy(i => i.Name.StartsWith("IX_NotificationRecords_Pending", StringComparison.Ordinal) ? 0 : 1).ThenBy(i => i.Name, StringComparer.Ordinal);

    private static string SqliteRecords(FillPlan plan, IReadOnlyList<string> tenants) => $"""
        WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < {plan.Rows - 1}),
        x AS (SELECT n, n / 4 AS v, n % 4 AS r, ((n / 4) * 2654435761 + (n % 4) * 40503) % 1000 AS h FROM seq),
        y AS (
            SELECT x.*,
                CASE WHEN n >= {plan.Rows - FillPlan.PendingRows} THEN 'Pending' WHEN h < 15 THEN 'Failed' ELSE 'Delivered' END AS status,
                {plan.StartUnixSeconds} + v * {Real(plan.SecondsPerVisit)} + r * 300 AS occurred
            FROM x),
        z AS (
            SELECT y.*,
                CASE status WHEN 'Failed' THEN 12 WHEN 'Pending' THEN 1 ELSE CASE WHEN h < 40 THEN 2 ELSE 1 END END AS attempts
            FROM y)
        INSERT INTO {Records} ("Id", "TenantId", "VisitId", "Csn", "ZoomMeetingId", "ParticipantId", "ParticipantRole", "ExternalId",
            "ExternalIdType", "Kind", "StatusCode", "OccurredAtUtc", "CreatedAtUtc", "Sequence", "Status", "AttemptCount", "LastRespCode",
            "LastAttemptAtUtc", "NextAttemptAtUtc", "DeliveredAtUtc", "LeaseOwner", "LeaseExpiresAtUtc")
        SELECT
            'A0000000-0000-4000-8000-' || printf('%012X', n),
            CASE WHEN v % 10 < 6 THEN '{tenants[0]}' WHEN v % 10 < 9 THEN '{tenants[1]}' ELSE '{tenants[2]}' END,
            'B0000000-0000-4000-8000-' || printf('%012X', v),
            CAST(300000000 + v AS TEXT),
            {FillPlan.MeetingBase} + 7 * v,
            'C0000000-0000-4000-8000-' || printf('%012X', v * 2 + r / 2),
            CASE WHEN r / 2 = 0 THEN 'Provider' ELSE 'Patient' END,
            CASE WHEN r / 2 = 0 THEN 'E' || (1000 + v % {FillPlan.Providers}) ELSE 'Z' || (100000 + v % 300000) END,
            CASE WHEN r / 2 = 0 THEN 'EXTERNAL' ELSE 'EPI' END,
            CASE WHEN r % 2 = 0 THEN 'Connected' ELSE 'Disconnected' END,
            CASE WHEN r % 2 = 0 THEN '1' ELSE '2' END,
            -- As EF Core writes them (yyyy-MM-dd HH:mm:ss.FFFFFFF: no trailing zeros), so that the keyset's comparisons meet equal times.
            rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', occurred, 'unixepoch'), '0'), '.'),
            rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', occurred + 1.5, 'unixepoch'), '0'), '.'),
            1 + r % 2,
            status,
            attempts,
            CASE status WHEN 'Failed' THEN CASE h % 3 WHEN 0 THEN 500 WHEN 1 THEN 401 ELSE 0 END WHEN 'Pending' THEN 503 ELSE 200 END,
            strftime('%Y-%m-%d %H:%M:%f', occurred + 1.7 + (attempts - 1) * 600, 'unixepoch'),
            CASE status WHEN 'Pending' THEN strftime('%Y-%m-%d %H:%M:%f', {new DateTimeOffset(plan.EndUtc).ToUnixTimeSeconds()} + 86400, 'unixepoch')
                ELSE strftime('%Y-%m-%d %H:%M:%f', occurred + 1.7 + (attempts - 1) * 600, 'unixepoch') END,
            CASE status WHEN 'Delivered' THEN strftime('%Y-%m-%d %H:%M:%f', occurred + 1.7 + (attempts - 1) * 600, 'unixepoch') END,
            NULL,
            NULL
        FROM z
        """;

    private const string SqliteAttempts = $$"""
        WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < 12)
        INSERT INTO {{Attempts}} ("Id", "NotificationRecordId", "Number", "RespCode", "DurationMs", "ResponseExcerpt", "AttemptedAtUtc")
        SELECT
            'D' || printf('%07X', k.k) || '-0000-4000-8000-' || substr(r."Id", 25),
            r."Id",
            k.k,
            CASE WHEN k.k = r."AttemptCount" OR r."Status" = 'Failed' THEN r."LastRespCode" ELSE 503 END,
            20 + (k.k * 37 + unicode(substr(r."Id", 36))) % 180,
            CASE WHEN k.k = r."AttemptCount" OR r."Status" = 'Failed'
                THEN CASE r."LastRespCode" WHEN 200 THEN '' WHEN 0 THEN 'EpicZoom could not send the report (HttpRequestException).'
                    WHEN 401 THEN '{"Message":"Authorization has been denied for this request."}' ELSE '{"Message":"An error has occurred."}' END
                ELSE 'Service Unavailable' END,
            strftime('%Y-%m-%d %H:%M:%f', r."CreatedAtUtc", '+' || ((k.k - 1) * 600 + 0.2) || ' seconds')
        FROM {{Records}} r JOIN k ON k.k <= r."AttemptCount"
        """;

    private static string PostgresRecords(FillPlan plan, IReadOnlyList<string> tenants, long from, long to) => $"""
        INSERT INTO {Records} ("Id", "TenantId", "VisitId", "Csn", "ZoomMeetingId", "ParticipantId", "ParticipantRole", "ExternalId",
            "ExternalIdType", "Kind", "StatusCode", "OccurredAtUtc", "CreatedAtUtc", "Sequence", "Status", "AttemptCount", "LastRespCode",
            "LastAttemptAtUtc", "NextAttemptAtUtc", "DeliveredAtUtc", "LeaseOwner", "LeaseExpiresAtUtc")
        SELECT
            ('a0000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
            CASE WHEN v % 10 < 6 THEN '{tenants[0]}'::uuid WHEN v % 10 < 9 THEN '{tenants[1]}'::uuid ELSE '{tenants[2]}'::uuid END,
            ('b0000000-0000-4000-8000-' || lpad(to_hex(v), 12, '0'))::uuid,
            (300000000 + v)::text,
            {FillPlan.MeetingBase} + 7 * v,
            ('c0000000-0000-4000-8000-' || lpad(to_hex(v * 2 + r / 2), 12, '0'))::uuid,
            CASE WHEN r / 2 = 0 THEN 'Provider' ELSE 'Patient' END,
            CASE WHEN r / 2 = 0 THEN 'E' || (1000 + v % {FillPlan.Providers}) ELSE 'Z' || (100000 + v % 300000) END,
            CASE WHEN r / 2 = 0 THEN 'EXTERNAL' ELSE 'EPI' END,
            CASE WHEN r % 2 = 0 THEN 'Connected' ELSE 'Disconnected' END,
            CASE WHEN r % 2 = 0 THEN '1' ELSE '2' END,
            to_timestamp(occurred),
            to_timestamp(occurred + 1.5),
            1 + r % 2,
            status,
            attempts,
            CASE status WHEN 'Failed' THEN CASE h % 3 WHEN 0 THEN 500 WHEN 1 THEN 401 ELSE 0 END WHEN 'Pending' THEN 503 ELSE 200 END,
            to_timestamp(occurred + 1.7 + (attempts - 1) * 600),
            CASE status WHEN 'Pending' THEN to_timestamp({new DateTimeOffset(plan.EndUtc).ToUnixTimeSeconds()} + 86400)
                ELSE to_timestamp(occurred + 1.7 + (attempts - 1) * 600) END,
            CASE status WHEN 'Delivered' THEN to_timestamp(occurred + 1.7 + (attempts - 1) * 600) END,
            NULL,
            NULL
        FROM (
            SELECT y.*, CASE status WHEN 'Failed' THEN 12 WHEN 'Pending' THEN 1 ELSE CASE WHEN h < 40 THEN 2 ELSE 1 END END AS attempts
            FROM (
                SELECT x.*,
                    CASE WHEN n >= {plan.Rows - FillPlan.PendingRows} THEN 'Pending' WHEN h < 15 THEN 'Failed' ELSE 'Delivered' END AS status,
                    {plan.StartUnixSeconds} + v * {Real(plan.SecondsPerVisit)}::float8 + r * 300 AS occurred
                FROM (SELECT n, n / 4 AS v, n % 4 AS r, ((n / 4) * 2654435761 + (n % 4) * 40503) % 1000 AS h
                      FROM generate_series({from}::bigint, {to}::bigint) AS n) x) y) z
        """;

    /// <summary>The attempts of the records a CTE named r returned.</summary>
    private const string PostgresAttempts = $$"""
        INSERT INTO {{Attempts}} ("Id", "NotificationRecordId", "Number", "RespCode", "DurationMs", "ResponseExcerpt", "AttemptedAtUtc")
        SELECT
            ('d' || lpad(to_hex(k), 7, '0') || '-0000-4000-8000-' || right(r."Id"::text, 12))::uuid,
            r."Id",
            k,
            CASE WHEN k = r."AttemptCount" OR r."Status" = 'Failed' THEN r."LastRespCode" ELSE 503 END,
            20 + (k * 37 + ascii(right(r."Id"::text, 1))) % 180,
            CASE WHEN k = r."AttemptCount" OR r."Status" = 'Failed'
                THEN CASE r."LastRespCode" WHEN 200 THEN '' WHEN 0 THEN 'EpicZoom could not send the report (HttpRequestException).'
                    WHEN 401 THEN '{"Message":"Authorization has been denied for this request."}' ELSE '{"Message":"An error has occurred."}' END
                ELSE 'Service Unavailable' END,
            r."CreatedAtUtc" + make_interval(secs => (k - 1) * 600 + 0.2)
        FROM r CROSS JOIN LATERAL generate_series(1, r."AttemptCount") AS k
        """;

    private static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static DbConnection Open(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);

    private static async Task<List<(string Name, string Sql)>> IndexesAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        return indexes;
    }

    private static async Task<List<string>> ColumnAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    public static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return await command.ExecuteScalarAsync();
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
