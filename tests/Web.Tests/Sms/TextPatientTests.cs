using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Visits;
using EpicZoom.Sandbox;
using EpicZoom.Web.Tests.Launch;
using EpicZoom.Web.Tests.Webhooks;
using Microsoft.EntityFrameworkCore;

using EpicZoom.Web.Tests.Errors;

namespace EpicZoom.Web.Tests.Sms;

/// <summary>"Text the patient a link" on SQLite, the embedded default.</summary>
public sealed class TextPatientTests(SandboxedApp sandbox) : TextPatientScenarios(sandbox), IClassFixture<SandboxedApp>;

/// <summary>The same on a real PostgreSQL server.</summary>
public sealed class TextPatientPostgresTests(PostgresSandboxedApp postgres) : TextPatientScenarios(postgres.Sandbox), IClassFixture<PostgresSandboxedApp>;

/// <summary>
/// "Text the patient a link" end to end over real HTTP: the clinician's noRedirect page, EpicZoom's Twilio-style client,
/// the sandbox's SMS simulator (its inbox, STOP replies, delivery callbacks), and the patient opening the link without
/// MyChart. Faults and opt-outs are simulator-wide, so each database's tests share one app and one xUnit class.
/// </summary>
public abstract partial class TextPatientScenarios(SandboxedApp sandbox)
{
    [Fact]
    public async Task TheTextedLink_OpensTheWaitingRoom_ThenTheMeetingOnceTheProviderIsIn()
    {
        var visit = await LaunchWithTextingAsync();
        Assert.Matches(@"^\+1555555\d{4}$", visit.PrefilledMobile); // the sandbox Patient's mobile telecom, from FHIR

        var sent = await SendAsync(visit.Pass, visit.PrefilledMobile);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Text sent to +", WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync()));

        // What the patient's phone got: the tenant's template, no name, one short signed link.
        var text = Assert.Single(await InboxAsync(visit.PrefilledMobile));
        var link = LinkIn(text.GetProperty("body").GetString()!);
        Assert.Equal($"Your video visit is ready. Join here: {link} Reply STOP to opt out.", text.GetProperty("body").GetString());
        Assert.StartsWith(sandbox.PublicBaseUrl + "/t/", link);
        Assert.True(link.Length - sandbox.PublicBaseUrl.Length < 40, $"a short link: {link}");

        // The patient opens it: no MyChart, straight to the waiting page, with a Zoom identity of their own.
        var opened = await sandbox.Http.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var waiting = opened.Headers.Location!.ToString();
        Assert.StartsWith("/visit/wait?pass=", waiting);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.GetAsync(waiting)).StatusCode);
        var statusUrl = "/visit/wait/status?" + waiting.Split('?')[1];
        Assert.False((await StatusAsync(statusUrl)).GetProperty("hostIsIn").GetBoolean());

        var participants = await sandbox.DbAsync(db => db.VisitParticipants.AsNoTracking()
            .Where(p => db.VideoVisits.Any(v => v.Csn == visit.Csn && v.Participants.Contains(p))).ToListAsync());
        var patient = Assert.Single(participants, p => p.Role == ParticipantRole.Patient);
        Assert.NotNull(patient.ZoomUserId);

        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        var status = await WebhookTestKit.EventuallyAsync(() => StatusAsync(statusUrl), s => s.GetProperty("hostIsIn").GetBoolean(), "the host is in");
        Assert.Contains($"/j/{visit.MeetingId}", status.GetProperty("joinUrl").GetString());

        // The patient joining by that link is their green light in Epic.
        await sandbox.JoinAsync(visit.MeetingId, patient.ZoomUserId!, asHost: false);
        await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Any(x => x.ExternalId == patient.EpicId && x.Status == Domain.Notifications.NotificationStatus.Delivered), "the patient's connection reported");

        // The text's delivery report comes back from the provider, signed, and is shown on the clinician's page.
        var panel = await WebhookTestKit.EventuallyAsync(() => sandbox.Http.GetStringAsync($"/visit/sms?pass={Uri.EscapeDataString(visit.Pass)}"),
            html => html.Contains("Delivered", StringComparison.Ordinal), "the text reported delivered");
        Assert.DoesNotContain(visit.PrefilledMobile, panel);

        // Nothing that was logged along the way holds the number or the link.
        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.DoesNotContain(sandbox.App.LogLines, l => l.Contains(visit.PrefilledMobile[2..], StringComparison.Ordinal) || l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALinkWithAnAlteredSignatureOrId_IsRefused_WithAFriendlyCode()
    {
        var visit = await LaunchWithTextingAsync();
        await SendAsync(visit.Pass, visit.PrefilledMobile);
        var path = new Uri(LinkIn(Assert.Single(await InboxAsync(visit.PrefilledMobile)).GetProperty("body").GetString()!)).AbsolutePath;
        var token = path["/t/".Length..];
        var dot = token.IndexOf('.');

        foreach (var tampered in new[]
                 {
                     token[..^1] + (token[^1] == 'A' ? 'B' : 'A'),        // signature changed
                     (token[0] == 'A' ? 'B' : 'A') + token[1..],          // id changed
                     token[..dot],                                        // signature removed
                     token + "x", "not-a-link", new string('a', 400),
                 })
        {
            var response = await sandbox.Http.GetAsync("/t/" + Uri.EscapeDataString(tampered));
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Contains("EZ-L017", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    [ReachesCode("EZ-L018")]
    public async Task TheLink_StopsWorkingWhenTheVisitEnds()
    {
        var visit = await LaunchWithTextingAsync();
        await SendAsync(visit.Pass, visit.PrefilledMobile);
        var path = new Uri(LinkIn(Assert.Single(await InboxAsync(visit.PrefilledMobile)).GetProperty("body").GetString()!)).PathAndQuery;
        Assert.Equal(HttpStatusCode.Redirect, (await sandbox.Http.GetAsync(path)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.PostSignedAsync(WebhookTestKit.MeetingEvent("meeting.ended", visit.MeetingId))).StatusCode);
        var ended = await WebhookTestKit.EventuallyAsync(() => sandbox.Http.GetAsync(path), r => r.StatusCode != HttpStatusCode.Redirect, "the link refused after the visit");

        Assert.Equal(HttpStatusCode.Gone, ended.StatusCode);
        var html = await ended.Content.ReadAsStringAsync();
        Assert.Contains("EZ-L018", html);
        Assert.Contains("has ended", html);
        // And the clinician's page no longer offers to text a dead link.
        var again = await SendAsync(visit.Pass, visit.PrefilledMobile);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Single(await InboxAsync(visit.PrefilledMobile));
    }

    [Theory]
    [InlineData("")]
    [InlineData("555 010 0123")]
    [InlineData("+1 555 CALL NOW")]
    [InlineData("+0 555 010 0123")]
    [InlineData("<script>alert(1)</script>")]
    public async Task AnInvalidNumber_IsAFieldError_AndNothingIsSentOrRecorded(string number)
    {
        var visit = await LaunchWithTextingAsync();

        var response = await SendAsync(visit.Pass, number);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"sms-phone-error\"", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Equal(0, await MessagesOfVisitAsync(visit.Csn));
    }

    [Fact]
    public async Task ANumberTheProviderRejects_IsExplainedToTheClinician_AndRecordedAsFailed()
    {
        var visit = await LaunchWithTextingAsync();

        var response = await SendAsync(visit.Pass, "+15005550001"); // Twilio's magic "invalid number"

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("could not be sent to +", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var message = Assert.Single(await sandbox.DbAsync(db => db.SmsMessages.AsNoTracking().Where(m => db.VideoVisits.Any(v => v.Id == m.VisitId && v.Csn == visit.Csn)).ToListAsync()));
        Assert.Equal((SmsStatus.Failed, 400, 21211), (message.Status, message.HttpStatus, message.ErrorCode));
        Assert.Equal("+•••••••0001", message.ToMasked);
    }

    /// <summary>Twilio's error quotes the number ("The 'To' number +15005550001 is not a valid phone number"): EpicZoom keeps and shows it masked.</summary>
    [Fact]
    public async Task AProviderErrorQuotingTheNumber_IsStoredAndShownWithTheNumberMasked()
    {
        var visit = await LaunchWithTextingAsync();

        var response = await SendAsync(visit.Pass, "+15005550001");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        using var provider = System.Text.Json.JsonDocument.Parse(await sandbox.Http.GetStringAsync("/sandbox/sms/_test/messages?to=%2B15005550001"));
        Assert.Contains(provider.RootElement.EnumerateArray(), m => m.GetProperty("errorMessage").GetString()?.Contains(
            "+15005550001 is not a valid phone number", StringComparison.Ordinal) == true); // the provider's text does quote it
        var message = Assert.Single(await MessagesAsync(visit.Csn));
        Assert.Contains("+•••••••0001 is not a valid phone number", message.Detail);
        Assert.DoesNotContain("5005550001", message.Detail);
        Assert.Contains("+•••••••0001 is not a valid phone number", page);
        Assert.DoesNotContain("5005550001 is not", page); // (the form keeps the number the clinician typed, in its input)
    }

    [Fact]
    public async Task WhenTheProviderIsDown_TheClinicianIsTold_TheAttemptIsRecorded_AndResendWorksLater()
    {
        var visit = await LaunchWithTextingAsync();
        await sandbox.InjectFaultAsync("sms", new { endpoint = "sms", statusCode = 503, failNext = 1 });

        var down = await SendAsync(visit.Pass, visit.PrefilledMobile);

        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
        Assert.Contains("could not be reached", await down.Content.ReadAsStringAsync());
        var failed = Assert.Single(await MessagesAsync(visit.Csn));
        Assert.Equal((SmsStatus.Failed, 503), (failed.Status, failed.HttpStatus));
        Assert.Empty(await InboxAsync(visit.PrefilledMobile));

        var resent = await PostAndFollowAsync(new FormUrlEncodedContent([new("pass", visit.Pass), new("resendOf", failed.Id.ToString())]));

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Single(await InboxAsync(visit.PrefilledMobile));
        Assert.Equal(2, (await MessagesAsync(visit.Csn)).Count);
    }

    [Fact]
    public async Task PerVisitRateLimit_RefusesTheSixthTextWithinTheHour_AndRecordsTheRefusal()
    {
        var visit = await LaunchWithTextingAsync();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await SendAsync(visit.Pass, visit.PrefilledMobile)).StatusCode);

        var sixth = await SendAsync(visit.Pass, visit.PrefilledMobile);

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Contains("5 texts in the last hour", await sixth.Content.ReadAsStringAsync());
        Assert.Equal(5, (await InboxAsync(visit.PrefilledMobile)).Count);
        var messages = await MessagesAsync(visit.Csn);
        Assert.Equal(1, messages.Count(m => m.Status == SmsStatus.Refused));
    }

    [Fact]
    public async Task PerNumberRateLimit_RefusesTheEleventhTextToOneNumberAcrossVisits()
    {
        var number = "+1555777" + Random.Shared.Next(1000, 9999);
        for (var i = 0; i < 5; i++)
        {
            var visit = await LaunchWithTextingAsync();
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(visit.Pass, number)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(visit.Pass, number)).StatusCode);
        }

        var another = await LaunchWithTextingAsync();
        var eleventh = await SendAsync(another.Pass, number);

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.Contains("10 texts in the last 24 hours", await eleventh.Content.ReadAsStringAsync());
        Assert.Equal(10, (await InboxAsync(number)).Count);
    }

    [Fact]
    public async Task StopIsHonoured_UntilThePatientRepliesStart()
    {
        var visit = await LaunchWithTextingAsync();
        var number = "+1555888" + Random.Shared.Next(1000, 9999);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visit.Pass, number)).StatusCode);

        var stop = await ReplyAsync(number, "Stop");
        Assert.True(stop.GetProperty("optedOut").GetBoolean());
        Assert.Equal(200, stop.GetProperty("webhookStatus").GetInt32()); // EpicZoom accepted the signed reply

        var refused = await SendAsync(visit.Pass, number);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("replied STOP", await refused.Content.ReadAsStringAsync());
        Assert.Single(await InboxAsync(number)); // EpicZoom did not even try
        Assert.Contains(await MessagesAsync(visit.Csn), m => m.Status == SmsStatus.Refused);

        await ReplyAsync(number, "START");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visit.Pass, number)).StatusCode);
        Assert.Equal(2, (await InboxAsync(number)).Count);
    }

    [Fact]
    public async Task ProviderCallbacks_WithABadSignature_UnknownTenant_OrWrongContent_AreRefusedAndChangeNothing()
    {
        var number = "+1555999" + Random.Shared.Next(1000, 9999);
        var masked = PhoneNumber.Mask(number);
        var form = new Dictionary<string, string> { ["From"] = number, ["To"] = SandboxDefaults.SmsFromNumber, ["Body"] = "STOP", ["MessageSid"] = "SM1" };

        var forged = await PostCallbackAsync("/sms/inbound/sandbox", form, signature: "bm90IGEgc2lnbmF0dXJl");
        var unsigned = await PostCallbackAsync("/sms/inbound/sandbox", form, signature: null);
        var wrongToken = await PostCallbackAsync("/sms/inbound/sandbox", form,
            signature: Application.Sms.Common.TwilioRequestSignature.Compute("not-the-token", sandbox.PublicBaseUrl + "/sms/inbound/sandbox", form));
        var unknown = await PostCallbackAsync("/sms/inbound/nobody-here", form, signature: "x");
        var json = await sandbox.Http.PostAsJsonAsync("/sms/inbound/sandbox", form);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(0, await sandbox.DbAsync(db => db.SmsOptOuts.CountAsync(o => o.NumberMasked == masked)));

        // Correctly signed, it is taken.
        var signed = await PostCallbackAsync("/sms/inbound/sandbox", form,
            signature: Application.Sms.Common.TwilioRequestSignature.Compute(SandboxDefaults.SmsAuthToken, sandbox.PublicBaseUrl + "/sms/inbound/sandbox", form));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(1, await sandbox.DbAsync(db => db.SmsOptOuts.CountAsync(o => o.NumberMasked == masked)));
    }

    [Fact]
    public async Task APassForAnotherPurpose_CannotTextAnybody()
    {
        var visit = await LaunchWithTextingAsync();
        var patient = await sandbox.LaunchAsync($"type=patient&csn={visit.Csn}");
        var waitingPass = Uri.UnescapeDataString(patient.Headers.Location!.ToString().Split("pass=")[1]);

        var response = await SendAsync(waitingPass, visit.PrefilledMobile);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("EZ-L017", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await MessagesOfVisitAsync(visit.Csn));
    }

    private sealed record TextingVisit(string Csn, long MeetingId, string HostZoomUserId, string Pass, string PrefilledMobile);

    /// <summary>A provider's noRedirect launch: the page with the meeting link and the texting form.</summary>
    [Fact]
    public async Task SendingAnswersWithARedirect_AndReloadingTheResultPageSendsNothingAgain()
    {
        var visit = await LaunchWithTextingAsync();

        var posted = await sandbox.Http.PostAsync("/visit/sms", new FormUrlEncodedContent([new("pass", visit.Pass), new("phone", visit.PrefilledMobile)]));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var result = posted.Headers.Location!.ToString();
        for (var reload = 0; reload < 3; reload++)
        {
            var page = await sandbox.Http.GetAsync(result);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Text sent to +", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        }
        Assert.Single(await InboxAsync(visit.PrefilledMobile));
        Assert.Single(await MessagesAsync(visit.Csn));
        Assert.DoesNotContain(visit.PrefilledMobile, Uri.UnescapeDataString(result)); // the outcome in the URL is encrypted
    }

    [Fact]
    public async Task AnAlteredOutcomeInTheUrl_ShowsThePlainForm_NotAForgedMessage()
    {
        var visit = await LaunchWithTextingAsync();
        var posted = await sandbox.Http.PostAsync("/visit/sms", new FormUrlEncodedContent([new("pass", visit.Pass), new("phone", visit.PrefilledMobile)]));
        var result = posted.Headers.Location!.ToString();
        var forged = result[..^4] + (result[^4] == 'A' ? 'B' : 'A') + result[^3..];

        var page = await sandbox.Http.GetAsync(forged);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-testid=\"sms-outcome\"", html);
        Assert.Contains("Text the patient a link", html);
    }

    private async Task<TextingVisit> LaunchWithTextingAsync()
    {
        var csn = SandboxedApp.NewCsn();
        var launch = await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId=eSms{csn}&noRedirect=true");
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        var html = await launch.Content.ReadAsStringAsync();
        Assert.Contains("Text the patient a link", html);
        var pass = WebUtility.HtmlDecode(PassField().Match(html).Groups[1].Value);
        var mobile = WebUtility.HtmlDecode(PhoneField().Match(html).Groups[1].Value);
        var start = WebUtility.HtmlDecode(StartLink().Match(html).Groups[1].Value);
        var meetingId = long.Parse(MeetingNumber().Match(start).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var host = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().Where(v => v.Csn == csn).Select(v => v.HostZoomUserId).SingleAsync());
        return new TextingVisit(csn, meetingId, host!, pass, mobile);
    }

    /// <summary>Posts the form as the browser does and follows the 303 to the page that shows the outcome.</summary>
    private Task<HttpResponseMessage> SendAsync(string pass, string phone) =>
        PostAndFollowAsync(new FormUrlEncodedContent([new("pass", pass), new("phone", phone)]));

    private async Task<HttpResponseMessage> PostAndFollowAsync(HttpContent form)
    {
        var posted = await sandbox.Http.PostAsync("/visit/sms", form);
        if (posted.StatusCode != HttpStatusCode.SeeOther) return posted; // a number that is not valid is answered at once
        var location = posted.Headers.Location!.ToString();
        Assert.StartsWith("/visit/sms?pass=", location);
        return await sandbox.Http.GetAsync(location);
    }

    private async Task<List<JsonElement>> InboxAsync(string to)
    {
        using var doc = JsonDocument.Parse(await sandbox.Http.GetStringAsync($"/sandbox/sms/_test/messages?to={Uri.EscapeDataString(to)}"));
        return doc.RootElement.EnumerateArray().Where(m => !m.GetProperty("refused").GetBoolean()).Select(m => m.Clone()).ToList();
    }

    private async Task<JsonElement> ReplyAsync(string from, string body)
    {
        var response = await sandbox.Http.PostAsJsonAsync("/sandbox/sms/_test/replies", new { from, body });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> StatusAsync(string url) => await sandbox.Http.GetFromJsonAsync<JsonElement>(url);

    private Task<List<SmsMessage>> MessagesAsync(string csn) =>
        sandbox.DbAsync(db => db.SmsMessages.AsNoTracking().Where(m => db.VideoVisits.Any(v => v.Id == m.VisitId && v.Csn == csn)).OrderBy(m => m.CreatedAtUtc).ToListAsync());

    private Task<int> MessagesOfVisitAsync(string csn) =>
        sandbox.DbAsync(db => db.SmsMessages.CountAsync(m => db.VideoVisits.Any(v => v.Id == m.VisitId && v.Csn == csn)));

    private Task<HttpResponseMessage> PostCallbackAsync(string path, Dictionary<string, string> form, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null) request.Headers.Add("X-Twilio-Signature", signature);
        return sandbox.Http.SendAsync(request);
    }

    private static string LinkIn(string body) => LinkPattern().Match(body).Value;

    [GeneratedRegex(@"https?://\S+/t/\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("name=\"pass\" value=\"([^\"]+)\"")]
    private static partial Regex PassField();

    [GeneratedRegex("name=\"phone\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex PhoneField();

    [GeneratedRegex("href=\"([^\"]+)\" data-testid=\"meeting-link\"")]
    private static partial Regex StartLink();

    [GeneratedRegex(@"/s/(\d+)")]
    private static partial Regex MeetingNumber();
}
