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
        body.Append($"""<p><a href="{E(http.Request.PathBase + "/sandbox/epic/schedule")}">Schedule: who is connected</a></p>""");
        AppendRecent(body, launchUrl, launches.Recent());
        return Page("Epic launch simulator", body.ToString());
    }

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
                ["type"] = type, ["csn"] = launch.Csn, ["org_id"] = launch.OrgId,
            });
            body.Append($"""
                <tr><td data-testid="recent-csn">{E(launch.Csn)}</td><td>{E(launch.Type.ToString())}</td>
                <td><a href="{E(Link("patient"))}">Launch the patient for this CSN</a> · <a href="{E(Link("provider"))}">Launch the provider for this CSN</a></td></tr>
                """);
        }

        body.Append("</table>");
    }
}
