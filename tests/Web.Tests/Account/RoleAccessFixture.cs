using EpicZoom.Application.Common.Security;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests.Account;

/// <summary>One app with a signed-in client per role: the first admin (Administrator), a Help desk and an Auditor local account.</summary>
public sealed class RoleAccessFixture : IAsyncLifetime
{
    public EpicZoomApp App { get; } = new();

    public Dictionary<string, HttpClient> Clients { get; } = new();

    public async Task InitializeAsync()
    {
        Clients[AppRoles.Administrator] = await App.SignedInAdminAsync();
        Clients[AppRoles.HelpDesk] = await App.SignedInLocalUserAsync("hal.helpdesk", AppRoles.HelpDesk);
        Clients[AppRoles.Auditor] = await App.SignedInLocalUserAsync("audrey.auditor", AppRoles.Auditor);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
