using System.Net;
using System.Net.Http.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Zoom;

public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task FailedDelivery_IsRetriedAndEveryAttemptRecorded()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();
        await WarmUpValidationAsync(host, zoom);
        // Only this meeting's start fails: a warm-up event still in flight must not use the failure up.
        host.Webhooks.FailNext(1, only: w => w.Event == "meeting.started" && w.MeetingId == id.ToString());

        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        var deliveries = await zoom.DeliveriesAsync($"?event=meeting.started&meetingId={id}", count: 2);
        Assert.Equal(
            [(1, false, 500), (2, true, 200)],
            deliveries.Select(d => (d.GetProperty("attempt").GetInt32(), d.GetProperty("delivered").GetBoolean(), d.GetProperty("statusCode").GetInt32())));
        Assert.Equal(2, host.Webhooks.All.Count(w => w.Event == "meeting.started" && w.MeetingId == id.ToString()));
    }

    [Fact]
    public async Task Receiver_AnsweringWrongEncryptedToken_GetsNoEvents()
    {
        await using var host = await SandboxHost.StartAsync();
        host.Webhooks.AnswerWrongEncryptedToken = true;
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();

        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        var deliveries = await zoom.DeliveriesAsync($"?event=meeting.started&meetingId={id}");
        Assert.False(deliveries[0].GetProperty("delivered").GetBoolean());
        Assert.Contains("url_validation", deliveries[0].Str("error"));
        Assert.Contains(host.Webhooks.All, w => w.Event == "endpoint.url_validation");
        Assert.DoesNotContain(host.Webhooks.All, w => w.Event == "meeting.started");
    }

    [Fact]
    public async Task AccountRegisteredOverTestApi_GetsWebhooksAtItsOwnUrl()
    {
        await using var host = await SandboxHost.StartAsync();
        using var registered = await host.Client.PostAsJsonAsync("/sandbox/zoom/_test/accounts", new
        {
            accountId = "tenant-b",
            clientId = "b-client",
            clientSecret = "b-secret",
            webhookSecretToken = SandboxDefaults.ZoomWebhookSecretToken,
            webhookUrl = host.BaseUrl + "/other/webhooks",
        });
        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        var zoom = new ZoomApi(host, "tenant-b", "b-client", "b-secret");
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();

        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        var started = (await host.Webhooks.WaitForEventsAsync(id, "meeting.started"))["meeting.started"];
        Assert.True(started.SignatureValid);
        Assert.Equal("tenant-b", started.Body.GetProperty("payload").Str("account_id"));
        var delivery = (await zoom.DeliveriesAsync($"?event=meeting.started&meetingId={id}"))[0];
        Assert.Equal(host.BaseUrl + "/other/webhooks", delivery.Str("url"));
    }

    // The first event to a URL triggers endpoint.url_validation; get it out of the way.
    private static async Task WarmUpValidationAsync(SandboxHost host, ZoomApi zoom)
    {
        var (_, other) = await zoom.HostWithMeetingAsync(new { join_before_host = true });
        await zoom.JoinAsync(other.GetProperty("id").GetInt64(), new { name = "Warm-up" });
        await host.Webhooks.WaitForAsync(w => w.Event == "meeting.participant_joined");
    }
}
