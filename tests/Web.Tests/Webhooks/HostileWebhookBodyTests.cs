using System.Net;
using System.Text;
using EpicZoom.Web.Tests.Launch;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// Hostile bytes at /zoom/webhooks, on each database: bytes that are not UTF-8, overlong encodings, escaped lone
/// surrogates and NUL in event, account_id and plainToken. Unsigned: 401. Signed: 400 where the part is needed to
/// act, else 204 and one stored row that ends processed. Never a 5xx, never a half-written row, never a stack trace.
/// </summary>
public abstract class HostileWebhookBodyTests
{
    protected abstract SandboxedApp Sandbox { get; }

    public static TheoryData<string, byte[], int> Bodies => new()
    {
        { "event not UTF-8", Body("\"event\":\"meeting.", [0xFF, 0xFE], "\",\"payload\":{\"account_id\":\"sandbox-account\"}"), 400 },
        { "event overlong", Body("\"event\":\"meeting", [0xC0, 0xAE], "started\",\"payload\":{\"account_id\":\"sandbox-account\"}"), 400 },
        { "event encoded surrogate", Body("\"event\":\"meeting.", [0xED, 0xA0, 0x80], "\",\"payload\":{\"account_id\":\"sandbox-account\"}"), 400 },
        { "event escaped lone surrogate", Body("\"event\":\"meeting.\\ud800\",\"payload\":{\"account_id\":\"sandbox-account\"}"), 400 },
        { "event escaped NUL", Body("\"event\":\"meeting.\\u0000started\",\"payload\":{\"account_id\":\"sandbox-account\"}"), 400 },
        { "plainToken not UTF-8", Body("\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"a", [0xFF], "\"}"), 400 },
        { "plainToken escaped lone surrogate", Body("\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"\\udfff\"}"), 400 },
        { "account_id not UTF-8", Body("\"event\":\"meeting.started\",\"event_ts\":1,\"payload\":{\"account_id\":\"a", [0xC0, 0x80], "\",\"object\":{\"id\":\"1\"}}"), 204 },
        { "account_id escaped lone surrogate", Body("\"event\":\"meeting.started\",\"event_ts\":1,\"payload\":{\"account_id\":\"\\ud800\",\"object\":{\"id\":\"1\"}}"), 204 },
        { "meeting id escaped lone surrogate", Body("\"event\":\"meeting.ended\",\"event_ts\":1,\"payload\":{\"account_id\":\"sandbox-account\",\"object\":{\"id\":\"\\ud800\"}}"), 204 },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task HostileBody_Unsigned_Is401_AndNothingIsStored(string what, byte[] body, int _)
    {
        var before = await Sandbox.WebhookEventCountAsync();

        var response = await Sandbox.PostWebhookAsync(body, WebhookTestKit.Timestamp(), "v0=" + new string('0', 64));

        await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.True(before == await Sandbox.WebhookEventCountAsync(), what);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task HostileBody_Signed_IsRefusedOrKept_NeverA5xx_NeverHalfWritten(string what, byte[] body, int status)
    {
        var before = await Sandbox.WebhookEventCountAsync();

        var response = await Sandbox.PostSignedAsync(body);

        Assert.True(status == (int)response.StatusCode, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (status == 400)
        {
            await WebhookTestKit.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal(before, await Sandbox.WebhookEventCountAsync());
            return;
        }
        Assert.Equal(1, await Sandbox.StoredCountAsync(body));
        var hash = WebhookTestKit.BodyHash(body);
        var stored = await WebhookTestKit.EventuallyAsync(
            () => Sandbox.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.WebhookEvents, e => e.BodyHash == hash)),
            e => e.ProcessedAtUtc is not null || e.ProcessingAttempts > 0, $"{what}: processed");
        Assert.True(stored.ProcessedAtUtc is not null, $"{what}: {stored.ProcessingNote}");
        Assert.Equal(1, stored.ProcessingAttempts);
    }

    [Fact]
    public async Task RefusedWebhook_LogsOneWarningLine_WithoutAStackTrace()
    {
        var marker = "x" + Guid.NewGuid().ToString("N");
        var body = Encoding.UTF8.GetBytes($"{{\"event\":\"meeting.started\",\"payload\":{{\"account_id\":\"{marker}\"}}}}");

        await Sandbox.PostWebhookAsync(body, WebhookTestKit.Timestamp(), "v0=" + new string('0', 64));

        var lines = await WebhookTestKit.EventuallyAsync(() => Task.FromResult(Sandbox.App.LogLines.Where(l => l.Contains("/zoom/webhooks answered 401 EZ-W003", StringComparison.Ordinal)).ToList()),
            l => l.Count > 0, "the refusal logged");
        Assert.All(lines, l => Assert.True(l.StartsWith("Information ", StringComparison.Ordinal) || l.StartsWith("Warning ", StringComparison.Ordinal), l));
        Assert.DoesNotContain(Sandbox.App.LogLines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("ReceiveZoomWebhook", StringComparison.Ordinal));
        Assert.DoesNotContain(Sandbox.App.LogLines, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(Sandbox.App.LogLines, l => l.Contains(marker, StringComparison.Ordinal));
    }

    private static byte[] Body(string before, byte[]? raw = null, string after = "") =>
        [(byte)'{', .. Encoding.UTF8.GetBytes(before), .. raw ?? [], .. Encoding.UTF8.GetBytes(after), (byte)'}'];
}

public sealed class SqliteHostileWebhookBodyTests(SandboxedApp sandbox) : HostileWebhookBodyTests, IClassFixture<SandboxedApp>
{
    protected override SandboxedApp Sandbox => sandbox;
}

public sealed class PostgresHostileWebhookBodyTests(PostgresSandboxedApp fixture) : HostileWebhookBodyTests, IClassFixture<PostgresSandboxedApp>
{
    protected override SandboxedApp Sandbox => fixture.Sandbox;
}
