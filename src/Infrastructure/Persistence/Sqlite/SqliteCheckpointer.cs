using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Copies SQLite's write-ahead log into the database file every <see cref="Interval"/>, off every request's path (the
/// app's connections turn SQLite's automatic checkpoint off: <see cref="SqliteConnectionPolicy"/>). The checkpoint is
/// PASSIVE: it copies what no reader still needs and never waits for or blocks a writer or a reader, so commits go on
/// appending to the log while it runs; the log is reused from its start once all of it is in the file. Under steady load
/// that moment never comes (commits keep appending and readers keep older pages in use: SQLite's "checkpoint
/// starvation"), and the log grew without end — 2.3 GB in 30 s of the ingest benchmark, every read slower for it. So a
/// log past <see cref="RestartAbove"/> pages is checkpointed once more with RESTART: that waits up to
/// <see cref="RestartWait"/> for the readers of old pages to finish, holding new commits back meanwhile, copies the
/// rest, and makes the next commit start the log from its beginning (<c>journal_size_limit</c> then cuts the file back:
/// <see cref="SqliteConnectionPolicy"/>). Durability does not change: a commit is on disk when the log is synced
/// (synchronous=FULL), and a checkpoint syncs the log before and the file after copying. It runs on a thread of its
/// own: its writes and fsyncs do not hold a thread-pool thread.
/// </summary>
public sealed class SqliteCheckpointer(IServiceScopeFactory scopes, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>A log longer than this many pages (64 MB of 4 KB pages) is restarted after its PASSIVE pass.</summary>
    public int RestartAbove { get; init; } = 16_384;

    /// <summary>How long a RESTART waits for readers of old pages (and holds commits back) before it gives up until the next pass.</summary>
    public TimeSpan RestartWait { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A log past this size after a checkpoint means readers keep old pages in use; worth one warning.</summary>
    private const int ManyFrames = 25_000; // about 100 MB of 4 KB pages

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var warned = false;
        while (!stoppingToken.WaitHandle.WaitOne(Interval))
        {
            try
            {
                var result = Checkpoint();
                var behind = result.LogFrames - result.CheckpointedFrames;
                if (behind > ManyFrames && !warned)
                    logger.LogWarning("The SQLite write-ahead log holds {Frames} pages a checkpoint could not copy yet (a long read keeps them in use)", behind);
                warned = behind > ManyFrames;
            }
            catch (Exception ex)
            {
                logger.LogWarning("SQLite checkpoint failed ({Error}); retrying in {Milliseconds} ms", ex.GetType().Name, Interval.TotalMilliseconds);
            }
        }
    }

    /// <summary>One PASSIVE checkpoint, now; then a RESTART if the log is still longer than <see cref="RestartAbove"/>.</summary>
    public WalCheckpoint Checkpoint()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        var result = Run(connection, "PRAGMA wal_checkpoint(PASSIVE);");
        if (result.LogFrames <= RestartAbove) return result;
        // The connection's own busy timeout is seconds long: a RESTART that waited that long would hold every commit back.
        Execute(connection, $"PRAGMA busy_timeout={(int)RestartWait.TotalMilliseconds};");
        try
        {
            return Run(connection, "PRAGMA wal_checkpoint(RESTART);");
        }
        finally
        {
            Execute(connection, $"PRAGMA busy_timeout={(int)SqliteConnectionPolicy.BusyTimeout.TotalMilliseconds};");
        }
    }

    private static WalCheckpoint Run(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new WalCheckpoint(reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2));
    }

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>What <c>PRAGMA wal_checkpoint</c> answered: whether it was blocked, the log's pages, and how many are in the file.</summary>
public readonly record struct WalCheckpoint(bool Busy, long LogFrames, long CheckpointedFrames);
