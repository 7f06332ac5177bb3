using System.Security.Claims;
using EpicZoom.Application.Common.Interfaces;
using Microsoft.AspNetCore.Components.Authorization;

namespace EpicZoom.Web.Common;

/// <summary>The caller: from the Blazor circuit's authentication state, or from the HTTP request outside a circuit.</summary>
internal sealed class CurrentUser(IHttpContextAccessor http, IServiceProvider services) : ICurrentUser
{
    public string? UserName => Principal?.Identity is { IsAuthenticated: true } identity ? identity.Name : null;

    public bool IsInRole(string role) => Principal?.IsInRole(role) ?? false;

    private ClaimsPrincipal? Principal
    {
        get
        {
            if (services.GetService<AuthenticationStateProvider>() is { } provider)
            {
                try
                {
                    // Inside a circuit the state is already known, so this task has completed.
                    var state = provider.GetAuthenticationStateAsync();
                    if (state.IsCompletedSuccessfully) return state.Result.User;
                }
                catch (InvalidOperationException)
                {
                    // Not in a circuit: fall through to the HTTP request.
                }
            }
            return http.HttpContext?.User;
        }
    }
}
