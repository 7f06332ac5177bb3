using System.Net;
using System.Text;
using EpicZoom.Web.Tests.Launch;

namespace EpicZoom.Web.Tests.Errors;

/// <summary>On the embedded SQLite database.</summary>
public sealed class HostileInputSqliteTests(SandboxedApp sandbox) : HostileInputScenarios(sandbox), IClassFixture<SandboxedApp>;

/// <summary>The same on a real PostgreSQL server (it refuses NUL and half surrogate pairs that SQLite stores).</summary>
public sealed class HostileInputPostgresTests(PostgresSandboxedApp postgres) : HostileInputScenarios(postgres.Sandbox), IClassFixture<PostgresSandboxedApp>;

/// <summary>
/// Every address that Epic, a patient's browser, a clinician or an SMS provider can reach without signing in, fed what
/// an attacker or a broken client sends — bytes that are not UTF-8, overlong encodings, NUL and other control
/// characters, CR/LF, bidi overrides, escaped lone surrogates, huge values — answers 4xx (or its normal answer) with a
/// human message: never a 5xx, never a stack trace in the body or the log.
/// </summary>
public abstract class HostileInputScenarios(SandboxedApp sandbox)
{
    /// <summary>Raw query values, already percent-encoded as they go on the wire.</summary>
    public static readonly TheoryData<string> Values = new()
    {
        "%FF%FE%FD",              // not UTF-8
        "%C0%AF",                 // overlong '/'
        "%ED%A0%80",              // a UTF-16 surrogate encoded as UTF-8 (CESU)
        "%00",                    // NUL
        "a%0D%0ASet-Cookie:%20x=1", // CR/LF header injection
        "%E2%80%AEevil",          // right-to-left override
        "%01%02%1B%7F",           // other control characters
        "%5Cud800",               // an escaped lone surrogate, as text
        "'%3B--%20%3Cscript%3E",  // SQL and markup
        "%252e%252e%252f",        // double-encoded ../
        "x",                      // harmless, to prove the addresses answer at all
    };

    private static readonly string[] GetAddresses =
    [
        "/epicfhir/providerlaunch?org_id={0}&iss={0}&launch={0}",
        "/epicfhir/patientlaunch?org_id=sandbox&iss={0}&launch={0}",
        "/epicfhir/{0}?org_id=sandbox&launch=x",
        "/epicfhir/callback?state={0}&code={0}",
        "/epicfhir/callback?state={0}&error={0}&error_description={0}",
        "/visit/wait?pass={0}",
        "/visit/wait/status?pass={0}",
        "/visit/device-test?pass={0}",
        "/visit/sms?pass={0}",
        "/visit/sms?pass={0}&outcome={0}",
        "/t/{0}",
        "/jwks/{0}",
        "/sandbox/epic/launch?type=provider&csn={0}&providerId={0}",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public async Task EveryPublicGet_AnswersHostileQueryValues_WithoutA5xx(string value)
    {
        var before = sandbox.App.LogLines.Count;
        foreach (var address in GetAddresses)
        {
            var response = await SendRawAsync(HttpMethod.Get, string.Format(address, value));
            await AssertHandledAsync(response, address, value);
        }
        AssertNoFaultLogged(before);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public async Task PublicForms_AnswerHostileFields_WithoutA5xx(string value)
    {
        var before = sandbox.App.LogLines.Count;
        var forms = new[]
        {
            ("/visit/sms", $"pass={value}&phone={value}"),
            ("/visit/sms", $"pass={value}&resendOf={value}"),
            ("/sms/inbound/sandbox", $"From={value}&Body={value}&MessageSid={value}"),
            ("/sms/status/sandbox", $"MessageSid={value}&MessageStatus={value}"),
            ($"/sms/inbound/{value}", "From=%2B15555550100&Body=STOP"),
        };
        foreach (var (path, body) in forms)
        {
            var response = await SendRawAsync(HttpMethod.Post, path, new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));
            await AssertHandledAsync(response, path, value);
        }
        AssertNoFaultLogged(before);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x63, 0x61, 0x6D, 0x65, 0x72, 0x61, 0x22, 0x3A, 0xFF, 0x7D })] // {"camera":<FF>}
    [InlineData(new byte[] { 0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x74, 0x72, 0x75, 0x65, 0x7D })]       // overlong in a key
    public async Task TheDeviceTestResult_AnswersBytesThatAreNotUtf8_WithA4xx(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await SendRawAsync(HttpMethod.Post, "/visit/device-test/result?pass=x", content);

        await AssertHandledAsync(response, "/visit/device-test/result", "bytes");
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Theory]
    [InlineData("{\"camera\":\"\\ud800\",\"microphone\":true,\"speaker\":true}")]
    [InlineData("{\"camera\":1e999,\"microphone\":true,\"speaker\":true}")]
    [InlineData("{\"camera\":true,\"microphone\":true,\"speaker\":true,\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task TheDeviceTestResult_AnswersMalformedJson_WithA4xx(string json)
    {
        var response = await SendRawAsync(HttpMethod.Post, "/visit/device-test/result?pass=x", new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertHandledAsync(response, "/visit/device-test/result", json);
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task AHugeQueryValue_IsRefusedWithA4xx()
    {
        var huge = new string('A', 60_000);
        foreach (var address in GetAddresses)
        {
            var response = await SendRawAsync(HttpMethod.Get, string.Format(address, huge));
            Assert.InRange((int)response.StatusCode, 300, 499);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null)
    {
        // Sent byte for byte: no canonicalisation of the escapes.
        var uri = new Uri(sandbox.BaseUrl + pathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        return await sandbox.Http.SendAsync(new HttpRequestMessage(method, uri) { Content = content });
    }

    private static async Task AssertHandledAsync(HttpResponseMessage response, string address, string value)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{address} with {value}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("x=", StringComparison.Ordinal)),
            $"{address}: a header was injected");
    }

    private void AssertNoFaultLogged(int before)
    {
        var lines = sandbox.App.LogLines.Skip(before).ToList();
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }
}
