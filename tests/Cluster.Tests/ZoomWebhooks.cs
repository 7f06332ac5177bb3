using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EpicZoom.Sandbox;

namespace EpicZoom.Cluster.Tests;

/// <summary>Plays Zoom: a participant_joined in Zoom's envelope, signed with the sandbox tenant's secret the way Zoom signs.</summary>
internal static class ZoomWebhooks
{
    private static long lastEventTs;

    public static byte[] Joined(long meetingId, string zoomUserId)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new
        {
            @event = "meeting.participant_joined",
            event_ts = NextEventTs(now),
            payload = new
            {
                account_id = SandboxDefaults.ZoomAccountId,
                @object = new
                {
                    id = meetingId.ToString(CultureInfo.InvariantCulture),
                    uuid = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
                    host_id = "host-zoom-id",
                    topic = "Video visit",
                    type = 2,
                    start_time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    timezone = "UTC",
                    duration = 30,
                    participant = new
                    {
                        user_id = "16778240",
                        user_name = "Cluster Person",
                        id = zoomUserId,
                        participant_uuid = Guid.NewGuid().ToString("N"),
                        participant_user_id = zoomUserId,
                        join_time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    },
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>The stored event's BodyHash: one stored event per distinct body.</summary>
    public static string Hash(byte[] body) => Convert.ToHexString(SHA256.HashData(body));

    /// <summary>Posts the body signed now (a re-delivery is the same body with a new timestamp); returns the status.</summary>
    public static async Task<int> PostAsync(HttpClient http, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zoom/webhooks") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", "Zoom Marketplace/1.0a");
        request.Headers.TryAddWithoutValidation("x-zm-request-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("x-zm-signature", Sign(timestamp, body));
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static string Sign(string timestamp, byte[] body)
    {
        var message = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SandboxDefaults.ZoomWebhookSecretToken), message));
    }

    private static long NextEventTs(DateTimeOffset at)
    {
        while (true)
        {
            var last = Interlocked.Read(ref lastEventTs);
            var next = Math.Max(at.ToUnixTimeMilliseconds(), last + 1);
            if (Interlocked.CompareExchange(ref lastEventTs, next, last) == last) return next;
        }
    }
}
