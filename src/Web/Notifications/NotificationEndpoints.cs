using System.Globalization;
using EpicZoom.Application.Notifications.SearchNotifications;
using EpicZoom.Domain.Notifications;
using EpicZoom.Web.Common;
using MediatR;

namespace EpicZoom.Web.Notifications;

internal static class NotificationEndpoints
{
    /// <summary>The most rows one CSV export holds (newest first).</summary>
    public const int MaxCsvRows = 100_000;

    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Admin only (fallback policy). The page's search as JSON: the same filters, 50 rows newest first, paged by the
        // page's cursors (?after=<nextCursor> or ?before=<previousCursor>); a garbled cursor is a 400 naming it.
        endpoints.MapGet("/api/admin/notifications", async (string? term, string? participant, string? from, string? to,
            string? status, string? respCode, string? tenant, string? after, string? before, string? take, IMediator mediator, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var filter = Filter(term, participant, from, to, status, respCode, tenant, errors);
            var size = 50;
            if (!string.IsNullOrWhiteSpace(take) && !int.TryParse(take, NumberStyles.None, CultureInfo.InvariantCulture, out size))
                errors[nameof(take)] = [$"Enter the page size as a number from 1 to {SearchNotificationsQueryValidator.MaxTake}."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            return Results.Ok(await mediator.Send(filter.Query(size, after, before), ct));
        });

        // Same filters as the page and the same order (newest first); one row per report with its last answer. The filters
        // arrive as text and are read here, so a bad one is a 400 naming it, not a binding failure or an overflow.
        endpoints.MapGet("/api/admin/notifications.csv", async (string? term, string? participant, string? from, string? to,
            string? status, string? respCode, string? tenant, IMediator mediator, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var filter = Filter(term, participant, from, to, status, respCode, tenant, errors);
            if (errors.Count > 0) return Results.ValidationProblem(errors);

            // Page after page by cursor (each as cheap as the first), up to MaxCsvRows.
            var rows = new List<NotificationRowDto>();
            string? after = null;
            do
            {
                var page = await mediator.Send(filter.Query(SearchNotificationsQueryValidator.MaxTake, after), ct);
                rows.AddRange(page.Items);
                after = page.NextCursor;
            }
            while (after is not null && rows.Count < MaxCsvRows);
            return CsvFile.Result(rows.Take(MaxCsvRows).Select(r => new
            {
                r.TenantName, r.Csn, r.ZoomMeetingId, r.ParticipantRole, r.ExternalId, Event = r.Kind, Code = r.StatusCode, r.OccurredAtUtc, r.CreatedAtUtc,
                r.Status, r.LastRespCode, r.AttemptCount, r.LastAttemptAtUtc, r.DeliveredAtUtc, r.NextAttemptAtUtc,
            }), $"notification-records-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv");
        });
        return endpoints;
    }

    /// <summary>The page's filters read from the query string; each bad one is an entry in <paramref name="errors"/>.</summary>
    private static NotificationFilter Filter(string? term, string? participant, string? from, string? to, string? status, string? respCode, string? tenant,
        Dictionary<string, string[]> errors)
    {
        var filter = new NotificationFilter
        {
            Term = term, Participant = participant, From = Date(from, nameof(from), errors), To = Date(to, nameof(to), errors), Status = Status(status, errors),
        };
        if (!string.IsNullOrWhiteSpace(respCode))
        {
            if (int.TryParse(respCode, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) filter.RespCode = parsed;
            else errors[nameof(respCode)] = ["Enter the RespCode as a number, e.g. 200 or 500."];
        }
        if (!string.IsNullOrWhiteSpace(tenant))
        {
            if (Guid.TryParse(tenant, out var parsedTenant)) filter.TenantId = parsedTenant;
            else errors[nameof(tenant)] = ["The tenant filter is not a tenant id."];
        }
        return filter;
    }

    /// <summary>A day (yyyy-MM-dd, or an ISO date-time) in UTC; the range check is the query validator's.</summary>
    private static DateTime? Date(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTime.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            return date;
        errors[field] = [$"'{Shorten(value)}' is not a date; use yyyy-MM-dd, e.g. 2026-11-23."];
        return null;
    }

    private static NotificationStatus? Status(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // Names only: Enum.TryParse would also take "7", which is no status.
        if (Enum.GetNames<NotificationStatus>().FirstOrDefault(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            return Enum.Parse<NotificationStatus>(name);
        errors["status"] = [$"Status must be one of {string.Join(", ", Enum.GetNames<NotificationStatus>())}."];
        return null;
    }

    private static string Shorten(string value) => Domain.Common.SafeText.Clip(new string(value.Where(c => !char.IsControl(c)).ToArray()), 40);
}
