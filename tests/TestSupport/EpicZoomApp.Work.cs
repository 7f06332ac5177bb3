using System.Security.Claims;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Notifications.DispatchNotifications;
using EpicZoom.Application.Webhooks.ProcessWebhookEvents;
using EpicZoom.Infrastructure.Persistence;
using MediatR;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.TestSupport;

/// <summary>Starting the app, reaching into it as a test does, and doing its background work on the test's call.</summary>
public sealed partial class EpicZoomApp
{
    /// <summary>The sandbox tenant's org_id (SandboxTenantSeeder.OrgId).</summary>
    public const string SandboxOrgId = "sandbox";

    /// <summary>Names the drain's notification leases, as each instance's dispatcher names its own.</summary>
    private readonly string drainOwner = $"test-drain:{Guid.NewGuid():N}";

    /// <summary>Builds and starts an app; with the sandbox on, returns once the sandbox tenant is seeded.</summary>
    public static async Task<EpicZoomApp> StartAsync(EpicZoomAppOptions options)
    {
        var app = await Task.Run(() => new EpicZoomApp(options));
        try
        {
            return await app.StartedAsync();
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>Starts the host (off the caller's thread: WebApplicationFactory starts synchronously) and, with the sandbox on, checks the seeded tenant.</summary>
    public async Task<EpicZoomApp> StartedAsync()
    {
        await Task.Run(() =>
        {
            if (Options.Kestrel) StartServer();
            else _ = Services;
        });
        // The seeder runs as the host starts (IHostedLifecycleService.StartedAsync); a deadline guards a change to that.
        if (Options.Sandbox)
            await Eventually.HoldsAsync(() => DbAsync(db => db.Tenants.AnyAsync(t => t.OrgId == SandboxOrgId)), seeded => seeded, "the sandbox tenant to be seeded");
        return this;
    }

    /// <summary>Runs <paramref name="work"/> with the services of a fresh scope (its DbContext, its mediator), like one request.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Reads or changes the app's database in a fresh scope.</summary>
    public Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> query) => InScopeAsync(services => query(services.GetRequiredService<AppDbContext>()));

    /// <summary>Sends a use case as a signed-in admin would (as the sandbox seed does), through the whole MediatR pipeline.</summary>
    public Task<T> SendAsAdminAsync<T>(IRequest<T> request, string userName = "test-admin") =>
        InScopeAsync(services => SendAsAdminAsync(services, request, userName));

    /// <summary>Sends a use case as a signed-in admin with the services of a scope the caller holds.</summary>
    public static Task<T> SendAsAdminAsync<T>(IServiceProvider scoped, IRequest<T> request, string userName = "test-admin")
    {
        if (scoped.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
        {
            var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, AppRoles.Administrator)], "test"));
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(admin)));
        }
        return scoped.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>
    /// Does the background workers' queued work now: processes the webhook events that are due and dispatches the
    /// notifications that are due (the very commands the workers send each poll), round after round until one finds
    /// nothing. The workers keep running beside it, as another instance would. A test that asserts something was
    /// not done drains first, so that had it been due, it would have been done and the assertion would fail.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        const int rounds = 50;
        for (var round = 0; round < rounds; round++)
        {
            var done = await InScopeAsync(async services =>
            {
                var mediator = services.GetRequiredService<IMediator>();
                var events = await mediator.Send(new ProcessWebhookEventsCommand(), cancellationToken);
                var notifications = await mediator.Send(new DispatchNotificationsCommand(drainOwner), cancellationToken);
                return events + notifications;
            });
            if (done == 0) return;
        }
        throw new InvalidOperationException($"Work was still due after {rounds} rounds of draining.");
    }
}
