using MediatR;
using Microsoft.AspNetCore.Components.Authorization;

namespace EpicZoom.Web.Common;

/// <summary>
/// Sends a request from a Blazor page in a fresh DI scope (so each use case gets its own DbContext, not one that
/// lives as long as the circuit) carrying the circuit's signed-in user into that scope.
/// </summary>
internal sealed class ScopedMediator(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<T> Send<T>(IRequest<T> request, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
            host.SetAuthenticationState(authentication.GetAuthenticationStateAsync());
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }
}
