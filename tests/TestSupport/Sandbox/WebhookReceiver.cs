using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EpicZoom.TestSupport;

public sealed record ReceivedWebhook(string Event, JsonElement Body, bool SignatureValid)
{
    public string? MeetingId => Body.TryGetProperty("payload", out var p) && p.TryGetProperty("object", out var o) && o.TryGetProperty("id", out var id) ? id.GetString() : null;

    public JsonElement Participant => Body.GetProperty("payload").GetProperty("object").GetProperty("participant");
}

/// <summary>
/// Plays EpicZoom's webhook endpoint: checks signatures with its own HMAC code (independent of the
/// sandbox's), answers endpoint.url_validation, and can be told to fail.
/// </summary>
public sealed class WebhookReceiver(string secretToken)
{
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly Lock gate = new();
    private int failuresLeft;
    private Func<ReceivedWebhook, bool>? failOnly;
    private int failureStatus;

    private int inFlight;
    private int maxInFlight;

    public bool AnswerWrongEncryptedToken { get; set; }

    /// <summary>How long each meeting event is held before it is answered (url_validation is answered at once).</summary>
    public TimeSpan EventDelay { get; set; }

    /// <summary>The most requests this receiver was handling at one moment.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public IReadOnlyList<ReceivedWebhook> All => received.ToArray();

    /// <summary>
    /// Answers the next <paramref name="count"/> webhooks (those <paramref name="only"/> matches, when given: events still
    /// in flight from earlier steps then cannot use the failures up) with <paramref name="statusCode"/>.
    /// </summary>
    public void FailNext(int count, int statusCode = StatusCodes.Status500InternalServerError, Func<ReceivedWebhook, bool>? only = null)
    {
        lock (gate)
        {
            failuresLeft = count;
            failureStatus = statusCode;
            failOnly = only;
        }
    }

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        var now = Interlocked.Increment(ref inFlight);
        try
        {
            for (var max = Volatile.Read(ref maxInFlight); now > max; max = Volatile.Read(ref maxInFlight))
            {
                Interlocked.CompareExchange(ref maxInFlight, now, max);
            }

            return await ReceiveAsync(request);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var timestamp = request.Headers["x-zm-request-timestamp"].ToString();
        var expected = "v0=" + Hex(Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(raw).ToArray());
        using var document = JsonDocument.Parse(raw);
        var body = document.RootElement.Clone();
        var name = body.GetProperty("event").GetString()!;
        var webhook = new ReceivedWebhook(name, body, request.Headers["x-zm-signature"] == expected);
        received.Enqueue(webhook);

        lock (gate)
        {
            if (failuresLeft > 0 && (failOnly is null || failOnly(webhook)))
            {
                failuresLeft--;
                return Results.StatusCode(failureStatus);
            }
        }

        if (name != "endpoint.url_validation")
        {
            if (EventDelay > TimeSpan.Zero)
            {
                await Task.Delay(EventDelay);
            }

            return Results.Ok();
        }

        var plainToken = body.GetProperty("payload").GetProperty("plainToken").GetString()!;
        var encrypted = AnswerWrongEncryptedToken ? "wrong" : Hex(Encoding.UTF8.GetBytes(plainToken));
        return Results.Json(new { plainToken, encryptedToken = encrypted });
    }

    /// <summary>Polls until the webhooks arrived (background delivery), in arrival order.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> match, int count = 1, int timeoutMs = 10_000)
    {
        return await Eventually.HoldsAsync(
            () => Task.FromResult(received.Where(match).ToList()),
            found => found.Count >= count,
            $"{count} matching webhooks",
            TimeSpan.FromMilliseconds(timeoutMs),
            describe: found => $"{found.Count} matching of {string.Join(", ", received.Select(r => r.Event))}");
    }

    /// <summary>Waits for one webhook of each named event for the meeting; returns them by event name.</summary>
    public async Task<Dictionary<string, ReceivedWebhook>> WaitForEventsAsync(long meetingId, params string[] events)
    {
        var id = meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = new Dictionary<string, ReceivedWebhook>();
        foreach (var name in events)
        {
            result[name] = (await WaitForAsync(w => w.Event == name && w.MeetingId == id))[0];
        }

        return result;
    }

    private string Hex(byte[] message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), message));
}
