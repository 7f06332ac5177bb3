using System.Net;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests.Webhooks;

public sealed class NotificationRecordsPageTests : IDisposable
{
    private readonly EpicZoomApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task NotificationRecords_AreForSignedInAdminsOnly()
    {
        var anonymous = app.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/notifications.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/notifications")).StatusCode);
    }

    [Fact]
    public async Task NotificationRecords_PageAndCsvExport_OpenForAnAdmin()
    {
        var admin = await app.SignedInAdminAsync();

        var page = await admin.GetStringAsync("/notifications");
        var csv = await admin.GetAsync("/api/admin/notifications.csv?term=123");

        Assert.Contains("Notification records", page);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("TenantName,Csn,ZoomMeetingId", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CsvExport_WithAnInvalidRange_Is400WithTheReason()
    {
        var admin = await app.SignedInAdminAsync();

        var response = await admin.GetAsync("/api/admin/notifications.csv?from=2026-11-20&to=2026-11-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("before its start", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("after=garbled%21")]
    [InlineData("before=AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("after=%F0%9F%98%80%00")]
    public async Task Search_WithACursorItDidNotMake_Is400WithAMessage(string query)
    {
        var admin = await app.SignedInAdminAsync();

        var response = await admin.GetAsync("/api/admin/notifications?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("page link is not one this search made", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_AsJson_GivesThePageAndItsCursors()
    {
        var admin = await app.SignedInAdminAsync();

        var response = await admin.GetAsync("/api/admin/notifications?take=10&status=failed");
        var badTake = await admin.GetAsync("/api/admin/notifications?take=ten");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"items\":[]", body);
        Assert.Contains("\"nextCursor\":null", body);
        Assert.Equal(HttpStatusCode.BadRequest, badTake.StatusCode);
    }
}
