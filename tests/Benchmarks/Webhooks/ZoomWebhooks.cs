using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EpicZoom.Sandbox;

namespace EpicZoom.Benchmarks.Webhooks;

/// <summary>What the client saw of one POST: when it was sent (wall clock, to compare with Epic's log), its status, how long the answer took.</summary>
internal readonly record struct Posted(DateTimeOffset SentAt, long StartedTicks, int Status, double AckMs);

/// <summary>
/// Plays Zoom: meeting events in Zoom's envelope (as tests/Web.Tests' WebhookTestKit builds them), signed with the
/// sandbox tenant's webhook secret the way Zoom signs (v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))), posted with
/// Zoom's headers. Every body is unique (a fresh meeting uuid, participant uuid and event_ts), so none is taken for a
/// re-delivery.
/// </summary>
internal static class ZoomWebhooks
{
    public const string Path = "/zoom/webhooks";
    public const string Joined = "meeting.participant_joined";
    public const string Left = "meeting.participant_left";
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes(SandboxDefaults.ZoomWebhookSecretToken);
    private static long lastEventTs;

    public static byte[] MeetingEvent((string Name, string Session) participantEvent, long meetingId, string zoomUserId, DateTimeOffset at)
    {
        var eventName = participantEvent.Name;
        var zoomTime = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream(768);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", eventName);
            json.WriteNumber("event_ts", UniqueEventTs(at));
            json.WriteStartObject("payload");
            json.WriteString("account_id", SandboxDefaults.ZoomAccountId);
            json.WriteStartObject("object");
            json.WriteString("id", meetingId.ToString(CultureInfo.InvariantCulture));
            // One meeting instance per meeting, as at Zoom for a visit that is not restarted.
            json.WriteString("uuid", Convert.ToBase64String(BitConverter.GetBytes(meetingId)));
            json.WriteString("host_id", "host-zoom-id");
            json.WriteString("topic", "Video visit");
            json.WriteNumber("type", 2);
            json.WriteString("start_time", zoomTime);
            json.WriteString("timezone", "UTC");
            json.WriteNumber("duration", 30);
            json.WriteStartObject("participant");
            json.WriteString("user_id", "16778240");
            json.WriteString("user_name", "Bench Person");
            json.WriteString("id", zoomUserId);
            json.WriteString("participant_uuid", participantEvent.Session);
            json.WriteString("participant_user_id", zoomUserId);
            json.WriteString("email", "");
            json.WriteString("customer_key", "");
            json.WriteString("registrant_id", "");
            if (eventName == Left)
            {
                json.WriteString("leave_time", zoomTime);
                json.WriteString("leave_reason", "left the meeting");
            }
            else
            {
                json.WriteString("join_time", zoomTime);
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string Sign(string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message, prefix.Length);
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Secret, message));
    }

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="path"/>, signed now, and reads the whole answer; the time is
    /// from just before sending to the end of the answer. Failures to connect count as status 0.
    /// </summary>
    public static async Task<Posted> PostAsync(HttpClient http, string path, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // No body: the static-file reference, a plain GET.
        using var request = body.Length == 0 ? new HttpRequestMessage(HttpMethod.Get, path) : new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (body.Length == 0)
        {
            var startedGet = Stopwatch.GetTimestamp();
            var sentGet = DateTimeOffset.UtcNow;
            try
            {
                using var got = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                return new Posted(sentGet, startedGet, (int)got.StatusCode, Stopwatch.GetElapsedTime(startedGet).TotalMilliseconds);
            }
            catch (HttpRequestException)
            {
                return new Posted(sentGet, startedGet, 0, Stopwatch.GetElapsedTime(startedGet).TotalMilliseconds);
            }
        }
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", "Zoom Marketplace/1.0a");
        request.Headers.TryAddWithoutValidation("x-zm-request-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("x-zm-signature", Sign(timestamp, body));
        var sentAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return new Posted(sentAt, started, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new Posted(sentAt, started, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Zoom's event_ts in milliseconds, made strictly increasing within the run.</summary>
    private static long UniqueEventTs(DateTimeOffset at)
    {
        var wanted = at.ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Interlocked.Read(ref lastEventTs);
            var next = Math.Max(wanted, last + 1);
            if (Interlocked.CompareExchange(ref lastEventTs, next, last) == last) return next;
        }
    }
}
