using System.Diagnostics;
using EpicZoom.Application.Common.Interfaces;
using MediatR;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Common.Behaviours;

/// <summary>
/// Logs the request's type and duration only: request bodies may carry secrets or PHI. Workers' polls
/// (<see cref="IBackgroundRequest"/>) and requests that come many times a second (<see cref="IHighVolumeRequest"/>) log at
/// Debug, or they would write a line every second or hundreds of them.
/// </summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<TRequest> logger) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        logger.Log(request is IBackgroundRequest or IHighVolumeRequest ? LogLevel.Debug : LogLevel.Information,
            "Handled {Request} in {ElapsedMs:0.0} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }
}
