using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EpicZoom.Sandbox.Tests.Infrastructure;

/// <summary>Calls the SMS simulator as a Twilio client would: form posts with the account's Basic auth.</summary>
internal sealed class SmsApi(SandboxHost host, string accountSid = SandboxDefaults.SmsAccountSid, string authToken = SandboxDefaults.SmsAuthToken)
{
    public const string Phone = "+15551230001";

    public string StatusCallbackUrl => host.BaseUrl + "/sms/status";

    public static string MessagesPath(string accountSid = SandboxDefaults.SmsAccountSid) =>
        $"/sandbox/sms/2010-04-01/Accounts/{accountSid}/Messages.json";

    // The old loop made 500 fetches 20 ms apart: at least 10 s plus the fetches themselves, on a busy machine far more.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>A send; a null field is left out of the form.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        string? to = Phone, string? body = "Hello", string? from = SandboxDefaults.SmsFromNumber, string? statusCallback = null, string? pathSid = null)
    {
        var form = new Dictionary<string, string?> { ["To"] = to, ["From"] = from, ["Body"] = body, ["StatusCallback"] = statusCallback };
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesPath(pathSid ?? accountSid))
        {
            Content = new FormUrlEncodedContent(form.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!)),
        };
        request.Headers.Authorization = SandboxHost.Basic(accountSid, authToken);
        return await host.Client.SendAsync(request);
    }

    /// <summary>A send that must succeed; returns the created message.</summary>
    public async Task<JsonElement> SendOkAsync(string to = Phone, string body = "Hello", string? statusCallback = null)
    {
        using var response = await SendAsync(to, body, statusCallback: statusCallback);
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public async Task<HttpResponseMessage> FetchAsync(string messageSid)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sandbox/sms/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}.json");
        request.Headers.Authorization = SandboxHost.Basic(accountSid, authToken);
        return await host.Client.SendAsync(request);
    }

    /// <summary>Fetches until the message reaches <paramref name="status"/>.</summary>
    public async Task<JsonElement> WaitForStatusAsync(string messageSid, string status)
    {
        return await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await FetchAsync(messageSid);
                return await response.JsonAsync(HttpStatusCode.OK);
            },
            message => message.Str("status") == status,
            $"message {messageSid} to reach {status}",
            Patience,
            describe: message => message.Str("status") ?? "no status");
    }

    /// <summary>The test API's reply: {"optedOut", "webhookStatus", ...}.</summary>
    public async Task<JsonElement> ReplyAsync(string from, string body)
    {
        using var response = await host.Client.PostAsJsonAsync("/sandbox/sms/_test/replies", new { from, body });
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    public async Task<List<JsonElement>> MessagesAsync(string? to = null) =>
        (await host.Client.JsonAsync("/sandbox/sms/_test/messages" + (to is null ? "" : "?to=" + Uri.EscapeDataString(to)))).EnumerateArray().ToList();
}
