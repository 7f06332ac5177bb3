using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace EpicZoom.TestSupport;

public sealed record ReceivedSmsWebhook(string Path, IReadOnlyDictionary<string, string> Form, bool SignatureValid)
{
    public string this[string name] => Form[name];
}

/// <summary>
/// Plays EpicZoom's Twilio webhooks (inbound messages and status callbacks): checks
/// X-Twilio-Signature with its own HMAC-SHA1 code (independent of the sandbox's), and can be told to fail.
/// </summary>
public sealed class SmsWebhookReceiver(string authToken)
{
    private readonly ConcurrentQueue<ReceivedSmsWebhook> received = new();
    private readonly Lock gate = new();
    private int failuresLeft;
    private int failureStatus;

    public IReadOnlyList<ReceivedSmsWebhook> All => received.ToArray();

    public void FailNext(int count, int statusCode = StatusCodes.Status500InternalServerError)
    {
        lock (gate)
        {
            failuresLeft = count;
            failureStatus = statusCode;
        }
    }

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        var data = url + string.Concat(form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + f.Value));
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data)));
        received.Enqueue(new ReceivedSmsWebhook(request.Path, form, request.Headers["X-Twilio-Signature"] == expected));

        lock (gate)
        {
            if (failuresLeft > 0)
            {
                failuresLeft--;
                return Results.StatusCode(failureStatus);
            }
        }

        return Results.Text("<Response></Response>", "text/xml");
    }

    /// <summary>Polls until the webhooks arrived (background delivery), in arrival order.</summary>
    public async Task<IReadOnlyList<ReceivedSmsWebhook>> WaitForAsync(Func<ReceivedSmsWebhook, bool> match, int count = 1, int timeoutMs = 10_000)
    {
        return await Eventually.HoldsAsync(
            () => Task.FromResult(received.Where(match).ToList()),
            found => found.Count >= count,
            $"{count} matching SMS webhooks",
            TimeSpan.FromMilliseconds(timeoutMs),
            describe: found => $"{found.Count} matching of {received.Count}");
    }
}
