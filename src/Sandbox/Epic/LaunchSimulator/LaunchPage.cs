using System.Text;
using EpicZoom.Sandbox.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using static EpicZoom.Sandbox.Common.Html;

namespace EpicZoom.Sandbox.Epic.LaunchSimulator;

/// <summary>The simulator's home page: a form that launches EpicZoom as one of the FDI records would.</summary>
internal static class LaunchPage
{
    private static readonly (string Value, string Label)[] Types =
    [
        ("provider", "Provider (Hyperspace)"),
        ("nurse", "Nurse (Hyperspace)"),
        ("patient", "Patient (MyChart)"),
        ("zoomroom", "Zoom Room (in-patient)"),
        ("devicetest", "Device test (MyChart)"),
    ];

    private static readonly (string Name, string Label)[] Fields =
    [
        ("csn", "CSN (contact serial number)"),
        ("userId", "Epic user id (EMP or MyChart WPR)"),
        ("firstName", "First name of the launching user"),
        ("lastName", "Last name of the launching user"),
        ("providerId", "Launching provider id"),
        ("encounterProviderId", "Encounter provider id"),
        ("patientId", "Patient FHIR id"),
        ("conferenceId", "Group visit conference id (empty for a one-patient visit)"),
        ("roomName", "Zoom Room name"),
        ("roomDisplay", "Zoom Room display name"),
    ];

    public static IResult Render(HttpContext http, SandboxUrls urls, IOptions<SandboxOptions> options, LaunchStore launches)
    {
        var launchUrl = http.Request.PathBase + "/sandbox/epic/launch";

        // Generated here rather than at launch, so the person sees the CSN and can launch others into the same visit.
        var csn = RandomIds.Digits(9);
        var body = new StringBuilder();
        body.Append($"""
            <p>Opens EpicZoom at <code>{E(urls.EpicZoomBaseUrl)}/epicfhir/…</code> with <code>iss</code> = <code>{E(urls.EpicFhirBase)}</code>
            and a fresh launch token. Empty fields get generated values.</p>
            <form method="get" action="{E(http.Request.PathBase + "/sandbox/epic/launch")}">
            <label>Launch type <select name="type">
            """);
        foreach (var (value, label) in Types)
        {
            body.Append($"<option value=\"{E(value)}\">{E(label)}</option>");
        }

        body.Append($"""</select></label><label>org_id <input name="org_id" value="{E(options.Value.DefaultOrgId)}"></label>""");
        foreach (var (name, label) in Fields)
        {
            body.Append(name == "csn"
                ? $"""<label>{E(label)} <input name="csn" value="{E(csn)}" data-testid="generated-csn"> <small>generated: keep it to launch others into this visit</small></label>"""
                : $"""<label>{E(label)} <input name="{E(name)}" placeholder="generated"></label>""");
        }

        body.Append("""
            <label>useProviderZoomAccount <select name="useProviderZoomAccount"><option>false</option><option>true</option></select></label>
            <label>noRedirect <select name="noRedirect"><option>false</option><option>true</option></select></label>
            <button type="submit">Launch</button></form>
            """);
        AppendGroupVisit(body, launchUrl, options.Value.DefaultOrgId);
        body.Append($"""<p><a href="{E(http.Request.PathBase + "/sandbox/epic/schedule")}">Schedule: who is connected</a></p>""");
        AppendRecent(body, launchUrl, launches.Recent());
        return Page("Epic launch simulator", body.ToString());
    }

    /// <summary>
    /// A group visit ready to launch: one conference id, as the group-visit FDI records send it (<c>%CONFERENCEID%</c>),
    /// the provider's launch and three patients' launches, each patient with an identity and encounter of their own.
    /// </summary>
    private static void AppendGroupVisit(StringBuilder body, string launchUrl, string orgId)
    {
        var conferenceId = "G" + RandomIds.Digits(8);
        var providerId = "eGroup" + RandomIds.Digits(6);
        string Link(string type, string? patientId) => QueryHelpers.AddQueryString(launchUrl, new Dictionary<string, string?>
        {
            ["type"] = type, ["conferenceId"] = conferenceId, ["org_id"] = orgId,
            [type == "provider" ? "providerId" : "encounterProviderId"] = providerId, ["patientId"] = patientId,
        });

        body.Append($"""
            <h2>Group visit</h2>
            <p>Several patients, one meeting: the group-visit FDI records send the conference id <code data-testid="group-conference-id">{E(conferenceId)}</code>
            as <code>epicSessionId</code>. Open each link in its own browser window (or a private one): the provider first or last, the patients in any order.</p>
            <ul><li><a data-testid="group-provider" href="{E(Link("provider", null))}">Launch the provider (host)</a></li>
            """);
        for (var i = 1; i <= GroupPatients; i++)
        {
            body.Append($"""<li><a data-testid="group-patient" href="{E(Link("patient", $"eGroupPatient{conferenceId}-{i}"))}">Launch patient {i}</a></li>""");
        }

        body.Append("</ul>");
    }

    private const int GroupPatients = 3;

    /// <summary>The CSN of each recent launch, with one click to launch the patient or the provider into that visit.</summary>
    private static void AppendRecent(StringBuilder body, string launchUrl, IReadOnlyList<LaunchContext> recent)
    {
        if (recent.Count == 0)
        {
            return;
        }

        body.Append("<h2>Recent launches</h2><table><tr><th>CSN</th><th>launched as</th><th></th></tr>");
        foreach (var launch in recent)
        {
            string Link(string type) => QueryHelpers.AddQueryString(launchUrl, new Dictionary<string, string?>
            {
                ["type"] = type, ["csn"] = launch.ConferenceId is null ? launch.Csn : null, ["conferenceId"] = launch.ConferenceId, ["org_id"] = launch.OrgId,
            });
            body.Append($"""
                <tr><td data-testid="recent-csn">{E(launch.SessionId)}{(launch.ConferenceId is null ? "" : " <small>(group visit)</small>")}</td><td>{E(launch.Type.ToString())}</td>
                <td><a href="{E(Link("patient"))}">Launch the patient for this CSN</a> · <a href="{E(Link("provider"))}">Launch the provider for this CSN</a></td></tr>
                """);
        }

        body.Append("</table>");
    }
}
