using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EpicZoom.Infrastructure.Persistence.Sqlite;

/// <summary>
/// How every SQLite connection EpicZoom opens behaves (the journal mode, WAL, is a property of the file and is set
/// once by <see cref="DatabaseMigrator"/>):
/// <list type="bullet">
/// <item><c>busy_timeout</c>: a statement that finds the database locked by another connection is retried by SQLite's own
/// busy handler within milliseconds for up to <see cref="BusyTimeout"/>. Without it (Microsoft.Data.Sqlite's default is 0)
/// the driver retries after a blocking 150 ms sleep, which made every lock wait cost at least 150 ms and starved the
/// thread pool under concurrent launches (docs/benchmarks.md).</item>
/// <item><c>synchronous=FULL</c>: under WAL, FULL syncs the write-ahead log at every commit, so a commit that returned is on
/// disk even if the machine loses power the next instant. NORMAL syncs only at checkpoints: it survives a killed process
/// but not an operating-system crash or power cut, and would break "an acknowledged webhook is on disk". Group commit
/// (many rows per commit) is how EpicZoom pays for FULL, not a weaker level.</item>
/// <item><c>mmap_size</c>: pages of the database file are read in place from the operating system's cache instead of
/// copied into each connection's own cache. Under WAL a connection drops its whole page cache whenever another
/// connection committed since its last read — with the inbox committing hundreds of times a second that was every
/// read, and copying pages back in took a quarter of the CPU of the ingest benchmark (docs/benchmarks.md). Writes still
/// go through the write-ahead log and its fsync; durability does not change.</item>
/// <item><c>wal_autocheckpoint=0</c>, when <see cref="SqliteCheckpointer"/> runs (the app): the write-ahead log is copied
/// into the database file by that background loop, not by whichever commit crosses SQLite's 1,000-page mark — that
/// commit, and every webhook acknowledged with it, waited for four megabytes copied and the database file fsync'd.
/// Without the loop (a tool, a test) SQLite's own automatic checkpoint stays on.</item>
/// <item><c>journal_size_limit</c>: when a commit starts the write-ahead log from its beginning again, the file is cut back
/// to <see cref="JournalSizeLimitBytes"/>, so a burst that made the log long does not keep its disk space for good.</item>
/// </list>
/// The pragmas are per connection; Microsoft.Data.Sqlite pools the native handle behind a connection, so they are set
/// once per native handle rather than on every open.
/// </summary>
public sealed class SqliteConnectionPolicy(bool checkpointsInBackground = false) : DbConnectionInterceptor
{
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How much of the database file a connection reads through memory mapping.</summary>
    public const long MemoryMapBytes = 256L * 1024 * 1024;

    /// <summary>What a restarted write-ahead log's file is cut back to.</summary>
    public const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    private readonly string pragmas =
        $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=FULL; PRAGMA mmap_size={MemoryMapBytes};" +
        $" PRAGMA journal_size_limit={JournalSizeLimitBytes};" +
        (checkpointsInBackground ? " PRAGMA wal_autocheckpoint=0;" : "");

    /// <summary>Native handles already set up; weak, so a handle the pool closes is forgotten with it.</summary>
    private readonly ConditionalWeakTable<object, object> configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private bool NeedsPragmas(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return true;
        var isNew = false;
        configured.GetValue(handle, _ => { isNew = true; return handle; });
        return isNew;
    }
}
