using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Common.Behaviours;

/// <summary>
/// Logs unexpected failures with the request's type only (never its values), then rethrows for the edge to map. Known
/// failures (<see cref="AppException"/>, a broken domain rule) are answers, not faults: the edge logs them in one line.
/// </summary>
public sealed class UnhandledExceptionBehaviour<TRequest, TResponse>(ILogger<TRequest> logger) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception ex) when (ex is not (AppException or DomainRuleViolationException or OperationCanceledException))
        {
            logger.LogError(ex, "Request {Request} failed with {ExceptionType}", typeof(TRequest).Name, ex.GetType().Name);
            throw;
        }
    }
}
