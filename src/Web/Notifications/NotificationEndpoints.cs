using System.Globalization;
using System.Text;
using CsvHelper;
using EpicZoom.Application.Notifications.SearchNotifications;
using EpicZoom.Domain.Notifications;
using MediatR;

namespace EpicZoom.Web.Notifications;

internal static class NotificationEndpoints
{
    public const int MaxCsvRows = 100_000;

    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Admin only (fallback policy). Same filters as the page; one row per report with its last answer.
        endpoints.MapGet("/api/admin/notifications.csv", async (string? term, string? participant, DateTime? from, DateTime? to,
            NotificationStatus? status, int? respCode, IMediator mediator, CancellationToken ct) =>
        {
            var page = await mediator.Send(new SearchNotificationsQuery(term, from, to?.AddDays(1), participant, status, respCode, 0,
                SearchNotificationsQueryValidator.MaxTake), ct);
            var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
            {
                csv.WriteRecords(page.Items.Select(r => new
                {
                    r.TenantName, r.Csn, r.ZoomMeetingId, r.ParticipantRole, r.ExternalId, Event = r.Kind, Code = r.StatusCode, r.OccurredAtUtc, r.CreatedAtUtc,
                    r.Status, r.LastRespCode, r.AttemptCount, r.LastAttemptAtUtc, r.DeliveredAtUtc, r.NextAttemptAtUtc,
                }));
            }
            return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", $"notification-records-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
        });
        return endpoints;
    }
}
