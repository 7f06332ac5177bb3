using EpicZoom.Application.Common.Behaviours;
using EpicZoom.Application.Common.Interfaces;
using MediatR;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Tests.Common;

/// <summary>Which requests write their "Handled" line at Information and which only at Debug.</summary>
public sealed class LoggingBehaviourTests
{
    private sealed record AdminCommand : IRequest<int>;

    private sealed record WorkerPoll : IRequest<int>, IBackgroundRequest;

    private sealed record Webhook : IRequest<int>, IHighVolumeRequest;

    [Fact]
    public async Task AnAdminsRequest_IsLoggedAtInformation_AWorkersPollAndAHighVolumeRequestAtDebug()
    {
        Assert.Equal(LogLevel.Information, await LevelOf(new AdminCommand()));
        Assert.Equal(LogLevel.Debug, await LevelOf(new WorkerPoll()));
        Assert.Equal(LogLevel.Debug, await LevelOf(new Webhook()));
    }

    private static async Task<LogLevel> LevelOf<TRequest>(TRequest request) where TRequest : IRequest<int>
    {
        var logger = new Recording<TRequest>();
        var result = await new LoggingBehaviour<TRequest, int>(logger).Handle(request, default, () => Task.FromResult(7));
        Assert.Equal(7, result);
        var (level, message) = Assert.Single(logger.Lines);
        Assert.StartsWith($"Handled {typeof(TRequest).Name} in ", message, StringComparison.Ordinal);
        return level;
    }

    private sealed class Recording<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
