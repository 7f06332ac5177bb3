using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Webhooks.ProcessWebhookEventAgain;
using EpicZoom.Domain.Webhooks;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using MediatR;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// Nothing acknowledged is lost silently: a stored event whose processing keeps failing (here: a body the key ring
/// cannot decrypt) stops being retried, needs attention with its reason, is listed on "Webhook events" and in the
/// admin API, and "Process again" gives it another round.
/// </summary>
public sealed class WebhookEventsAttentionTests : IDisposable
{
    // In-memory test server (sign-in through the real forms works there), sandbox on for its seeded tenant.
    private readonly EpicZoomApp app = new(new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task AnEventThatKeepsFailing_NeedsAttention_IsListed_AndCanBeProcessedAgain()
    {
        var id = await StoreUndecryptableEventAsync();

        var stuck = await WebhookTestKit.EventuallyAsync(() => EventAsync(id), e => e.NeedsAttention, "the event to need attention",
            between: () => MakeRetryDueAsync(id));
        Assert.Equal(ZoomWebhookEvent.MaxProcessingAttempts, stuck.ProcessingAttempts);
        Assert.Null(stuck.ProcessedAtUtc);
        Assert.Contains("cannot be decrypted", stuck.ProcessingNote, StringComparison.Ordinal);

        var admin = await app.SignedInAdminAsync();
        using var listed = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/webhook-events"));
        var row = listed.RootElement.GetProperty("needingAttention").EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);
        Assert.Equal(("meeting.started", "Sandbox Health"), (row.GetProperty("eventType").GetString(), row.GetProperty("tenantName").GetString()));
        Assert.Contains("cannot be decrypted", row.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var page = await admin.GetStringAsync("/webhook-events");
        Assert.Contains("Process again", page, StringComparison.Ordinal);
        Assert.Contains(stuck.ReceivedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);

        var again = await admin.PostAsync($"/api/admin/webhook-events/{id}/process-again", null);

        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var retried = await WebhookTestKit.EventuallyAsync(() => EventAsync(id), e => e.ProcessingAttempts >= 1 && !e.NeedsAttention || e.ProcessingAttempts == 0,
            "process again to reset the event");
        Assert.Null(retried.ProcessedAtUtc);
        Assert.Contains(await DbAsync(db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync()), a => a == "WebhookEventProcessAgain");
        await Assert.ThrowsAsync<ValidationException>(() => SendAsAdminAsync(new ProcessWebhookEventAgainCommand(id)));
    }

    [Fact]
    public async Task WebhookEvents_AreForSignedInAdminsOnly()
    {
        var anonymous = app.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/webhook-events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/webhook-events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/admin/webhook-events/{Guid.NewGuid()}/process-again", new { })).StatusCode);
    }

    private async Task<Guid> StoreUndecryptableEventAsync()
    {
        var tenant = (await WebhookTestKit.EventuallyAsync(() => DbAsync(db => db.Tenants.AsNoTracking().Where(t => t.OrgId == "sandbox").Select(t => (Domain.Tenants.TenantId?)t.Id).SingleOrDefaultAsync()),
            t => t is not null, "the sandbox tenant seeded"))!.Value;
        var stored = ZoomWebhookEvent.Receive(tenant, "meeting.started", Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), "not-a-protected-value", DateTime.UtcNow);
        await DbAsync(async db =>
        {
            db.WebhookEvents.Add(stored);
            return await db.SaveChangesAsync();
        });
        return stored.Id;
    }

    private async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private async Task<T> SendAsAdminAsync<T>(IRequest<T> request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
        {
            var admin = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "webhook-tests"),
                 new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, EpicZoom.Application.Common.Security.AppRoles.Administrator)], "test"));
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(admin)));
        }
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private Task<ZoomWebhookEvent> EventAsync(Guid id) => DbAsync(db => db.WebhookEvents.AsNoTracking().SingleAsync(e => e.Id == id));

    /// <summary>Spares the test the backoff (2 s, 8 s, 32 s...) without changing what an attempt does.</summary>
    private Task<int> MakeRetryDueAsync(Guid id)
    {
        var now = DateTime.UtcNow;
        return DbAsync(db => db.WebhookEvents.Where(e => e.Id == id && e.NextAttemptAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAtUtc, now)));
    }
}
