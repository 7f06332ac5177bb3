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
}
