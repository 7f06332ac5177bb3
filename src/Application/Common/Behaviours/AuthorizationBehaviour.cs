using System.Reflection;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using MediatR;

namespace EpicZoom.Application.Common.Behaviours;

/// <summary>
/// Second line of defence behind the web layer's policies: a request marked [Authorize] refuses anonymous callers and
/// callers in none of its roles. A signed-in caller's refusal is audited, as it means a page let them try or someone
/// called the API directly.
/// </summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser user, IAccessAudit audit) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var attributes = typeof(TRequest).GetCustomAttributes<AuthorizeAttribute>().ToList();
        if (attributes.Count == 0) return await next();

        if (user.UserName is not { } name) throw new ForbiddenAccessException();
        foreach (var attribute in attributes.Where(a => a.Roles.Length > 0))
        {
            var roles = attribute.Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (roles.Any(user.IsInRole)) continue;

            await audit.RecordDeniedAsync(name, typeof(TRequest).Name, "needs " + string.Join(" or ", roles.Select(AppRoles.DisplayName)), cancellationToken);
            throw new ForbiddenAccessException();
        }
        return await next();
    }
}
