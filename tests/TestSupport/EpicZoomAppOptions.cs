namespace EpicZoom.TestSupport;

/// <summary>What an <see cref="EpicZoomApp"/> runs with. The defaults: the plain app on the in-memory test server, on SQLite.</summary>
public sealed record EpicZoomAppOptions
{
    /// <summary>The simulators inside the app and the seeded sandbox tenant (Sandbox:Enabled); the app is ready once the tenant is there.</summary>
    public bool Sandbox { get; init; }

    /// <summary>Real Kestrel on a loopback port instead of the in-memory server (browsers, the app calling its own simulators).</summary>
    public bool Kestrel { get; init; }

    /// <summary>A throwaway PostgreSQL server (<see cref="PostgresServer"/>) instead of SQLite, removed with the app.</summary>
    public bool Postgres { get; init; }

    /// <summary>With <see cref="Postgres"/>: the server flushes every commit (fsync on), for benchmarks of durable writes.</summary>
    public bool DurablePostgres { get; init; }

    /// <summary>More configuration, e.g. App:DataPath to restart on another app's data, or Notifications:RetryWindow.</summary>
    public IEnumerable<KeyValuePair<string, string?>>? Settings { get; init; }

    /// <summary>More Kestrel set-up beside the loopback endpoint (with <see cref="Kestrel"/>), e.g. an HTTP/2-only endpoint for many streams.</summary>
    public Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>? ExtraKestrel { get; init; }

    /// <summary>More services after the app's own, e.g. an in-memory OpenTelemetry exporter.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ExtraServices { get; init; }
}
