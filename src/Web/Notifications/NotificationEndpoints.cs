using System.Globalization;
using EpicZoom.Application.Notifications.SearchNotifications;
using EpicZoom.Domain.Notifications;
using EpicZoom.Web.Common;
using MediatR;

namespace EpicZoom.Web.Notifications;

internal static class NotificationEndpoints
{
    public const int MaxCsvRows = 100_000;

    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Admin only (fallback policy). Same filters as the page; one row per report with its last answer. The filters
        // arrive as text and are read here, so a bad one is a 400 naming it, not a binding failure or an overflow.
        endpoints.MapGet("/api/admin/notifications.csv", async (string? term, string? participant, string? from, string? to,
            string? status, string? respCode, string? tenant, IMediator mediator, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var fromDate = Date(from, nameof(from), errors);
            var toDate = Date(to, nameof(to), errors);
            var statusValue = Status(status, errors);
            int? code = null;
            if (!string.IsNullOrWhiteSpace(respCode))
            {
                if (int.TryParse(respCode, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) code = parsed;
                else errors[nameof(respCode)] = ["Enter the RespCode as a number, e.g. 200 or 500."];
            }
            Guid? tenantId = null;
            if (!string.IsNullOrWhiteSpace(tenant))
            {
                if (Guid.TryParse(tenant, out var parsedTenant)) tenantId = parsedTenant;
                else errors[nameof(tenant)] = ["The tenant filter is not a tenant id."];
            }
            if (errors.Count > 0) return Results.ValidationProblem(errors);

            var page = await mediator.Send(new SearchNotificationsQuery(term, fromDate, SearchNotificationsQuery.EndOfDay(toDate), participant, statusValue, code, 0,
                SearchNotificationsQueryValidator.MaxTake, tenantId), ct);
            return CsvFile.Result(page.Items.Select(r => new
            {
                r.TenantName, r.Csn, r.ZoomMeetingId, r.ParticipantRole, r.ExternalId, Event = r.Kind, Code = r.StatusCode, r.OccurredAtUtc, r.CreatedAtUtc,
                r.Status, r.LastRespCode, r.AttemptCount, r.LastAttemptAtUtc, r.DeliveredAtUtc, r.NextAttemptAtUtc,
            }), $"notification-records-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv");
        });
        return endpoints;
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
