using System.Net;
using System.Text.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Sms;

public sealed class SmsDeliveryTests
{
    [Fact]
    public async Task StatusCallback_IsSignedAndReportsSentThenDelivered()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);

        var sid = (await sms.SendOkAsync(statusCallback: sms.StatusCallbackUrl)).Str("sid");

        var callbacks = await host.SmsWebhooks.WaitForAsync(w => w.Path == "/sms/status" && w["MessageSid"] == sid, count: 2);
        Assert.Equal(["sent", "delivered"], callbacks.Select(c => c["MessageStatus"]));
        Assert.All(callbacks, c =>
        {
            Assert.True(c.SignatureValid);
            Assert.Equal(sid, c["SmsSid"]);
            Assert.Equal(SandboxDefaults.SmsAccountSid, c["AccountSid"]);
            Assert.Equal(SandboxDefaults.SmsFromNumber, c["From"]);
            Assert.Equal(SmsApi.Phone, c["To"]);
            Assert.Equal("", c["ErrorCode"]);
        });
        var message = await sms.WaitForStatusAsync(sid, "delivered");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("error_code").ValueKind);
    }

    [Fact]
    public async Task StatusCallback_WithAQueryString_IsSignedOverTheWholeUrl()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);

        var sid = (await sms.SendOkAsync(statusCallback: sms.StatusCallbackUrl + "?tenant=a&visit=42")).Str("sid");

        var callbacks = await host.SmsWebhooks.WaitForAsync(w => w["MessageSid"] == sid, count: 2);
        Assert.All(callbacks, c => Assert.True(c.SignatureValid));
    }

    [Fact]
    public async Task UndeliverableNumber_IsQueuedThenReportedUndeliveredWith30003()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);

        var created = await sms.SendOkAsync(to: "+15005550006", statusCallback: sms.StatusCallbackUrl);

        Assert.Equal("queued", created.Str("status"));
        var callbacks = await host.SmsWebhooks.WaitForAsync(w => w["MessageSid"] == created.Str("sid"), count: 2);
        Assert.Equal([("sent", ""), ("undelivered", "30003")], callbacks.Select(c => (c["MessageStatus"], c["ErrorCode"])));
        var message = await sms.WaitForStatusAsync(created.Str("sid"), "undelivered");
        Assert.Equal(30003, message.GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task FailingStatusCallback_IsRecordedAndDeliveryGoesOn()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);
        host.SmsWebhooks.FailNext(1);

        var sid = (await sms.SendOkAsync(statusCallback: sms.StatusCallbackUrl)).Str("sid");

        await sms.WaitForStatusAsync(sid, "delivered");
        await host.SmsWebhooks.WaitForAsync(w => w["MessageSid"] == sid, count: 2);
        // The receiver can have the second callback before the simulator has logged its answer: poll the log.
        var recorded = await Eventually.HoldsAsync(async () => (await host.Client.JsonAsync($"/sandbox/sms/_test/callbacks?messageSid={sid}")).EnumerateArray().ToList(),
            callbacks => callbacks.Count >= 2, "the simulator to log both callbacks", describe: callbacks => $"{callbacks.Count} logged");
        Assert.Equal([("sent", 500), ("delivered", 200)], recorded.Select(c => (c.Str("messageStatus"), c.GetProperty("statusCode").GetInt32())));
        Assert.Equal(2, host.SmsWebhooks.All.Count(w => w["MessageSid"] == sid));
    }

    [Fact]
    public async Task UnreachableStatusCallback_IsRecordedWithoutAStatus()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);

        var sid = (await sms.SendOkAsync(statusCallback: "http://127.0.0.1:9/unreachable")).Str("sid");

        await sms.WaitForStatusAsync(sid, "delivered");
        await Eventually.HoldsAsync(async () => (await host.Client.JsonAsync($"/sandbox/sms/_test/callbacks?messageSid={sid}")).GetArrayLength(),
            logged => logged >= 2, "the simulator to log both callback attempts");

        var recorded = (await host.Client.JsonAsync($"/sandbox/sms/_test/callbacks?messageSid={sid}")).EnumerateArray().ToList();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, c => Assert.False(c.TryGetProperty("statusCode", out _)));
        Assert.All(recorded, c => Assert.False(string.IsNullOrEmpty(c.Str("error"))));
    }

    [Fact]
    public async Task Send_WithoutStatusCallback_StillReachesDelivered()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);

        var sid = (await sms.SendOkAsync()).Str("sid");

        await sms.WaitForStatusAsync(sid, "delivered");
        Assert.Empty(host.SmsWebhooks.All);
        Assert.Equal(HttpStatusCode.OK, (await sms.FetchAsync(sid)).StatusCode);
    }
}
