using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace EpicZoom.Benchmarks.Search;

/// <summary>One SQL command EF Core ran for a search: its text, its parameters (copied, to explain it later) and its time.</summary>
internal sealed record ExecutedCommand(string Sql, IReadOnlyList<DbParameter> Parameters, double Milliseconds)
{
    /// <summary>count, page or tenants: which of the handler's queries this is.</summary>
    public string Kind => Sql.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase) ? SearchBenchmark.CountCommand
        : Sql.Contains("\"NotificationRecords\"", StringComparison.Ordinal) ? SearchBenchmark.PageCommand
        : SearchBenchmark.OtherCommand;
}

/// <summary>
/// Times EpicZoom's SQL commands from inside the process through EF Core's diagnostic events, without changing it:
/// from CommandExecuting to the disposal of its data reader (so reading and materialising the rows is included), or
/// to CommandExecuted for a command without one. Only commands run inside <see cref="Track"/>'s async flow count.
/// </summary>
internal sealed class SearchObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string Executing = RelationalEventId.CommandExecuting.Name!;
    private static readonly string Executed = RelationalEventId.CommandExecuted.Name!;
    private static readonly string ReaderDisposing = RelationalEventId.DataReaderDisposing.Name!;
    private static readonly AsyncLocal<List<ExecutedCommand>?> Current = new();

    private readonly ConcurrentDictionary<Guid, (long Started, string Sql, IReadOnlyList<DbParameter> Parameters)> running = new();
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable allListeners;

    public SearchObserver() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Collects the commands run from here on in this async flow into <paramref name="into"/>.</summary>
    public static void Track(List<ExecutedCommand>? into) => Current.Value = into;

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (subscriptions) subscriptions.Add(listener.Subscribe(this, name => name == Executing || name == Executed || name == ReaderDisposing));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (Current.Value is not { } into) return;
        var now = Stopwatch.GetTimestamp();
        switch (value.Value)
        {
            case CommandExecutedEventData executed when value.Key == Executed:
                if (executed.Result is DbDataReader) return; // timed at the reader's disposal
                if (running.TryRemove(executed.CommandId, out var done))
                    lock (into) into.Add(new ExecutedCommand(done.Sql, done.Parameters, Stopwatch.GetElapsedTime(done.Started, now).TotalMilliseconds));
                break;
            case CommandEventData executing when value.Key == Executing:
                running[executing.CommandId] = (now, executing.Command.CommandText, Copy(executing.Command));
                break;
            case DataReaderDisposingEventData disposing:
                if (running.TryRemove(disposing.CommandId, out var read))
                    lock (into) into.Add(new ExecutedCommand(read.Sql, read.Parameters, Stopwatch.GetElapsedTime(read.Started, now).TotalMilliseconds));
                break;
        }
    }

    /// <summary>The parameters as sent, detached from the command EF Core will dispose.</summary>
    private static List<DbParameter> Copy(DbCommand command) =>
        command.Parameters.Cast<DbParameter>().Select(p => p switch
        {
            NpgsqlParameter npgsql => npgsql.Clone(),
            SqliteParameter sqlite => new SqliteParameter(sqlite.ParameterName, sqlite.Value ?? DBNull.Value) { SqliteType = sqlite.SqliteType, Size = sqlite.Size },
            _ => (DbParameter)p,
        }).ToList();

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions)
        {
            foreach (var subscription in subscriptions) subscription.Dispose();
            subscriptions.Clear();
        }
    }
}
