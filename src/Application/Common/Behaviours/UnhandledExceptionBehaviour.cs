using EpicZoom.Application.Common.Exceptions;
using MediatR;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Common.Behaviours;

/// <summary>Logs unexpected failures with the request's type only (never its values), then rethrows for the edge to map.</summary>
public sealed class UnhandledExceptionBehaviour<TRequest, TResponse>(ILogger<TRequest> logger) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception ex) when (ex is not (ValidationException or NotFoundException or ForbiddenAccessException or Launch.Common.LaunchException or Webhooks.ReceiveZoomWebhook.WebhookRejectedException or OperationCanceledException))
        {
            logger.LogError(ex, "Request {Request} failed with {ExceptionType}", typeof(TRequest).Name, ex.GetType().Name);
            throw;
        }
    }
}
