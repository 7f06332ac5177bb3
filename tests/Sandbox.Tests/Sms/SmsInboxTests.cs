using System.Net;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Sms;

public sealed class SmsInboxTests
{
    [Fact]
    public async Task Inbox_EncodesBodies_AndLinksUrls()
    {
        await using var host = await SandboxHost.StartAsync();
        await new SmsApi(host).SendOkAsync(body: "<script>alert(1)</script> Join: https://epiczoom.example/j/abc?x=1&y=2.");

        var html = await host.Client.GetStringAsync("/sandbox/sms");

        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("""<a href="https://epiczoom.example/j/abc?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">""", html);
        Assert.Contains(SmsApi.Phone.Replace("+", "&#x2B;"), html);
        Assert.Contains("queued", html);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html);
    }

    [Fact]
    public async Task Inbox_DoesNotLinkOtherSchemes()
    {
        await using var host = await SandboxHost.StartAsync();
        await new SmsApi(host).SendOkAsync(body: "javascript:alert(1) \"><img src=x onerror=alert(1)>");

        var html = await host.Client.GetStringAsync("/sandbox/sms");

        Assert.DoesNotContain("href=\"javascript", html);
        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public async Task InboxReply_OptsThePhoneOut_AndRedirectsBackWith303()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);
        await sms.SendOkAsync();
        var html = await host.Client.GetStringAsync("/sandbox/sms");
        Assert.Contains("action=\"/sandbox/sms/inbox/reply\"", html);
        Assert.Contains("value=\"STOP\"", html);

        using var response = await host.Client.PostAsync("/sandbox/sms/inbox/reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["to"] = SandboxDefaults.SmsFromNumber,
            ["from"] = SmsApi.Phone,
            ["body"] = "STOP",
        }));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/sandbox/sms", response.Headers.Location!.OriginalString);
        using var refused = await sms.SendAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var inbound = Assert.Single(host.SmsWebhooks.All);
        Assert.True(inbound.SignatureValid);
        var after = await host.Client.GetStringAsync("/sandbox/sms");
        Assert.Contains("replied STOP", after);
        Assert.Contains("error 21610", after);
    }

    [Fact]
    public async Task InboxReply_ToAnUnknownNumber_Is404()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.PostAsync("/sandbox/sms/inbox/reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["to"] = "+15550109999",
            ["from"] = SmsApi.Phone,
            ["body"] = "STOP",
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(host.SmsWebhooks.All);
    }

    [Fact]
    public async Task Inbox_FiltersByPhone_EvenWithAnUnencodedPlus()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);
        await sms.SendOkAsync(body: "for the first phone");
        await sms.SendOkAsync(to: "+15551230002", body: "for the second phone");

        var html = await host.Client.GetStringAsync("/sandbox/sms?to=+15551230002");

        Assert.Contains("for the second phone", html);
        Assert.DoesNotContain("for the first phone", html);
    }

    [Fact]
    public async Task Reset_ForgetsMessagesRepliesOptOutsAndFaults()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);
        await sms.SendOkAsync(body: "before reset");
        await sms.ReplyAsync(SmsApi.Phone, "STOP");
        using var fault = await host.Client.PostAsync(
            "/sandbox/sms/_test/faults", System.Net.Http.Json.JsonContent.Create(new { endpoint = "inbox", statusCode = 500 }));

        using var reset = await host.Client.PostAsync("/sandbox/sms/_test/reset", null);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(await sms.MessagesAsync());
        Assert.Empty((await host.Client.JsonAsync("/sandbox/sms/_test/replies")).EnumerateArray());
        Assert.Empty((await host.Client.JsonAsync("/sandbox/sms/_test/faults")).EnumerateArray());
        Assert.DoesNotContain("before reset", await host.Client.GetStringAsync("/sandbox/sms"));
        await sms.SendOkAsync();
    }

    [Fact]
    public async Task Reset_StopsMessagesStillOnTheirWay()
    {
        await using var host = await SandboxHost.StartAsync(o => o.SmsDeliveryDelay = TimeSpan.FromMilliseconds(300));
        var sms = new SmsApi(host);
        var stopped = (await sms.SendOkAsync(statusCallback: sms.StatusCallbackUrl)).Str("sid");

        using var reset = await host.Client.PostAsync("/sandbox/sms/_test/reset", null);
        // A message sent after the reset, with the same delays, is all the way through once both its callbacks are in:
        // the earlier one, had the reset not stopped it, would have made its own by then.
        var marker = (await sms.SendOkAsync(statusCallback: sms.StatusCallbackUrl)).Str("sid");
        await host.SmsWebhooks.WaitForAsync(w => w["MessageSid"] == marker, count: 2);

        Assert.All(host.SmsWebhooks.All, w => Assert.Equal(marker, w["MessageSid"]));
        Assert.NotEqual(stopped, marker);
        Assert.Equal([marker], (await sms.MessagesAsync()).Select(m => m.Str("sid")));
    }
}
