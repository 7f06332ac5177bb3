using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Sms;

public sealed class SmsSendTests
{
    [Fact]
    public async Task Send_AnswersCreatedWithATwilioMessage()
    {
        await using var host = await SandboxHost.StartAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var message = await new SmsApi(host).SendOkAsync(body: "Your visit starts soon");

        var sid = message.Str("sid");
        Assert.Matches("^SM[0-9a-f]{32}$", sid);
        Assert.Equal(SandboxDefaults.SmsAccountSid, message.Str("account_sid"));
        Assert.Equal(SmsApi.Phone, message.Str("to"));
        Assert.Equal(SandboxDefaults.SmsFromNumber, message.Str("from"));
        Assert.Equal("Your visit starts soon", message.Str("body"));
        Assert.Equal("queued", message.Str("status"));
        Assert.Equal("1", message.Str("num_segments"));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("error_code").ValueKind);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("error_message").ValueKind);
        Assert.Equal($"/2010-04-01/Accounts/{SandboxDefaults.SmsAccountSid}/Messages/{sid}.json", message.Str("uri"));
        var dateCreated = message.Str("date_created");
        Assert.Matches(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$", dateCreated);
        var created = DateTimeOffset.ParseExact(dateCreated, "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture);
        Assert.InRange(created, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void RfcDates_AreWrittenLikeTwilio()
    {
        var time = new DateTimeOffset(2026, 11, 22, 2, 40, 0, TimeSpan.FromHours(-5));

        Assert.Equal("Sun, 22 Nov 2026 07:40:00 +0000", EpicZoom.Sandbox.Sms.Messages.TwilioTime.Format(time));
    }

    [Theory]
    [InlineData('a', 160, 1)]
    [InlineData('a', 161, 2)]
    [InlineData('a', 306, 2)]
    [InlineData('a', 307, 3)]
    [InlineData('€', 80, 1)]
    [InlineData('€', 81, 2)]
    [InlineData('ж', 70, 1)]
    [InlineData('ж', 71, 2)]
    public void Segments_AreCountedLikeTwilio(char character, int length, int expected)
    {
        Assert.Equal(expected, EpicZoom.Sandbox.Sms.Messages.SmsSegments.Count(new string(character, length)));
    }

    [Fact]
    public async Task Fetch_ShowsTheCurrentStatus_AndAnUnknownSidIs404()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);
        var sid = (await sms.SendOkAsync()).Str("sid");

        var delivered = await sms.WaitForStatusAsync(sid, "delivered");
        using var unknown = await sms.FetchAsync("SM" + new string('0', 32));

        Assert.Equal(sid, delivered.Str("sid"));
        Assert.NotEqual(JsonValueKind.Null, delivered.GetProperty("date_sent").ValueKind);
        var error = await unknown.JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(20404, error.GetProperty("code").GetInt32());
        Assert.Equal(404, error.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("no auth")]
    [InlineData("wrong token")]
    [InlineData("unknown sid")]
    [InlineData("another account's path")]
    public async Task Send_WithoutTheAccountsCredentials_Is401Authenticate(string problem)
    {
        await using var host = await SandboxHost.StartAsync();
        const string otherSid = "AC0123456789abcdef0123456789abcdef";
        using var request = new HttpRequestMessage(HttpMethod.Post, SmsApi.MessagesPath(problem == "another account's path" ? otherSid : SandboxDefaults.SmsAccountSid))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["To"] = SmsApi.Phone, ["From"] = SandboxDefaults.SmsFromNumber, ["Body"] = "Hi" }),
        };
        request.Headers.Authorization = problem switch
        {
            "no auth" => null,
            "wrong token" => SandboxHost.Basic(SandboxDefaults.SmsAccountSid, "wrong"),
            "unknown sid" => SandboxHost.Basic(otherSid, SandboxDefaults.SmsAuthToken),
            _ => SandboxHost.Basic(SandboxDefaults.SmsAccountSid, SandboxDefaults.SmsAuthToken),
        };

        using var response = await host.Client.SendAsync(request);

        var error = await response.JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(20003, error.GetProperty("code").GetInt32());
        Assert.Equal("Authenticate", error.Str("message"));
        Assert.Equal(401, error.GetProperty("status").GetInt32());
        Assert.Empty(await new SmsApi(host).MessagesAsync());
    }

    [Theory]
    [InlineData(null, "Hi", SandboxDefaults.SmsFromNumber, null, 21604)]
    [InlineData(SmsApi.Phone, "Hi", null, null, 21603)]
    [InlineData(SmsApi.Phone, null, SandboxDefaults.SmsFromNumber, null, 21602)]
    [InlineData("5551230001", "Hi", SandboxDefaults.SmsFromNumber, null, 21211)]
    [InlineData("+0551230001", "Hi", SandboxDefaults.SmsFromNumber, null, 21211)]
    [InlineData(SmsApi.Phone, "Hi", "+15550109999", null, 21606)]
    [InlineData(SmsApi.Phone, "1601 characters", SandboxDefaults.SmsFromNumber, null, 21617)]
    [InlineData(SmsApi.Phone, "Hi", SandboxDefaults.SmsFromNumber, "/relative/callback", 21609)]
    [InlineData("+15005550001", "Hi", SandboxDefaults.SmsFromNumber, null, 21211)]
    [InlineData("+15005550002", "Hi", SandboxDefaults.SmsFromNumber, null, 21612)]
    [InlineData("+15005550009", "Hi", SandboxDefaults.SmsFromNumber, null, 21614)]
    [InlineData("+15005550004", "Hi", SandboxDefaults.SmsFromNumber, null, 21610)]
    public async Task Send_RefusedLikeTwilio_AndRecordedAsRefused(string? to, string? body, string? from, string? statusCallback, int code)
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);

        using var response = await sms.SendAsync(to, body == "1601 characters" ? new string('x', 1601) : body, from, statusCallback);

        var error = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", error.Str("more_info"));
        Assert.False(string.IsNullOrEmpty(error.Str("message")));
        var recorded = Assert.Single(await sms.MessagesAsync());
        Assert.True(recorded.GetProperty("refused").GetBoolean());
        Assert.Equal("refused", recorded.Str("status"));
        Assert.Equal(code, recorded.GetProperty("errorCode").GetInt32());
    }

    [Fact]
    public async Task Send_RefusalMessages_NameTheNumbers()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);

        using var badTo = await sms.SendAsync(to: "12345");
        using var badFrom = await sms.SendAsync(from: "+15550109999");
        using var stopped = await sms.SendAsync(to: "+15005550004");

        Assert.Equal("The 'To' number 12345 is not a valid phone number.", (await badTo.JsonAsync(HttpStatusCode.BadRequest)).Str("message"));
        Assert.Equal(
            "The From phone number +15550109999 is not a valid, SMS-capable inbound phone number or short code for your account.",
            (await badFrom.JsonAsync(HttpStatusCode.BadRequest)).Str("message"));
        Assert.Equal("Attempt to send to unsubscribed recipient", (await stopped.JsonAsync(HttpStatusCode.BadRequest)).Str("message"));
    }

    [Fact]
    public async Task Send_OfExactly1600Characters_IsAcceptedInElevenSegments()
    {
        await using var host = await SandboxHost.StartAsync();

        var message = await new SmsApi(host).SendOkAsync(body: new string('x', 1600));

        Assert.Equal("11", message.Str("num_segments"));
    }

    [Fact]
    public async Task Faults_NamedSms_AnswerWithTwilioErrors_ThenPass()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);
        using var fault = await host.Client.PostAsJsonAsync("/sandbox/sms/_test/faults", new { endpoint = "sms", statusCode = 503, failNext = 1 });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);

        using var failed = await sms.SendAsync();
        using var passed = await sms.SendAsync();

        var error = await failed.JsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(20503, error.GetProperty("code").GetInt32());
        Assert.Equal(503, error.GetProperty("status").GetInt32());
        await passed.JsonAsync(HttpStatusCode.Created);
        Assert.Single(await sms.MessagesAsync());
    }

    [Fact]
    public async Task Faults_CanDelayASend()
    {
        await using var host = await SandboxHost.StartAsync();
        using var fault = await host.Client.PostAsJsonAsync("/sandbox/sms/_test/faults", new { endpoint = "sms", delayMs = 300, failNext = 1 });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await new SmsApi(host).SendOkAsync();

        Assert.True(watch.ElapsedMilliseconds >= 250, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task TestApiMessages_FilterByRecipient_NewestFirst()
    {
        await using var host = await SandboxHost.StartAsync();
        var sms = new SmsApi(host);
        await sms.SendOkAsync(body: "first");
        await sms.SendOkAsync(to: "+15551230002", body: "other phone");
        await sms.SendOkAsync(body: "second", statusCallback: sms.StatusCallbackUrl);

        var messages = await sms.MessagesAsync(SmsApi.Phone);

        Assert.Equal(["second", "first"], messages.Select(m => m.Str("body")));
        Assert.Equal(sms.StatusCallbackUrl, messages[0].Str("statusCallback"));
        Assert.Equal(JsonValueKind.Null, messages[1].GetProperty("statusCallback").ValueKind);
        Assert.Equal(JsonValueKind.Null, messages[1].GetProperty("errorCode").ValueKind);
        Assert.All(messages, m => Assert.Matches(new Regex("^SM[0-9a-f]{32}$"), m.Str("sid")));
        Assert.Equal(3, (await sms.MessagesAsync()).Count);
    }
}
