using EpicZoom.Domain.Audit;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.Infrastructure.Persistence.Sqlite;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EpicZoom.Infrastructure.Tests.Persistence;

/// <summary>The SQLite connection policy and write gate, on a real database file, wired as the app wires them.</summary>
public sealed class SqliteConnectionPolicyTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"ez-policy-{Guid.NewGuid():N}.db");
    private readonly SqliteConnectionPolicy policy = new();
    private readonly SqliteWriteGate gate = new();

    public async Task InitializeAsync()
    {
        await using var db = Context();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryConnection_WaitsForLocksAndSyncsEachCommit()
    {
        for (var i = 0; i < 3; i++)
        {
            // Pooled native handles are reused; each open must still see the pragmas.
            await using var db = Context();
            await db.Database.OpenConnectionAsync();
            Assert.Equal((long)SqliteConnectionPolicy.BusyTimeout.TotalMilliseconds, await Scalar(db, "PRAGMA busy_timeout;"));
            Assert.Equal(2L, await Scalar(db, "PRAGMA synchronous;")); // 2 = FULL
        }
    }

    [Fact]
    public async Task SavesTakeTurns_AndTheSecondRunsOnceTheFirstIsDone()
    {
        var blocker = new BlockingSave();
        await using var first = Context(blocker);
        await using var second = Context();
        first.AuditEntries.Add(Entry("first"));
        second.AuditEntries.Add(Entry("second"));

        var firstSave = first.SaveChangesAsync();
        await blocker.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the first holds the gate
        var secondSave = second.SaveChangesAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(gate.Waiting == 1), "the second save waits at the gate");
        Assert.False(secondSave.IsCompleted);

        blocker.Release.SetResult();
        await Task.WhenAll(firstSave, secondSave).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, gate.Waiting);
        await using var check = Context();
        Assert.Equal(["first", "second"], await check.AuditEntries.Select(e => e.Summary).OrderBy(s => s).ToListAsync());
    }

    [Fact]
    public async Task AFailedSave_ReleasesTheGate()
    {
        await using var db = Context();
        var entry = Entry("once");
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();

        await using var duplicate = Context();
        duplicate.AuditEntries.Add(DuplicateOf(entry));
        await Assert.ThrowsAsync<DbUpdateException>(() => duplicate.SaveChangesAsync());

        await using var next = Context();
        next.AuditEntries.Add(Entry("after the failure"));
        await next.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task ASaveInsideAnExplicitTransaction_IsNotGated()
    {
        var blocker = new BlockingSave();
        await using var holder = Context(blocker);
        holder.AuditEntries.Add(Entry("holder"));
        var held = holder.SaveChangesAsync();
        await blocker.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The gate is taken; a save in a transaction of its own does not queue behind it (it would rely on busy_timeout
        // for the file lock, which nobody holds here).
        await using var transactional = Context();
        await using (var transaction = await transactional.Database.BeginTransactionAsync())
        {
            transactional.AuditEntries.Add(Entry("in a transaction"));
            await transactional.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await transaction.CommitAsync();
        }
        Assert.Equal(0, gate.Waiting);

        blocker.Release.SetResult();
        await held.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WithTheCheckpointer_NoCommitCopiesTheLog_ItDoes(bool checkpointsInBackground)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ez-checkpoint-{Guid.NewGuid():N}.db");
        var own = new SqliteConnectionPolicy(checkpointsInBackground);
        AppDbContext Open() => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={path}").AddInterceptors(own).Options);
        using var services = new ServiceCollection()
            .AddScoped<AppDbContext>(_ => Open()).BuildServiceProvider();
        var checkpointer = new SqliteCheckpointer(services.GetRequiredService<IServiceScopeFactory>(),
            NullLogger<SqliteCheckpointer>.Instance);
        try
        {
            await using (var db = Open())
            {
                await db.Database.OpenConnectionAsync();
                Assert.Equal(checkpointsInBackground ? 0L : 1000L, await Scalar(db, "PRAGMA wal_autocheckpoint;"));
                await Execute(db, "PRAGMA journal_mode=WAL; CREATE TABLE Pages (Data BLOB);");
                // 1,500 pages in one commit, then one more: SQLite's own checkpoint would have copied the first commit
                // into the file and restarted the log for the second.
                await Execute(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) INSERT INTO Pages SELECT randomblob(4000) FROM n;");
                await Execute(db, "INSERT INTO Pages VALUES (randomblob(10));");
            }

            var result = checkpointer.Checkpoint();

            Assert.False(result.Busy);
            if (checkpointsInBackground) Assert.True(result.LogFrames > 1500, $"the log holds {result.LogFrames} pages: a commit checkpointed it");
            else Assert.True(result.LogFrames < 1000, $"the log holds {result.LogFrames} pages: SQLite's own checkpoint did not run");
            Assert.Equal(result.LogFrames, result.CheckpointedFrames);
            await using var check = Open();
            await check.Database.OpenConnectionAsync();
            Assert.Equal(1501L, await Scalar(check, "SELECT COUNT(*) FROM Pages;"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ALogThatAReaderKeptFromBeingCopied_IsRestarted_SoTheNextCommitDoesNotGrowIt(bool restarts)
    {
        // Generous for a loaded CI machine; the reader ends after 50 ms.
        await using var log = await StarvedLog.StartAsync(restarts ? 100 : int.MaxValue, TimeSpan.FromSeconds(5));
        Assert.Equal(SqliteConnectionPolicy.JournalSizeLimitBytes, await Scalar(log.Writer, "PRAGMA journal_size_limit;"));

        var readerEnds = Task.Run(async () =>
        {
            await Task.Delay(50);
            await Execute(log.Reader, "COMMIT;");
        });
        var checkpoint = log.Checkpointer.Checkpoint();
        await readerEnds;
        Assert.False(checkpoint.Busy);

        await Execute(log.Writer, "INSERT INTO Pages VALUES (randomblob(10));");
        var after = log.Checkpointer.Checkpoint();
        if (restarts) Assert.True(after.LogFrames < 10, $"the log holds {after.LogFrames} pages: it was not restarted");
        else Assert.True(after.LogFrames > 350, $"the log holds {after.LogFrames} pages: PASSIVE alone was expected to leave it growing");
        Assert.Equal(351L, await Scalar(log.Writer, "SELECT COUNT(*) FROM Pages;"));
    }

    [Fact]
    public async Task ARestartThatAReaderOutlasts_GivesUpAfterItsWait_AndCommitsGoOn()
    {
        await using var log = await StarvedLog.StartAsync(100, TimeSpan.FromMilliseconds(100));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var checkpoint = log.Checkpointer.Checkpoint();
        waited.Stop();

        // The reader never ended: the RESTART gave up (busy) after its own short wait instead of holding commits back
        // for the connection's five-second busy timeout; a commit goes on at once, and the reader keeps its snapshot.
        Assert.True(checkpoint.Busy);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(3), $"the checkpoint took {waited.Elapsed.TotalMilliseconds:0} ms");
        await Execute(log.Writer, "INSERT INTO Pages VALUES (randomblob(10));");
        Assert.Equal(300L, await Scalar(log.Reader, "SELECT COUNT(*) FROM Pages;"));
        await Execute(log.Reader, "COMMIT;");
        Assert.Equal(351L, await Scalar(log.Reader, "SELECT COUNT(*) FROM Pages;"));
    }

    /// <summary>
    /// A WAL database of 300 pages whose reader holds the snapshot of that commit while 50 more pages are committed:
    /// under steady load there is always such a reader, so a PASSIVE checkpoint never copies the whole log and the
    /// log is never reused. The checkpointer is the app's, with the given restart threshold and wait.
    /// </summary>
    private sealed class StarvedLog : IAsyncDisposable
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), $"ez-restart-{Guid.NewGuid():N}.db");
        private readonly SqliteConnectionPolicy policy = new(checkpointsInBackground: true);
        private ServiceProvider services = null!;

        public SqliteCheckpointer Checkpointer { get; private set; } = null!;
        public AppDbContext Writer { get; private set; } = null!;
        public AppDbContext Reader { get; private set; } = null!;

        public static async Task<StarvedLog> StartAsync(int restartAbove, TimeSpan restartWait)
        {
            var log = new StarvedLog();
            log.services = new ServiceCollection().AddScoped<AppDbContext>(_ => log.Open()).BuildServiceProvider();
            log.Checkpointer = new SqliteCheckpointer(log.services.GetRequiredService<IServiceScopeFactory>(), NullLogger<SqliteCheckpointer>.Instance)
            {
                RestartAbove = restartAbove,
                RestartWait = restartWait,
            };
            log.Writer = log.Open();
            await log.Writer.Database.OpenConnectionAsync();
            await Execute(log.Writer, "PRAGMA journal_mode=WAL; CREATE TABLE Pages (Data BLOB);");
            await Execute(log.Writer, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) INSERT INTO Pages SELECT randomblob(4000) FROM n;");
            log.Reader = log.Open();
            await log.Reader.Database.OpenConnectionAsync();
            await Execute(log.Reader, "BEGIN;");
            Assert.Equal(300L, await Scalar(log.Reader, "SELECT COUNT(*) FROM Pages;"));
            await Execute(log.Writer, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO Pages SELECT randomblob(4000) FROM n;");
            return log;
        }

        public async ValueTask DisposeAsync()
        {
            await Reader.DisposeAsync();
            await Writer.DisposeAsync();
            await services.DisposeAsync();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        }

        private AppDbContext Open() => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={path};Pooling=False").AddInterceptors(policy).Options);
    }

    private static async Task Execute(AppDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private AppDbContext Context(params IInterceptor[] more) =>
        new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={file}")
            .AddInterceptors([policy, gate, .. more])
            .Options);

    private static AuditEntry Entry(string summary) => AuditEntry.Record(DateTime.UtcNow, "tests", "Test", "Test", "1", summary);

    private static AuditEntry DuplicateOf(AuditEntry entry)
    {
        var copy = Entry("duplicate");
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Id))!.SetValue(copy, entry.Id);
        return copy;
    }

    private static async Task<long> Scalar(AppDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Registered after the gate: holds a save inside the gate until released.</summary>
    private sealed class BlockingSave : SaveChangesInterceptor
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await Release.Task;
            return result;
        }
    }
}
