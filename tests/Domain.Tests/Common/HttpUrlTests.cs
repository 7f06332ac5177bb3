using EpicZoom.Domain.Common;

namespace EpicZoom.Domain.Tests.Common;

public class HttpUrlTests
{
    public static TheoryData<string> Acceptable => new()
    {
        "https://fhir.example.org",
        "https://fhir.example.org/api/FHIR/R4",
        "https://fhir.example.org:8443/api/FHIR/R4/",
        "HTTPS://FHIR.EXAMPLE.ORG/api",
        "http://localhost",
        "http://localhost:5000/sandbox/epic",
        "http://127.0.0.1:5000",
        "http://127.0.0.2",
        "http://[::1]:5000",
        "https://10.0.0.5/api",
        "https://192.168.1.10",
        "https://172.16.4.2:8443",
        "https://[fd12:3456::1]/fhir",
        "https://epic.intranet.local/interconnect",
    };

    // Each value with the start of the problem it must report.
    public static TheoryData<string?, string> Unacceptable => new()
    {
        { null, "is required" },
        { "", "is required" },
        { "   ", "is required" },
        { "https://example.org/" + new string('a', HttpUrl.MaxLength), "must be at most 2048" },
        { "/api/FHIR/R4", "must be an absolute URL" },
        { "api/FHIR/R4", "must be an absolute URL" },
        { "fhir.example.org", "must be an absolute URL" },
        { "ftp://fhir.example.org", "must be an absolute URL" },
        { "file:///etc/passwd", "must be an absolute URL" },
        { "javascript:alert(1)", "must be an absolute URL" },
        { "http://fhir.example.org", "must use https://" },
        { "http://10.0.0.1", "must use https://" },
        { "http://localhost.example.org", "must use https://" },
        { "https://fhir.example.org/?a=1", "must not contain a query string" },
        { "https://fhir.example.org/api?", "must not contain a query string" },
        { "https://fhir.example.org/#top", "must not contain a query string" },
        { "https://user@fhir.example.org", "must not contain a query string" },
        { "https://user:secret@fhir.example.org", "must not contain a query string" },
        { "https://fhir.exa\nmple.org", "must be on one line" },
        { "https://fhir.example.org/a\rpi", "must be on one line" },
        { "https://fhir.example.org/a\tpi", "contains an invisible control character" },
        { "https://fhir.example.org/\0", "contains an invisible control character" },
        { "https://fhir.example.org/\u202egro.live", "contains an invisible text-direction character" },
        { "https://fhir.example.org/\u2066x", "contains an invisible text-direction character" },
        { "https://169.254.169.254/latest/meta-data", "must not point to 169.254.169.254" },
        { "https://169.254.0.1", "must not point to" },
        { "https://0xA9FEA9FE/", "must not point to" },
        { "https://2852039166/", "must not point to" },
        { "https://[::ffff:169.254.169.254]/", "must not point to" },
        { "https://[fe80::1]/", "must not point to" },
        { "https://[fe80::1%25eth0]/", "must not point to" },
        { "https://0.0.0.0/", "must not point to" },
        { "http://0.0.0.0:5000/", "must" },
        { "https://[::]/", "must not point to" },
        { "https://[fd00:ec2::254]/", "must not point to" },
        { "https://100.100.100.200/", "must not point to" },
        { "https://metadata.google.internal/computeMetadata/v1", "must not point to" },
        { "https://METADATA.GOOGLE.INTERNAL./", "must not point to" },
    };

    [Theory]
    [MemberData(nameof(Acceptable))]
    public void IsAcceptableBaseUrl_ForHttpsOrLoopbackHttp_IsTrueWithNoProblem(string url)
    {
        Assert.True(HttpUrl.IsAcceptableBaseUrl(url, out var problem));
        Assert.Equal("", problem);
    }

    [Theory]
    [MemberData(nameof(Unacceptable))]
    public void IsAcceptableBaseUrl_ForAnUnacceptableUrl_IsFalseAndSaysWhy(string? url, string expectedProblem)
    {
        Assert.False(HttpUrl.IsAcceptableBaseUrl(url, out var problem));
        Assert.StartsWith(expectedProblem, problem);
    }

    [Fact]
    public void IsAcceptableBaseUrl_AtExactlyTheMaximumLength_IsTrue()
    {
        var prefix = "https://example.org/";
        var url = prefix + new string('a', HttpUrl.MaxLength - prefix.Length);

        Assert.True(HttpUrl.IsAcceptableBaseUrl(url, out _));
    }

    [Theory]
    [InlineData("https://x.example.org/", "https://x.example.org")]
    [InlineData(" https://x.example.org/api/FHIR/R4// ", "https://x.example.org/api/FHIR/R4")]
    [InlineData("https://x.example.org", "https://x.example.org")]
    public void Normalize_TrimsWhitespaceAndTrailingSlashes(string value, string expected)
    {
        Assert.Equal(expected, HttpUrl.Normalize(value));
    }

    [Theory]
    [InlineData("https://\u0430pple.example/api", "https://xn--pple-43d.example/api")]
    [InlineData("https://b\u00fccher.example:8443/x", "https://xn--bcher-kva.example:8443/x")]
    [InlineData("https://fhir.example.org/api", "https://fhir.example.org/api")]
    [InlineData("not a url", "not a url")]
    [InlineData(null, "")]
    public void ForDisplay_ShowsANonAsciiHostInPunycode(string? url, string expected)
    {
        Assert.Equal(expected, HttpUrl.ForDisplay(url));
    }
}
