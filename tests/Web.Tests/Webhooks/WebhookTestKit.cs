using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.ZoomAccounts;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.Sandbox;
using EpicZoom.TestSupport;
using EpicZoom.Web.Tests.Launch;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// Plays Zoom by hand: builds webhook bodies in Zoom's envelope, signs them with the sandbox tenant's secret (computed
/// here, independently of EpicZoom's code), posts them over real HTTP; plus the database and simulator reads the tests share.
/// </summary>
internal static partial class WebhookTestKit
{
    public const string Secret = SandboxDefaults.ZoomWebhookSecretToken;
    public const string AccountId = SandboxDefaults.ZoomAccountId;
    public const string Path = "/zoom/webhooks";

    /// <summary>Long enough for a loaded two-core machine; every wait polls and returns as soon as it can.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var message = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static string EncryptToken(string secret, string plainToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(plainToken)));

    public static string Timestamp(TimeSpan offset = default) =>
        DateTimeOffset.UtcNow.Add(offset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The key EpicZoom stores an event under: SHA-256 of the raw body.</summary>
    public static string BodyHash(byte[] body) => Convert.ToHexString(SHA256.HashData(body));

    /// <summary>A meeting event in Zoom's envelope (shared/spec/zoom.md §4); participant events carry join_time or leave_time.</summary>
    public static byte[] MeetingEvent(string eventName, long meetingId, string? zoomUserId = null, string accountId = AccountId,
        DateTimeOffset? at = null, bool numericMeetingId = false, string userName = "Test Person", string email = "")
    {
        var time = (at ?? DateTimeOffset.UtcNow).UtcDateTime;
        var zoomTime = time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var meeting = new JsonObject
        {
            ["id"] = numericMeetingId ? JsonValue.Create(meetingId) : JsonValue.Create(meetingId.ToString(CultureInfo.InvariantCulture)),
            ["uuid"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            ["host_id"] = "host-zoom-id",
            ["topic"] = "Video visit",
            ["type"] = 2,
            ["start_time"] = zoomTime,
            ["timezone"] = "UTC",
            ["duration"] = 30,
        };
        if (zoomUserId is not null)
        {
            var participant = new JsonObject
            {
                ["user_id"] = "16778240",
                ["user_name"] = userName,
                ["id"] = zoomUserId,
                ["participant_uuid"] = Guid.NewGuid().ToString("N"),
                ["participant_user_id"] = zoomUserId,
                ["email"] = email,
                ["customer_key"] = "",
                ["registrant_id"] = "",
            };
            if (eventName.EndsWith("_left", StringComparison.Ordinal))
            {
                participant["leave_time"] = zoomTime;
                participant["leave_reason"] = "left the meeting";
            }
            else
            {
                participant["join_time"] = zoomTime;
            }
            meeting["participant"] = participant;
        }
        var envelope = new JsonObject
        {
            ["event"] = eventName,
            ["event_ts"] = new DateTimeOffset(time).ToUnixTimeMilliseconds(),
            ["payload"] = new JsonObject { ["account_id"] = accountId, ["object"] = meeting },
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    /// <summary>Zoom's times: whole seconds, UTC, "Z".</summary>
    public static string ZoomTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A participant event in the shape real Zoom sends (Zoom's Meeting webhooks reference): the person not signed in
    /// (id "", a per-meeting numeric user_id) unless <paramref name="participant"/> says otherwise; the meeting's
    /// start_time is the scheduled start (a day ago), which must never be taken for the participant's time.
    /// </summary>
    public static byte[] ZoomEvent(string eventName, long meetingId, Action<JsonObject> participant, DateTimeOffset? eventTs = null,
        bool eventTsAsString = false, string? accountId = AccountId)
    {
        var ts = (eventTs ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds();
        var person = new JsonObject
        {
            ["user_id"] = "16778240",
            ["user_name"] = "Test Person",
            ["id"] = "",
            ["participant_uuid"] = Guid.NewGuid().ToString().ToUpperInvariant(),
            ["participant_user_id"] = "",
            ["email"] = "",
            ["customer_key"] = "",
            ["registrant_id"] = "",
        };
        participant(person);
        var payload = new JsonObject
        {
            ["object"] = new JsonObject
            {
                ["id"] = meetingId.ToString(CultureInfo.InvariantCulture),
                ["uuid"] = "4444AAAiAAAAAiAiAiiAii==",
                ["host_id"] = "host-zoom-id",
                ["topic"] = "Video visit",
                ["type"] = 2,
                ["start_time"] = ZoomTime(DateTimeOffset.UtcNow.AddDays(-1)),
                ["timezone"] = "UTC",
                ["duration"] = 30,
                ["participant"] = person,
            },
        };
        if (accountId is not null) payload["account_id"] = accountId;
        var envelope = new JsonObject
        {
            ["event"] = eventName,
            ["event_ts"] = eventTsAsString ? JsonValue.Create(ts.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(ts),
            ["payload"] = payload,
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    public static byte[] UrlValidation(string plainToken) =>
        Encoding.UTF8.GetBytes($$"""{"payload":{"plainToken":"{{plainToken}}"},"event_ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"event":"endpoint.url_validation"}""");

    /// <summary>Posts a body signed now with the sandbox secret, as Zoom would.</summary>
    public static Task<HttpResponseMessage> PostSignedAsync(this SandboxedApp sandbox, byte[] body)
    {
        var timestamp = Timestamp();
        return sandbox.PostWebhookAsync(body, timestamp, Sign(Secret, timestamp, body));
    }

    public static Task<HttpResponseMessage> PostWebhookAsync(this SandboxedApp sandbox, byte[] body, string? timestamp, string? signature) =>
        sandbox.PostWebhookAsync(new ByteArrayContent(body), timestamp, signature);

    public static async Task<HttpResponseMessage> PostWebhookAsync(this SandboxedApp sandbox, HttpContent content, string? timestamp, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", "Zoom Marketplace/1.0a");
        if (timestamp is not null) request.Headers.TryAddWithoutValidation("x-zm-request-timestamp", timestamp);
        if (signature is not null) request.Headers.TryAddWithoutValidation("x-zm-signature", signature);
        var response = await sandbox.Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>A 4xx of the endpoint: problem details with that status.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
    }

    public static async Task<T> DbAsync<T>(this SandboxedApp sandbox, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = sandbox.App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static Task<int> WebhookEventCountAsync(this SandboxedApp sandbox) => sandbox.DbAsync(db => db.WebhookEvents.CountAsync());

    public static Task<int> StoredCountAsync(this SandboxedApp sandbox, byte[] body)
    {
        var hash = BodyHash(body);
        return sandbox.DbAsync(db => db.WebhookEvents.CountAsync(e => e.BodyHash == hash));
    }

    public static Task<List<NotificationRecord>> RecordsAsync(this SandboxedApp sandbox, string csn) =>
        sandbox.DbAsync(db => db.NotificationRecords.AsNoTracking().Include(r => r.Attempts).Where(r => r.Csn == csn).ToListAsync());

    /// <summary>The NotificationAttempts rows of the visit's records, read from their own table.</summary>
    public static Task<List<NotificationAttempt>> AttemptRowsAsync(this SandboxedApp sandbox, string csn) =>
        sandbox.DbAsync(db => db.Set<NotificationAttempt>().AsNoTracking()
            .Where(a => db.NotificationRecords.Any(r => r.Id == a.NotificationRecordId && r.Csn == csn)).ToListAsync());

    /// <summary>
    /// Makes the visit's waiting retries due now instead of after their backoff (the first is 5 s): the dispatcher
    /// polls every second, so this spares the tests the real wait without changing what is sent or recorded.
    /// </summary>
    public static Task<int> MakeRetriesDueAsync(this SandboxedApp sandbox, string csn)
    {
        var now = DateTime.UtcNow;
        return sandbox.DbAsync(db => db.NotificationRecords
            .Where(r => r.Csn == csn && r.Status == NotificationStatus.Pending && r.NextAttemptAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAtUtc, now)));
    }

    /// <summary>Every SetExternalConnectionStatus call the Epic simulator saw for the CSN, in arrival order, with the status it answered.</summary>
    public static async Task<List<JsonElement>> EpicReportsAsync(this SandboxedApp sandbox, string csn)
    {
        using var doc = JsonDocument.Parse(await sandbox.Http.GetStringAsync($"/sandbox/epic/_test/status-reports?csn={csn}"));
        return doc.RootElement.EnumerateArray().Select(r => r.Clone()).ToList();
    }

    /// <summary>The reports Epic accepted (HTTP 200) for the CSN, per Epic id, as the ConnectionStatus codes in arrival order.</summary>
    public static async Task<Dictionary<string, List<string>>> AcceptedByPersonAsync(this SandboxedApp sandbox, string csn) =>
        (await sandbox.EpicReportsAsync(csn)).Where(r => r.GetProperty("statusCode").GetInt32() == 200)
            .GroupBy(r => r.GetProperty("externalId").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(r => r.GetProperty("connectionStatus").GetString()!).ToList());

    /// <summary>Polls until <paramref name="done"/> holds; fails with <paramref name="what"/> and the last value seen.</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, Func<Task>? between = null) =>
        Eventually.HoldsAsync(probe, done, what, timeout ?? Patience, between, TimeSpan.FromMilliseconds(100), value => Describe(value));

    private static string Describe(object? value) => value switch
    {
        IEnumerable<NotificationRecord> records => string.Join("; ", records.Select(r =>
            $"{r.ExternalId}#{r.Sequence} {r.Kind} {r.Status} attempts={r.AttemptCount} last={r.LastRespCode} lease={r.LeaseOwner}")),
        System.Collections.IEnumerable items and not string => string.Join(", ", items.Cast<object?>()),
        _ => value?.ToString() ?? "null",
    };

    /// <summary>A video visit of the sandbox tenant: the provider (host) and the patient have launched; nobody has joined yet.</summary>
    public static async Task<Visit> LaunchVisitAsync(this SandboxedApp sandbox, string providerQuery = "", string patientQuery = "")
    {
        var csn = SandboxedApp.NewCsn();
        var providerId = "eProv" + csn;
        var provider = await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId={providerId}{providerQuery}");
        var match = MeetingLink().Match(provider.Headers.Location?.ToString() ?? "");
        if (!match.Success) throw new InvalidOperationException($"The provider launch did not reach the meeting: {(int)provider.StatusCode} {provider.Headers.Location}");
        var meetingId = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        await sandbox.LaunchAsync($"type=patient&csn={csn}{patientQuery}");

        await using var scope = sandbox.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var visit = await db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Csn == csn);
        var prefix = visit.Id + ":";
        var patientAccount = await db.ZoomAccounts.SingleAsync(a => a.Kind == ZoomAccountKind.Patient && a.EpicId.StartsWith(prefix));
        var host = visit.Participants.Single(p => p.IsHost);
        var patient = visit.Participants.Single(p => p.ZoomUserId == patientAccount.ZoomUserId);
        return new Visit(csn, meetingId, providerId, visit.HostZoomUserId!, host.EpicId, patientAccount.ZoomUserId, patient.EpicId);
    }

    /// <summary>Someone joins in the Zoom simulator, which then sends EpicZoom the signed webhook itself; returns the participant id.</summary>
    public static async Task<string> JoinAsync(this SandboxedApp sandbox, long meetingId, string zoomUserId, bool asHost) =>
        (await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/join", new { zoomUserId, asHost })).GetProperty("participantId").GetString()!;

    public static Task LeaveAsync(this SandboxedApp sandbox, long meetingId, string participantId) =>
        sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/leave", new { participantId });

    public static Task InjectTelehealthFaultAsync(this SandboxedApp sandbox, int? statusCode = null, int? delayMs = null, int? failNext = null) =>
        sandbox.InjectFaultAsync("epic", new { endpoint = "telehealth", statusCode, delayMs, failNext });

    /// <summary>Sends a request through the app's MediatR pipeline as a signed-in admin, the way the sandbox seed does.</summary>
    public static Task<T> SendAsAdminAsync<T>(this SandboxedApp sandbox, IRequest<T> request, string userName = "webhook-tests") =>
        sandbox.App.SendAsAdminAsync(request, userName);

    public static Task<HttpResponseMessage> PostJsonAsync(this SandboxedApp sandbox, string path, object body) => sandbox.Http.PostAsJsonAsync(path, body);

    [GeneratedRegex(@"/s/(\d+)")]
    private static partial Regex MeetingLink();
}

/// <summary>A launched visit: its CSN and meeting, and for host and patient their Zoom user (what webhooks name) and Epic id (what Epic is told).</summary>
internal sealed record Visit(string Csn, long MeetingId, string ProviderId, string HostZoomUserId, string HostEpicId, string PatientZoomUserId, string PatientEpicId);

/// <summary>Content of unknown length: sent chunked, without Content-Length.</summary>
internal sealed class ChunkedContent(byte[] body) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
