using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Notifications;
using EpicZoom.Web.Tests.Launch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// POST /zoom/webhooks over real HTTP with hand-signed requests: url_validation, every refusal (nothing stored),
/// the size limit, duplicates stored and processed once, raw-byte signatures, and the answer coming before processing.
/// </summary>
public sealed class ZoomWebhookEndpointTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    private static readonly long NoSuchMeeting = 9_000_000_000 + Random.Shared.Next(1_000_000);

    [Fact]
    public async Task UrlValidation_IsAnsweredWithThePlainTokenAndItsHmac_AndStoresNothing()
    {
        var before = await sandbox.WebhookEventCountAsync();
        var body = WebhookTestKit.UrlValidation("qgg8vlvZRS6UYooatFL8Aw");

        var response = await sandbox.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("qgg8vlvZRS6UYooatFL8Aw", answer.RootElement.GetProperty("plainToken").GetString());
        Assert.Equal(WebhookTestKit.EncryptToken(WebhookTestKit.Secret, "qgg8vlvZRS6UYooatFL8Aw"), answer.RootElement.GetProperty("encryptedToken").GetString());
        Assert.Equal(before, await sandbox.WebhookEventCountAsync());
    }

    [Fact]
    public async Task UrlValidation_SignedWithAnotherSecret_Is401()
    {
        var body = WebhookTestKit.UrlValidation("qgg8vlvZRS6UYooatFL8Aw");
        var timestamp = WebhookTestKit.Timestamp();

        var response = await sandbox.PostWebhookAsync(body, timestamp, WebhookTestKit.Sign("not-the-secret", timestamp, body));

        await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("encryptedToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlValidation_WithoutPlainToken_Is400()
    {
        var body = Encoding.UTF8.GetBytes("""{"payload":{},"event_ts":1720705455858,"event":"endpoint.url_validation"}""");

        await WebhookTestKit.AssertProblemAsync(await sandbox.PostSignedAsync(body), HttpStatusCode.BadRequest);
    }

    public static TheoryData<string> BadSignatures => ["wrong secret", "no signature", "no timestamp", "signed for another timestamp", "signature of another body", "uppercase hex", "garbage"];

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Event_WithABadSignature_Is401_AndNothingIsStored(string how)
    {
        var before = await sandbox.WebhookEventCountAsync();
        var body = WebhookTestKit.MeetingEvent("meeting.participant_joined", NoSuchMeeting, "zoom-user-x");
        var timestamp = WebhookTestKit.Timestamp();
        var good = WebhookTestKit.Sign(WebhookTestKit.Secret, timestamp, body);
        var (sentTimestamp, signature) = how switch
        {
            "wrong secret" => (timestamp, WebhookTestKit.Sign("sandbox-webhook-secreT", timestamp, body)),
            "no signature" => (timestamp, null),
            "no timestamp" => (null, good),
            "signed for another timestamp" => (WebhookTestKit.Timestamp(TimeSpan.FromSeconds(-1)), good),
            "signature of another body" => (timestamp, WebhookTestKit.Sign(WebhookTestKit.Secret, timestamp, WebhookTestKit.MeetingEvent("meeting.participant_left", NoSuchMeeting, "zoom-user-x"))),
            "uppercase hex" => (timestamp, "v0=" + good[3..].ToUpperInvariant()),
            _ => (timestamp, "v0=not-a-signature"),
        };

        var response = await sandbox.PostWebhookAsync(body, sentTimestamp, signature);

        await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await sandbox.StoredCountAsync(body));
        Assert.Equal(before, await sandbox.WebhookEventCountAsync());
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(10)]
    public async Task Event_CorrectlySignedButTenMinutesOff_Is401_AndNothingIsStored(int minutes)
    {
        var before = await sandbox.WebhookEventCountAsync();
        var body = WebhookTestKit.MeetingEvent("meeting.participant_joined", NoSuchMeeting, "zoom-user-x");
        var stale = WebhookTestKit.Timestamp(TimeSpan.FromMinutes(minutes));

        var response = await sandbox.PostWebhookAsync(body, stale, WebhookTestKit.Sign(WebhookTestKit.Secret, stale, body));

        await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await sandbox.StoredCountAsync(body));
        Assert.Equal(before, await sandbox.WebhookEventCountAsync());
    }

    /// <summary>The secret, not the account_id, proves the sender: an account EpicZoom does not know, signed by a tenant's secret, is that tenant's.</summary>
    [Fact]
    public async Task Event_ForAnUnknownZoomAccount_SignedWithATenantsSecret_IsStoredAndProcessed()
    {
        var body = WebhookTestKit.MeetingEvent("meeting.participant_joined", NoSuchMeeting, "zoom-user-x", accountId: "some-other-account");

        var response = await sandbox.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var stored = await ProcessedAsync(body);
        Assert.Equal("no visit for this meeting", stored.ProcessingNote);
    }

    [Fact]
    public async Task Event_ForAnUnknownZoomAccount_SignedWithAnUnknownSecret_Is401_AndNothingIsStored()
    {
        var before = await sandbox.WebhookEventCountAsync();
        var body = WebhookTestKit.MeetingEvent("meeting.participant_joined", NoSuchMeeting, "zoom-user-x", accountId: "some-other-account");
        var timestamp = WebhookTestKit.Timestamp();

        var response = await sandbox.PostWebhookAsync(body, timestamp, WebhookTestKit.Sign("another-apps-secret", timestamp, body));

        await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await sandbox.StoredCountAsync(body));
        Assert.Equal(before, await sandbox.WebhookEventCountAsync());
    }

    /// <summary>A signed meeting event whose account_id is missing, empty, not a string, or which has no payload at all: acknowledged and kept, never refused into Zoom's retries.</summary>
    [Theory]
    [InlineData("{\"event\":\"meeting.participant_joined\",\"event_ts\":TS,\"payload\":{\"object\":{\"id\":\"1\"}}}", "no visit for this meeting")]
    [InlineData("{\"event\":\"meeting.participant_joined\",\"event_ts\":TS,\"payload\":{\"account_id\":\"\",\"object\":{\"id\":\"1\"}}}", "no visit for this meeting")]
    [InlineData("{\"event\":\"meeting.participant_joined\",\"event_ts\":TS,\"payload\":{\"account_id\":7,\"object\":{\"id\":\"1\"}}}", "no visit for this meeting")]
    [InlineData("{\"event\":\"meeting.participant_joined\",\"event_ts\":TS}", "no meeting id")]
    public async Task MeetingEvent_SignedButWithoutAUsableAccountId_IsStoredAndProcessedWithANote(string json, string note)
    {
        var body = Encoding.UTF8.GetBytes(json.Replace("TS", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var response = await sandbox.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(note, (await ProcessedAsync(body)).ProcessingNote);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "not JSON", "{\"event\":\"meeting.participant_joined\",\"payload\":{\"account_id\":\"sandbox-account\"" },
        { "plain text", "hello" },
        { "a JSON array", "[{\"event\":\"meeting.participant_joined\",\"payload\":{\"account_id\":\"sandbox-account\"}}]" },
        { "a JSON string", "\"meeting.participant_joined\"" },
        { "null", "null" },
        { "no event", "{\"event_ts\":1,\"payload\":{\"account_id\":\"sandbox-account\",\"object\":{\"id\":\"1\"}}}" },
        { "event not a string", "{\"event\":42,\"payload\":{\"account_id\":\"sandbox-account\",\"object\":{\"id\":\"1\"}}}" },
        { "too deep", "{\"event\":\"meeting.started\",\"payload\":{\"account_id\":\"sandbox-account\",\"x\":" + new string('[', 100) + new string(']', 100) + "}}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Event_WithAMalformedBody_CorrectlySigned_Is400_AndNothingIsStored(string what, string json)
    {
        var before = await sandbox.WebhookEventCountAsync();
        var body = Encoding.UTF8.GetBytes(json);

        var response = await sandbox.PostSignedAsync(body);

        await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(await sandbox.StoredCountAsync(body) == 0, what);
        Assert.Equal(before, await sandbox.WebhookEventCountAsync());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task OtherMethods_Are405_NotARedirectToSignIn(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), WebhookTestKit.Path);

        var response = await sandbox.Http.SendAsync(request);

        await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task EmptyBody_Is400()
    {
        var before = await sandbox.WebhookEventCountAsync();
        var timestamp = WebhookTestKit.Timestamp();

        var response = await sandbox.PostWebhookAsync([], timestamp, WebhookTestKit.Sign(WebhookTestKit.Secret, timestamp, []));

        await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await sandbox.WebhookEventCountAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Body_Over256KiB_CorrectlySigned_Is413_AndNothingIsStored(bool chunked)
    {
        var before = await sandbox.WebhookEventCountAsync();
        var body = Padded(256 * 1024 + 1);
        var timestamp = WebhookTestKit.Timestamp();
        var signature = WebhookTestKit.Sign(WebhookTestKit.Secret, timestamp, body);

        var response = await sandbox.PostWebhookAsync(chunked ? new ChunkedContent(body) : new ByteArrayContent(body), timestamp, signature);

        await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await sandbox.StoredCountAsync(body));
        Assert.Equal(before, await sandbox.WebhookEventCountAsync());
    }

    [Fact]
    public async Task Body_OfExactly256KiB_IsAccepted()
    {
        var body = Padded(256 * 1024);

        var response = await sandbox.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, await sandbox.StoredCountAsync(body));
    }

    [Fact]
    public async Task SameEvent_PostedFiveTimes_IsStoredOnceProcessedOnce_AndReportedOnce()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var body = WebhookTestKit.MeetingEvent("meeting.participant_joined", visit.MeetingId, visit.HostZoomUserId);

        // Zoom signs each delivery at send time: a re-sent event is the same body under a new timestamp.
        for (var i = 0; i < 5; i++)
        {
            var timestamp = WebhookTestKit.Timestamp(TimeSpan.FromSeconds(i - 4));
            var response = await sandbox.PostWebhookAsync(body, timestamp, WebhookTestKit.Sign(WebhookTestKit.Secret, timestamp, body));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await AssertStoredAndProcessedOnceAsync(body);
        var record = Assert.Single(await DeliveredAsync(visit.Csn, 1));
        Assert.Equal((visit.HostEpicId, NotificationKind.Connected), (record.ExternalId, record.Kind));
        Assert.Equal(["1"], (await sandbox.AcceptedByPersonAsync(visit.Csn))[visit.HostEpicId]);
    }

    [Fact]
    public async Task SameSignedRequest_PostedFiveTimesAtOnce_IsStoredOnceProcessedOnce_AndReportedOnce()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var body = WebhookTestKit.MeetingEvent("meeting.participant_joined", visit.MeetingId, visit.PatientZoomUserId);
        var timestamp = WebhookTestKit.Timestamp();
        var signature = WebhookTestKit.Sign(WebhookTestKit.Secret, timestamp, body);

        using var start = new ManualResetEventSlim();
        var posts = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await sandbox.PostWebhookAsync(body, timestamp, signature);
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        await AssertStoredAndProcessedOnceAsync(body);
        var record = Assert.Single(await DeliveredAsync(visit.Csn, 1));
        Assert.Equal((visit.PatientEpicId, NotificationKind.Connected), (record.ExternalId, record.Kind));
        Assert.Equal(["1"], (await sandbox.AcceptedByPersonAsync(visit.Csn))[visit.PatientEpicId]);
    }

    /// <summary>Zoom escapes characters as \uXXXX; re-serialising would change the bytes, so only the raw bytes verify.</summary>
    [Fact]
    public async Task ParticipantEvent_WithUnicodeEscapes_VerifiesOnTheRawBytes_AndIsStoredAsReceived()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var json = """{"event":"meeting.participant_joined","event_ts":EVENT_TS,"payload":{"account_id":"sandbox-account","object":{"id":"MEETING_ID","uuid":"4444AAAiAAAAAiAiAiiAii\u003d\u003d","host_id":"x","topic":"Dr. O\u0027Brien \u0026 Ren\u00e9e \u003cvisit\u003e","type":2,"start_time":"2026-01-01T00:00:00Z","timezone":"UTC","duration":30,"participant":{"user_id":"16778240","user_name":"Ren\u00e9e O\u0027Brien-Zo\u00eb \ud83d\ude00","id":"ZOOM_USER","participant_uuid":"p1","participant_user_id":"ZOOM_USER","email":"ren\u00e9e\u0040example.org","customer_key":"","registrant_id":"","join_time":"JOIN_TIME"}}}}"""
            .Replace("EVENT_TS", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("MEETING_ID", visit.MeetingId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("ZOOM_USER", visit.HostZoomUserId, StringComparison.Ordinal)
            .Replace("JOIN_TIME", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(json);
        var reserialised = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonDocument.Parse(body).RootElement,
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.NotEqual(body, reserialised); // the test means something only if re-serialising changes the bytes

        var response = await sandbox.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var stored = await sandbox.DbAsync(db => db.WebhookEvents.AsNoTracking().SingleAsync(e => e.BodyHash == WebhookTestKit.BodyHash(body)));
        var cipher = sandbox.App.Services.GetRequiredService<IWebhookBodyCipher>();
        Assert.Equal(body, cipher.Unprotect(stored.TenantId, stored.BodyHash, stored.BodyProtected));
        Assert.Single(await DeliveredAsync(visit.Csn, 1), r => r.ExternalId == visit.HostEpicId);
    }

    [Fact]
    public async Task ParticipantEvent_WithRawUtf8AndANumericMeetingId_IsVerifiedAndProcessed()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var body = WebhookTestKit.MeetingEvent("meeting.participant_joined", visit.MeetingId, visit.PatientZoomUserId, numericMeetingId: true);
        var json = Encoding.UTF8.GetString(body).Replace("Test Person", "Zoë Åkesson 名前", StringComparison.Ordinal);
        body = Encoding.UTF8.GetBytes(json);
        Assert.Contains("\"id\":" + visit.MeetingId + ",", json, StringComparison.Ordinal);

        var response = await sandbox.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(await DeliveredAsync(visit.Csn, 1), r => r.ExternalId == visit.PatientEpicId);
    }

    /// <summary>
    /// Zoom gives a receiver 3 s. With Epic's telehealth endpoint stalled, the webhook is still answered, and the status
    /// report it causes reaches Epic only after that answer: processing happens after the response, not inside it.
    /// </summary>
    [Fact]
    public async Task Webhook_IsAnsweredBeforeItIsProcessed_EvenWhileEpicStalls()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var body = WebhookTestKit.MeetingEvent("meeting.participant_joined", visit.MeetingId, visit.HostZoomUserId);
        await sandbox.InjectTelehealthFaultAsync(delayMs: 5000, failNext: 1);
        try
        {
            var response = await sandbox.PostSignedAsync(body);
            var answeredAt = DateTimeOffset.UtcNow;

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(1, await sandbox.StoredCountAsync(body));
            Assert.DoesNotContain(await sandbox.RecordsAsync(visit.Csn), r => r.Status == NotificationStatus.Delivered);
            Assert.Empty(await sandbox.EpicReportsAsync(visit.Csn));

            var record = Assert.Single(await DeliveredAsync(visit.Csn, 1));
            Assert.True(record.DeliveredAtUtc > answeredAt.UtcDateTime, $"delivered {record.DeliveredAtUtc:O}, answered {answeredAt:O}");
            var report = Assert.Single(await sandbox.EpicReportsAsync(visit.Csn));
            Assert.True(report.GetProperty("time").GetDateTimeOffset() > answeredAt, $"Epic saw the report at {report.GetProperty("time")}, the webhook was answered at {answeredAt:O}");
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }
    }

    private async Task<EpicZoom.Domain.Webhooks.ZoomWebhookEvent> ProcessedAsync(byte[] body)
    {
        var hash = WebhookTestKit.BodyHash(body);
        return await WebhookTestKit.EventuallyAsync(
            () => sandbox.DbAsync(db => db.WebhookEvents.AsNoTracking().SingleOrDefaultAsync(e => e.BodyHash == hash)),
            e => e?.ProcessedAtUtc is not null, "the event to be stored and processed") ?? throw new InvalidOperationException();
    }

    private async Task AssertStoredAndProcessedOnceAsync(byte[] body)
    {
        var hash = WebhookTestKit.BodyHash(body);
        var stored = await WebhookTestKit.EventuallyAsync(
            () => sandbox.DbAsync(db => db.WebhookEvents.AsNoTracking().Where(e => e.BodyHash == hash).ToListAsync()),
            events => events.Count == 1 && events[0].ProcessedAtUtc is not null, "the event to be processed");
        Assert.Equal(1, stored[0].ProcessingAttempts);
        Assert.Null(stored[0].ProcessingNote);
    }

    private Task<List<NotificationRecord>> DeliveredAsync(string csn, int count) =>
        WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(csn),
            records => records.Count >= count && records.All(r => r.Status == NotificationStatus.Delivered), $"{count} delivered report(s)");

    /// <summary>A correctly shaped event (for no known meeting) padded with whitespace to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Padded(int size)
    {
        var body = WebhookTestKit.MeetingEvent("meeting.started", NoSuchMeeting);
        return [.. body[..^1], .. Enumerable.Repeat((byte)' ', size - body.Length), (byte)'}'];
    }
}
