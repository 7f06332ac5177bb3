using EpicZoom.Application.Alerts.Common;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Alerts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Alerts.GetAlertSettings;

/// <summary>What the alerts page shows: where alerts go (the host only: the URL is a secret) and the thresholds.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public sealed record GetAlertSettingsQuery : IRequest<AlertSettingsDto>;

public enum AlertDestinationSource
{
    None,

    /// <summary>Set on the alerts page (stored encrypted).</summary>
    Portal,

    /// <summary>Alerts:WebhookUrl in the configuration; the page can replace it.</summary>
    Configuration,
}

public sealed record AlertSettingsDto(
    AlertDestinationSource Source, string? WebhookHost, DateTime? UpdatedAtUtc, int InboxLagSeconds, int EpicFailuresInARow, int QuietMinutes);

internal sealed class GetAlertSettingsQueryHandler(IAppDbContext db, AlertThresholds thresholds) : IRequestHandler<GetAlertSettingsQuery, AlertSettingsDto>
{
    public async Task<AlertSettingsDto> Handle(GetAlertSettingsQuery request, CancellationToken cancellationToken)
    {
        var stored = await db.AlertSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == AlertSettings.InstallationId, cancellationToken);
        var (source, host) = stored?.WebhookHost is { } portalHost
            ? (AlertDestinationSource.Portal, portalHost)
            : thresholds.DefaultWebhookUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
                ? (AlertDestinationSource.Configuration, uri.IdnHost)
                : (AlertDestinationSource.None, (string?)null);
        return new AlertSettingsDto(source, host, stored?.UpdatedAtUtc, (int)thresholds.InboxLag.TotalSeconds, thresholds.EpicFailuresInARow,
            (int)thresholds.QuietPeriod.TotalMinutes);
    }
}
