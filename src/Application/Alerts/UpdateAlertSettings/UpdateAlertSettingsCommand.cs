using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Alerts;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Alerts.UpdateAlertSettings;

/// <summary>Sets the installation's alert webhook (stored encrypted; only its host is shown back), or clears it.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public sealed record UpdateAlertSettingsCommand(string? WebhookUrl, bool Clear = false) : IRequest<Unit>
{
    public override string ToString() => $"UpdateAlertSettingsCommand {{ Clear = {Clear} }}";
}

public sealed class UpdateAlertSettingsCommandValidator : AbstractValidator<UpdateAlertSettingsCommand>
{
    public const int MaxUrlLength = 2000;

    public UpdateAlertSettingsCommandValidator()
    {
        RuleFor(c => c.WebhookUrl)
            .NotEmpty().When(c => !c.Clear).WithMessage("Paste the incoming webhook URL of the Teams or Slack channel, or choose to clear it.")
            .MaximumLength(MaxUrlLength).WithMessage($"A webhook URL is at most {MaxUrlLength} characters.")
            .Must(BeWebhookUrl!).When(c => !c.Clear && !string.IsNullOrWhiteSpace(c.WebhookUrl) && c.WebhookUrl.Length <= MaxUrlLength)
            .WithMessage("Enter an absolute https:// URL (http:// only for this machine, e.g. the sandbox's alert inbox), without user name or password.");
    }

    /// <summary>https anywhere; plain http only on loopback (the sandbox sink, a local relay): the URL carries the receiver's secret.</summary>
    public static bool BeWebhookUrl(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.UserInfo.Length == 0 && !string.IsNullOrEmpty(uri.Host)
        && HttpUrl.HasAsciiHost(uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

internal sealed class UpdateAlertSettingsCommandHandler(IAppDbContext db, ISecretProtector protector, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<UpdateAlertSettingsCommand, Unit>
{
    public async Task<Unit> Handle(UpdateAlertSettingsCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await db.AlertSettings.SingleOrDefaultAsync(s => s.Id == AlertSettings.InstallationId, cancellationToken);
        if (settings is null)
        {
            settings = AlertSettings.ForInstallation(now);
            db.AlertSettings.Add(settings);
        }
        if (request.Clear)
        {
            settings.ClearWebhook(now);
        }
        else
        {
            var url = request.WebhookUrl!.Trim();
            settings.SetWebhook(protector.Protect(url), new Uri(url).IdnHost, now);
        }
        // The host is not secret, the URL is: the audit names the change, never the value.
        db.AuditEntries.Add(AuditEntry.Record(now, user.UserName ?? "", request.Clear ? "AlertWebhookCleared" : "AlertWebhookSet", "AlertSettings",
            AlertSettings.InstallationId.ToString(), request.Clear ? "alert webhook cleared" : $"alert webhook set (host {settings.WebhookHost})"));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
