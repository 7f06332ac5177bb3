using System.Globalization;
using System.Text;
using EpicZoom.Sandbox.Epic.Telehealth;
using Microsoft.AspNetCore.Http;
using static EpicZoom.Sandbox.Common.Html;

namespace EpicZoom.Sandbox.Epic.LaunchSimulator;

/// <summary>
/// Hyperspace's schedule view: one green/grey light per participant of each recent visit.
/// Built only from the status reports Epic accepted, so it shows exactly what EpicZoom reported.
/// </summary>
internal static class SchedulePage
{
    public const string ConnectedCode = "1";

    private const int MaxVisits = 50;

    public static IResult Render(TelehealthReportLog log)
    {
        var visits = log.StatusReports()
            .Where(r => r.StatusCode == StatusCodes.Status200OK && r.ConferenceId is not null && r.ExternalId is not null)
            .GroupBy(r => r.ConferenceId!)
            .Select(visit => (Csn: visit.Key, Last: visit.Max(r => r.Time), People: visit.GroupBy(r => r.ExternalId!).Select(p => p.Last()).ToList()))
            .OrderByDescending(visit => visit.Last)
            .Take(MaxVisits)
            .ToList();

        var body = new StringBuilder("<p class=\"muted\">Refreshes every 3 seconds. Lights come only from SetExternalConnectionStatus calls answered 200.</p>");
        if (visits.Count == 0)
        {
            body.Append("<p>No status reports yet.</p>");
        }
        else
        {
            body.Append("<table><tr><th>CSN or group conference ID</th><th>Participant (ExternalID)</th><th>Status</th><th>Reported</th></tr>");
            foreach (var (csn, _, people) in visits)
            {
                foreach (var report in people)
                {
                    var connected = report.ConnectionStatus == ConnectedCode;
                    body.Append(CultureInfo.InvariantCulture, $"""
                        <tr><td>{E(csn)}</td><td>{E(report.ExternalId)} <span class="muted">(type {E(report.ExternalIdType)})</span></td>
                        <td><span class="light {(connected ? "on" : "off")}"></span>{(connected ? "connected" : "not connected")} <span class="muted">(code {E(report.ConnectionStatus)})</span></td>
                        <td>{E(report.Time.ToString("u", CultureInfo.InvariantCulture))}</td></tr>
                        """);
                }
            }

            body.Append("</table>");
        }

        return Page("Epic schedule", body.ToString(), head: "<meta http-equiv=\"refresh\" content=\"3\">");
    }
}
