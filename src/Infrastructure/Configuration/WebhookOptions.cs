using EpicZoom.Application.Webhooks.ProcessWebhookEvents;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Configuration;

/// <summary>Section "Webhooks" (docs/configuration.md).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// How many processors apply stored webhooks side by side on this instance (1 to 16); unset: 1 on SQLite, whose
    /// commits take its one write lock in turn anyway, and 2 on PostgreSQL and SQL Server.
    /// </summary>
    public int? Processors { get; set; }

    public int EffectiveProcessors(DatabaseProvider provider) => Processors ?? (provider == DatabaseProvider.Sqlite ? 1 : 2);
}

public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.Processors is { } processors && (processors < 1 || processors > ProcessWebhookEventsCommand.MaxProcessors)
            ? ValidateOptionsResult.Fail($"Webhooks:Processors must be from 1 to {ProcessWebhookEventsCommand.MaxProcessors} (e.g. 2), or unset for 1 on SQLite and 2 on PostgreSQL and SQL Server.")
            : ValidateOptionsResult.Success;
}
