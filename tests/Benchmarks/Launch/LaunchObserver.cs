using System.Collections.Concurrent;
using System.Diagnostics;
using EpicZoom.Domain.Launch;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EpicZoom.Benchmarks.Launch;

/// <summary>
/// Watches EpicZoom from inside the process, through EF Core's diagnostic events, without changing it. The benchmark
/// marks every request of a launch with <see cref="Header"/>; whatever EF Core does while serving such a request is
/// put down to that launch:
/// <list type="bullet">
/// <item>which <see cref="LaunchRecord"/>s it adds. A begin record carries no CSN and nothing else ties it to its
/// callback, so with launches in flight at once the records alone cannot be paired;</item>
/// <item>its database commands: how many, how many write, how long they took, and how many took longer than
/// Microsoft.Data.Sqlite's 150 ms busy-retry sleep (a write that waited for another writer's lock).</item>
/// </list>
/// The cost is EF Core building an event payload per tracked entity and per command, and a dictionary update.
/// </summary>
internal sealed class LaunchObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public const string Header = "X-EpicZoom-Benchmark-Launch";

    /// <summary>Microsoft.Data.Sqlite sleeps this long between retries of a statement that found the database locked.</summary>
    public static readonly TimeSpan BusyRetrySleep = TimeSpan.FromMilliseconds(150);

    private static readonly string StartedTracking = CoreEventId.StartedTracking.Name!;
    private static readonly string CommandExecuted = RelationalEventId.CommandExecuted.Name!;
    private static readonly string CommandError = RelationalEventId.CommandError.Name!;

    private readonly ConcurrentDictionary<Guid, string> launchOfRecord = new();
    private readonly ConcurrentDictionary<string, DatabaseUse> databaseUse = new(StringComparer.Ordinal);
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable allListeners;
    private IHttpContextAccessor? requests;

    public LaunchObserver() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>The app's accessor: EF Core raises its events inside the request being served.</summary>
    public void Attach(IHttpContextAccessor accessor) => requests = accessor;

    public string? LaunchOf(Guid recordId) => launchOfRecord.TryGetValue(recordId, out var launch) ? launch : null;

    public DatabaseUse DatabaseUseOf(string launch) => databaseUse.TryGetValue(launch, out var use) ? use : new DatabaseUse();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (subscriptions) subscriptions.Add(listener.Subscribe(this, name => name == StartedTracking || name == CommandExecuted || name == CommandError));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (requests?.HttpContext?.Request.Headers[Header] is not { Count: > 0 } header) return;
        var launch = header.ToString();
        switch (value.Value)
        {
            case EntityEntryEventData { EntityEntry.Entity: LaunchRecord record }:
                launchOfRecord[record.Id] = launch;
                break;
            case CommandEndEventData command:
                databaseUse.GetOrAdd(launch, _ => new DatabaseUse()).Add(command.Command.CommandText, command.Duration);
                break;
        }
    }

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

/// <summary>The database commands EpicZoom ran for one launch (both its requests, the records' own saves included).</summary>
internal sealed class DatabaseUse
{
    private readonly Lock gate = new();

    public int Commands { get; private set; }

    public int Writes { get; private set; }

    public double Milliseconds { get; private set; }

    /// <summary>Commands that took longer than one busy-retry sleep: they waited for another writer.</summary>
    public int LockWaits { get; private set; }

    public void Add(string sql, TimeSpan duration)
    {
        lock (gate)
        {
            Commands++;
            if (!sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) Writes++;
            Milliseconds += duration.TotalMilliseconds;
            if (duration >= LaunchObserver.BusyRetrySleep) LockWaits++;
        }
    }
}
