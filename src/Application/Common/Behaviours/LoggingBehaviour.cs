using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Common.Behaviours;

/// <summary>Logs the request's type and duration only: request bodies may carry secrets or PHI. Background polls at Debug.</summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<TRequest> logger, BackgroundRequests background) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        var level = background.Contains(typeof(TRequest)) ? LogLevel.Debug : LogLevel.Information;
        logger.Log(level, "Handled {Request} in {ElapsedMs:0.0} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }
}
