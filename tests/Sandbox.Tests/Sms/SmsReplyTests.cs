using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Sms;

public sealed class SmsReplyTests
{
    [Fact]
    public async Task Stop_RefusesFurtherSendsWith21610_UntilStart()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);
        await sms.SendOkAsync();

        var stop = await sms.ReplyAsync(SmsApi.Phone, "STOP");
        using var refused = await sms.SendAsync(body: "After STOP");
        var start = await sms.ReplyAsync(SmsApi.Phone, "START");
        using var accepted = await sms.SendAsync(body: "After START");

        Assert.True(stop.GetProperty("optedOut").GetBoolean());
        var error = await refused.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(21610, error.GetProperty("code").GetInt32());
        Assert.Equal("Attempt to send to unsubscribed recipient", error.Str("message"));
        Assert.False(start.GetProperty("optedOut").GetBoolean());
        await accepted.JsonAsync(HttpStatusCode.Created);
        var recorded = await sms.MessagesAsync(SmsApi.Phone);
        Assert.Equal(
            [("After START", false, null), ("After STOP", true, (int?)21610), ("Hello", false, null)],
            recorded.Select(m => (m.Str("body"), m.GetProperty("refused").GetBoolean(), m.GetProperty("errorCode").ValueKind == JsonValueKind.Null ? null : (int?)m.GetProperty("errorCode").GetInt32())));
    }

    [Fact]
    public async Task Stop_BlocksOnlyThatPhone()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);

        await sms.ReplyAsync(SmsApi.Phone, "stop");

        using var other = await sms.SendAsync(to: "+15551230002");
        await other.JsonAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("STOP", true, "STOP")]
    [InlineData("  stop \n", true, "STOP")]
    [InlineData("StopAll", true, "STOP")]
    [InlineData("unsubscribe", true, "STOP")]
    [InlineData("CANCEL", true, "STOP")]
    [InlineData("end", true, "STOP")]
    [InlineData("Quit", true, "STOP")]
    [InlineData("help", false, "HELP")]
    [InlineData("Please stop texting me", false, null)]
    [InlineData("Running 5 minutes late", false, null)]
    public async Task Reply_Keywords_OptOutLikeTwilio(string body, bool optedOut, string? optOutType)
    {
        await using var host = await SandboxHost.StartAsync();

        var reply = await new SmsApi(host).ReplyAsync(SmsApi.Phone, body);

        Assert.Equal(optedOut, reply.GetProperty("optedOut").GetBoolean());
        var inbound = (await host.SmsWebhooks.WaitForAsync(w => w.Path == "/sms/inbound/sandbox"))[0];
        Assert.Equal(optOutType, inbound.Form.GetValueOrDefault("OptOutType"));
        Assert.Equal(body, inbound["Body"]);
    }

    [Theory]
    [InlineData("START")]
    [InlineData("unstop")]
    [InlineData("Yes")]
    public async Task Reply_StartKeywords_OptBackIn(string keyword)
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);
        await sms.ReplyAsync(SmsApi.Phone, "STOP");

        var reply = await sms.ReplyAsync(SmsApi.Phone, keyword);

        Assert.False(reply.GetProperty("optedOut").GetBoolean());
        Assert.Equal("START", reply.Str("optOutType"));
        await sms.SendOkAsync();
    }

    [Fact]
    public async Task Reply_PostsASignedInboundWebhookToTheAccountsUrl()
    {
        await using var host = await SandboxHost.StartAsync();

        var reply = await new SmsApi(host).ReplyAsync(SmsApi.Phone, "STOP");

        Assert.Equal(200, reply.GetProperty("webhookStatus").GetInt32());
        var inbound = Assert.Single(host.SmsWebhooks.All);
        Assert.Equal("/sms/inbound/sandbox", inbound.Path);
        Assert.True(inbound.SignatureValid);
        Assert.Matches("^SM[0-9a-f]{32}$", inbound["MessageSid"]);
        Assert.Equal(reply.Str("sid"), inbound["MessageSid"]);
        Assert.Equal(SandboxDefaults.SmsAccountSid, inbound["AccountSid"]);
        Assert.Equal(SmsApi.Phone, inbound["From"]);
        Assert.Equal(SandboxDefaults.SmsFromNumber, inbound["To"]);
        Assert.Equal("STOP", inbound["Body"]);
        Assert.Equal("0", inbound["NumMedia"]);
        Assert.Equal("STOP", inbound["OptOutType"]);
        var logged = Assert.Single((await host.Client.JsonAsync("/sandbox/sms/_test/replies")).EnumerateArray());
        Assert.Equal(200, logged.GetProperty("webhookStatus").GetInt32());
        Assert.Equal(SandboxDefaults.SmsInboundUrl(host.BaseUrl), logged.Str("webhookUrl"));
    }

    [Fact]
    public async Task Reply_RecordsAFailingWebhooksStatus()
    {
        await using var host = await SandboxHost.StartAsync();
        host.SmsWebhooks.FailNext(1, 502);

        var reply = await new SmsApi(host).ReplyAsync(SmsApi.Phone, "Running late");

        Assert.Equal(502, reply.GetProperty("webhookStatus").GetInt32());
        var logged = Assert.Single((await host.Client.JsonAsync("/sandbox/sms/_test/replies")).EnumerateArray());
        Assert.Equal(502, logged.GetProperty("webhookStatus").GetInt32());
    }

    [Fact]
    public async Task RegisteredAccount_SendsWithItsOwnCredentials_AndGetsRepliesAtItsOwnUrl()
    {
        await using var host = await SandboxHost.StartAsync();
        const string sid = "AC0123456789abcdef0123456789abcdef";
        using var registered = await host.Client.PostAsJsonAsync("/sandbox/sms/_test/accounts", new
        {
            accountSid = sid,
            authToken = SandboxDefaults.SmsAuthToken,
            fromNumber = "+15550100300",
            inboundUrl = host.BaseUrl + "/other/sms/inbound",
        });
        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        var sms = new SmsApi(host, sid);

        using var sent = await sms.SendAsync(from: "+15550100300");
        using var wrongFrom = await sms.SendAsync(from: SandboxDefaults.SmsFromNumber);
        using var reply = await host.Client.PostAsJsonAsync("/sandbox/sms/_test/replies", new { accountSid = sid, from = SmsApi.Phone, body = "STOP" });

        await sent.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(21606, (await wrongFrom.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("code").GetInt32());
        await reply.JsonAsync(HttpStatusCode.OK);
        var inbound = Assert.Single(host.SmsWebhooks.All);
        Assert.Equal("/other/sms/inbound", inbound.Path);
        Assert.True(inbound.SignatureValid);
        Assert.Equal("+15550100300", inbound["To"]);

        // The opt-out is per sender number: the built-in number may still text this phone.
        await new SmsApi(host).SendOkAsync();
    }

    [Fact]
    public async Task Reply_FromANonE164Number_IsRefused()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.PostAsJsonAsync("/sandbox/sms/_test/replies", new { from = "555-1234", body = "STOP" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
