using EpicZoom.Application.Notifications.SearchNotifications;
using EpicZoom.Domain.Notifications;

namespace EpicZoom.Web.Notifications;

/// <summary>What the admin typed into the notification records' filters: one search for the page and the same for its CSV.</summary>
public sealed class NotificationFilter
{
    public string? Term { get; set; }
    public string? Participant { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public NotificationStatus? Status { get; set; }
    public int? RespCode { get; set; }
    public Guid? TenantId { get; set; }

    // The dates are calendar days in UTC, as the column headings say: no local-time conversion.
    public SearchNotificationsQuery Query(int take, string? after = null, string? before = null) =>
        new(Term, Utc(From), Utc(SearchNotificationsQuery.EndOfDay(To)), Participant, Status, RespCode, take, TenantId, after, before);

    public string QueryString() => string.Join('&', new Dictionary<string, string?>
    {
        ["term"] = Term, ["participant"] = Participant, ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["status"] = Status?.ToString(), ["respCode"] = RespCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["tenant"] = TenantId?.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));

    private static DateTime? Utc(DateTime? day) => day is { } d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null;
}
