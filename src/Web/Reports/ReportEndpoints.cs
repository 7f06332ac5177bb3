using System.Globalization;
using EpicZoom.Application.Reports.GetUsageReport;
using EpicZoom.Web.Common;
using MediatR;

namespace EpicZoom.Web.Reports;

internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Admin only (fallback policy). One row per UTC day of the range, the page's figures; days in ISO-8601 UTC.
        endpoints.MapGet("/api/admin/reports/usage.csv", async (string? tenant, string? from, string? to, IMediator mediator, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            Guid? tenantId = null;
            if (!string.IsNullOrWhiteSpace(tenant))
            {
                if (Guid.TryParse(tenant, out var parsed)) tenantId = parsed;
                else errors[nameof(tenant)] = ["The tenant filter is not a tenant id."];
            }
            var fromDay = Day(from, nameof(from), errors);
            var toDay = Day(to, nameof(to), errors);
            if (errors.Count > 0) return Results.ValidationProblem(errors);

            var report = await mediator.Send(new GetUsageReportQuery(tenantId, fromDay, toDay), ct);
            return CsvFile.Result(UsageCsv.Rows(report), $"usage-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv");
        });
        return endpoints;
    }

    /// <summary>A day as yyyy-MM-dd (the date pickers' format); the range rules are the query validator's.</summary>
    private static DateOnly? Day(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors[field] = [$"'{Domain.Common.SafeText.Clip(new string(value.Where(c => !char.IsControl(c)).ToArray()), 40)}' is not a date; use yyyy-MM-dd, e.g. 2026-11-23."];
        return null;
    }
}

/// <summary>The usage report as CSV rows: every value a number or an ISO-8601 UTC instant, nothing locale-dependent.</summary>
internal static class UsageCsv
{
    public static IEnumerable<Row> Rows(UsageReportDto report) => report.Days.Select(d => new Row(
        d.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        d.Visits, d.NoShows, d.TimedVisits, d.MedianVisitMinutes, d.PatientWaits, d.MedianPatientWaitMinutes, d.LaunchesCompleted, d.LaunchesFailed));

    public sealed record Row(
        string DayStartUtc, int Visits, int NoShows, int VisitsTimed, double? MedianVisitMinutes, int PatientWaitsTimed,
        double? MedianPatientWaitMinutes, int LaunchesCompleted, int LaunchesFailed);
}
