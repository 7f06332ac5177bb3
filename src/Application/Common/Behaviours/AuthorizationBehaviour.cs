using System.Reflection;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using MediatR;

namespace EpicZoom.Application.Common.Behaviours;

/// <summary>Second line of defence behind the web layer's policies: admin use cases refuse anonymous callers.</summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser user) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var attributes = typeof(TRequest).GetCustomAttributes<AuthorizeAttribute>().ToList();
        if (attributes.Count == 0) return next();

        if (user.UserName is null) throw new ForbiddenAccessException();
        foreach (var attribute in attributes.Where(a => a.Roles.Length > 0))
        {
            var roles = attribute.Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!roles.Any(user.IsInRole)) throw new ForbiddenAccessException();
        }
        return next();
    }
}
