using System.Net;
using System.Text.Json;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests.Reports;

/// <summary>The usage report and launch records are the admin's: anonymous callers meet sign-in; the CSV's bad filters are 400s naming them.</summary>
public sealed class ReportsAccessAndCsvTests(AdminApp fixture) : IClassFixture<AdminApp>
{
    [Theory]
    [InlineData("/reports/usage")]
    [InlineData("/launch-records")]
    public async Task AnonymousRequest_ToAReportPage_EndsAtSignIn(string path)
    {
        using var app = new EpicZoomApp();

        var response = await app.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AnonymousRequest_ForTheUsageCsv_IsUnauthorized()
    {
        using var app = new EpicZoomApp();

        var response = await app.CreateBrowserlessClient().GetAsync("/api/admin/reports/usage.csv");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("tenant=mercy", "tenant")]
    [InlineData("from=2026-11-23&to=2026-11-01", "To")]
    [InlineData("from=2025-01-01&to=2026-11-01", "To")]
    [InlineData("from=1999-12-31&to=2000-01-01", "From")]
    public async Task UsageCsv_WithABadFilter_Is400NamingIt(string query, string field)
    {
        var admin = await fixture.AdminAsync();

        var response = await admin.GetAsync("/api/admin/reports/usage.csv?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        Assert.NotEmpty(messages[0].GetString()!);
    }

    [Fact]
    public async Task UsageCsv_HasARowPerUtcDay_StartingWithItsIsoUtcInstant()
    {
        var admin = await fixture.AdminAsync();

        var response = await admin.GetAsync("/api/admin/reports/usage.csv?from=2026-02-27&to=2026-03-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("DayStartUtc,Visits,NoShows,VisitsTimed,MedianVisitMinutes,PatientWaitsTimed,MedianPatientWaitMinutes,LaunchesCompleted,LaunchesFailed", lines[0]);
        Assert.Equal(["2026-02-27T00:00:00Z,0,0,0,,0,,0,0", "2026-02-28T00:00:00Z,0,0,0,,0,,0,0", "2026-03-01T00:00:00Z,0,0,0,,0,,0,0"], lines[1..]);
    }
}
