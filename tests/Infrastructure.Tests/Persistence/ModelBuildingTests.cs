using System.Collections.Concurrent;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.Tests.Persistence;

/// <summary>Building each provider's model (what every start does) logs no warning: an admin's log shows only what needs them.</summary>
public sealed class ModelBuildingTests
{
    [Fact]
    public void EveryProvidersModel_BuildsWithoutAWarning()
    {
        var sqlite = Warnings(log => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite("Data Source=:memory:").UseLoggerFactory(log).Options));
        var postgres = Warnings(log => new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused").UseLoggerFactory(log).Options));
        var sqlServer = Warnings(log => new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=offline.invalid;Database=epiczoom;TrustServerCertificate=true").UseLoggerFactory(log).Options));

        Assert.Empty(sqlite);
        Assert.Empty(postgres);
        Assert.Empty(sqlServer);
    }

    private static List<string> Warnings(Func<ILoggerFactory, AppDbContext> create)
    {
        var lines = new ConcurrentQueue<string>();
        using var log = LoggerFactory.Create(b => b.AddProvider(new Capture(lines)).SetMinimumLevel(LogLevel.Warning));
        using var db = create(log);
        Assert.NotEmpty(db.Model.GetEntityTypes());
        return [.. lines];
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
