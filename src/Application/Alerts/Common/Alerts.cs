using System.Collections.Concurrent;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Alerts.Common;

/// <summary>
/// Raises an alert: a Warning log line (codes and ids only, no PHI), the <c>epiczoom.alerts</c> metric and, when a
/// destination is set, a post to the installation's alert webhook. One alert per condition and subject per
/// <see cref="AlertThresholds.QuietPeriod"/>: the log line and the metric per instance, the post once for the whole
/// installation (instances on one database claim it in <see cref="SentAlert"/>). Never throws and never waits on
/// the webhook: a receiver that is down or slow cannot hold up the dispatch that noticed the problem.
/// </summary>
public sealed partial class Alerts(
    IServiceScopeFactory scopes, IAlertWebhook webhook, EpicZoomMetrics metrics, AlertThresholds thresholds, TimeProvider clock, ILogger<Alerts> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastRaised = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, int> epicFailuresInARow = new();
    private readonly ConcurrentBag<Task> deliveries = [];

    public AlertThresholds Thresholds => thresholds;

    /// <summary>
    /// Raises <paramref name="condition"/> for <paramref name="subject"/> (a tenant id, "installation") unless it was
    /// raised within the quiet period. <paramref name="text"/> must hold no PHI. Returns whether it was raised.
    /// </summary>
    public bool Raise(string condition, string subject, string text)
    {
        var key = condition + "|" + subject;
        var now = clock.GetUtcNow();
        var raised = false;
        lastRaised.AddOrUpdate(key, _ =>
        {
            raised = true;
            return now;
        }, (_, last) =>
        {
            if (now - last < thresholds.QuietPeriod) return last;
            raised = true;
            return now;
        });
        if (!raised) return false;

        LogAlert(condition, subject, text);
        metrics.AlertRaised(condition);
        var delivery = Task.Run(() => DeliverAsync(key, condition, text));
        deliveries.Add(delivery);
        return true;
    }

    /// <summary>
    /// Counts Epic's answer to a status report for the tenant; the <see cref="AlertThresholds.EpicFailuresInARow"/>th
    /// non-2xx (or no answer) in a row raises <see cref="AlertConditions.EpicFailing"/>. A 2xx resets the count.
    /// </summary>
    public void EpicAnswered(Guid tenantId, int respCode)
    {
        if (respCode is >= 200 and < 300)
        {
            epicFailuresInARow.TryRemove(tenantId, out _);
            return;
        }
        var inARow = epicFailuresInARow.AddOrUpdate(tenantId, 1, (_, n) => n + 1);
        if (inARow >= thresholds.EpicFailuresInARow)
            Raise(AlertConditions.EpicFailing, tenantId.ToString(),
                $"EpicZoom: Epic answered {inARow} status reports in a row for tenant {tenantId} with an error (last RespCode {respCode}). Check Notification records and the tenant's troubleshooting page.");
    }

    /// <summary>Where alerts go: the portal's destination, else Alerts:WebhookUrl, else nowhere.</summary>
    public async Task<string?> DestinationAsync(IAppDbContext db, ISecretProtector protector, CancellationToken ct)
    {
        var settings = await db.AlertSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == AlertSettings.InstallationId, ct);
        return settings?.WebhookUrlProtected is { } stored ? protector.Unprotect(stored) : thresholds.DefaultWebhookUrl;
    }

    /// <summary>Waits for the posts started so far (tests, shutdown).</summary>
    public Task DeliveriesAsync() => Task.WhenAll(deliveries.ToArray());

    private async Task DeliverAsync(string key, string condition, string text)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            var url = await DestinationAsync(db, scope.ServiceProvider.GetRequiredService<ISecretProtector>(), CancellationToken.None);
            if (url is null) return;
            if (!await ClaimAsync(db, key, CancellationToken.None))
            {
                LogSentElsewhere(condition);
                return;
            }
            var answer = await webhook.SendAsync(url, text, CancellationToken.None);
            if (!answer.Delivered) LogNotDelivered(condition, answer.StatusCode, answer.Problem ?? "");
        }
        catch (Exception ex)
        {
            LogNotDelivered(condition, 0, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Whether this instance posts the alert: no instance posted it within the quiet period. Moving the time on is one
    /// conditional update (a second instance's update then matches nothing); the first delivery of a key is an insert,
    /// and of two at once the primary key keeps one.
    /// </summary>
    private async Task<bool> ClaimAsync(IAppDbContext db, string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var quietSince = now - thresholds.QuietPeriod;
        if (await db.SentAlerts.Where(d => d.Key == key && d.LastSentAtUtc <= quietSince)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSentAtUtc, now), ct) == 1)
            return true;
        if (await db.SentAlerts.AnyAsync(d => d.Key == key, ct)) return false;
        db.SentAlerts.Add(SentAlert.First(key, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Condition} already sent to the alert webhook by another instance within the quiet period")]
    private partial void LogSentElsewhere(string condition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Condition} ({Subject}): {Text}")]
    private partial void LogAlert(string condition, string subject, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Condition} not delivered to the alert webhook (status {StatusCode}) {Problem}")]
    private partial void LogNotDelivered(string condition, int statusCode, string problem);
}
