using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Domain.Common;
using EpicZoom.TestSupport;
using EpicZoom.Web.Common;
using EpicZoom.Web.Tests.Launch;
using EpicZoom.Web.Tests.Webhooks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Web.Tests.Errors;

/// <summary>
/// The one edge mapping: each application error answers with its category's status and its code, in the form the
/// endpoint asks for; a broken domain rule is 409 with the rule's name; only a real bug is logged with its trace.
/// </summary>
public sealed class AppExceptionHandlerTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Theory]
    [InlineData(ErrorCategory.InvalidInput, 400)]
    [InlineData(ErrorCategory.Unauthenticated, 401)]
    [InlineData(ErrorCategory.Forbidden, 403)]
    [InlineData(ErrorCategory.NotFound, 404)]
    [InlineData(ErrorCategory.Conflict, 409)]
    [InlineData(ErrorCategory.Gone, 410)]
    [InlineData(ErrorCategory.PayloadTooLarge, 413)]
    [InlineData(ErrorCategory.UnsupportedMediaType, 415)]
    [InlineData(ErrorCategory.RateLimited, 429)]
    [InlineData(ErrorCategory.UpstreamFailed, 502)]
    [InlineData(ErrorCategory.NotReady, 503)]
    [InlineData(ErrorCategory.Misconfigured, 503)]
    public async Task EachCategory_AnswersItsStatus_AsProblemDetailsWithTheCode(ErrorCategory category, int status)
    {
        var (http, logs) = await HandleAsync(new AppException(new AppError("EZ-T001", category, "Plain words."), "for IT"), style: null);

        Assert.Equal(status, http.StatusCode);
        using var body = JsonDocument.Parse(http.Body);
        Assert.Equal("EZ-T001", body.RootElement.GetProperty("code").GetString());
        Assert.Equal("Plain words.", body.RootElement.GetProperty("title").GetString());
        Assert.Equal("for IT", body.RootElement.GetProperty("detail").GetString());
        var line = Assert.Single(logs);
        Assert.Equal(status >= 500 ? LogLevel.Warning : LogLevel.Information, line.Level);
        Assert.Null(line.Exception);
    }

    [Fact]
    public async Task OnAPersonsPage_AnErrorIsTheFriendlyPageWithItsCode()
    {
        var (http, logs) = await HandleAsync(new AppException(LaunchErrors.VisitEnded, "meeting ended"), ErrorStyle.Page);

        Assert.Equal(410, http.StatusCode);
        Assert.StartsWith("text/html", http.ContentType);
        Assert.Contains("EZ-L018", http.Body);
        Assert.Contains("Details for IT: meeting ended", http.Body);
        Assert.DoesNotContain("   at ", http.Body);
        Assert.All(logs, l => Assert.Null(l.Exception));
    }

    [Fact]
    public async Task ForAPagesScript_AnErrorIsCodeAndMessageJson()
    {
        var (http, _) = await HandleAsync(new AppException(LaunchErrors.LinkInvalidOrExpired), ErrorStyle.Json);

        Assert.Equal(410, http.StatusCode);
        using var body = JsonDocument.Parse(http.Body);
        Assert.Equal("EZ-L017", body.RootElement.GetProperty("code").GetString());
        Assert.Equal(LaunchErrors.LinkInvalidOrExpired.Message, body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ABrokenDomainRule_Is409_NamingTheRule()
    {
        var (http, logs) = await HandleAsync(new DomainRuleViolationException("ReplayFailedOnly", "Only a failed record can be replayed."), style: null);

        Assert.Equal(409, http.StatusCode);
        using var body = JsonDocument.Parse(http.Body);
        Assert.Equal("ReplayFailedOnly", body.RootElement.GetProperty("rule").GetString());
        Assert.Equal(CommonErrors.RuleViolated.Code, body.RootElement.GetProperty("code").GetString());
        Assert.Equal("Only a failed record can be replayed.", body.RootElement.GetProperty("title").GetString());
        Assert.Null(Assert.Single(logs).Exception);
    }

    [Fact]
    public async Task AValidationFailure_IsA400WithTheErrorsPerField()
    {
        var (http, _) = await HandleAsync(new ValidationException("Name", "Enter a name."), style: null);

        Assert.Equal(400, http.StatusCode);
        using var body = JsonDocument.Parse(http.Body);
        Assert.Equal("EZ-A001", body.RootElement.GetProperty("code").GetString());
        Assert.Equal("Enter a name.", body.RootElement.GetProperty("errors").GetProperty("Name")[0].GetString());
    }

    [Fact]
    public async Task AValidationFailureOnAPersonsPage_IsTheDamagedLinkPageNamingTheFields()
    {
        var (http, _) = await HandleAsync(new ValidationException("PassToken", "too long"), ErrorStyle.Page);

        Assert.Equal(400, http.StatusCode);
        Assert.Contains(LaunchErrors.InvalidRequest.Code, http.Body);
        Assert.Contains("PassToken", http.Body);
    }

    [Fact]
    public async Task ABug_OnAnApi_IsLeftToTheDefault500_AndLoggedWithItsTrace()
    {
        var (http, logs) = await HandleAsync(new InvalidOperationException("boom"), style: null, expectHandled: false);

        Assert.Equal(200, http.StatusCode); // untouched: the middleware answers 500 itself
        var line = Assert.Single(logs);
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.IsType<InvalidOperationException>(line.Exception);
    }

    [Fact]
    public async Task ABug_OnAPersonsPage_IsStillTheFriendlyPage_With500()
    {
        var (http, _) = await HandleAsync(new InvalidOperationException("boom"), ErrorStyle.Page);

        Assert.Equal(500, http.StatusCode);
        Assert.Contains(LaunchErrors.Unexpected.Code, http.Body);
        Assert.DoesNotContain("boom", http.Body);
    }

    [Fact]
    public async Task ARefusedWebhook_OverHttp_IsOneLogLineWithoutATrace_AndNamesItsCode()
    {
        var before = sandbox.App.LogLines.Count;
        var body = WebhookTestKit.MeetingEvent("meeting.started", 123);

        var response = await sandbox.PostWebhookAsync(body, WebhookTestKit.Timestamp(), "v0=" + new string('0', 64));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(WebhookErrors.BadSignature.Code, problem.RootElement.GetProperty("code").GetString());
        var lines = sandbox.App.LogLines.Skip(before).ToList();
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains(WebhookErrors.BadSignature.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWaitingPagePoll_WithABadPass_IsJson410_NotAPage()
    {
        var response = await sandbox.Http.GetAsync("/visit/wait/status?pass=not-a-pass");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(LaunchErrors.LinkInvalidOrExpired.Code, body.RootElement.GetProperty("code").GetString());
    }

    private sealed record Handled(int StatusCode, string? ContentType, string Body);

    private sealed record LogLine(LogLevel Level, string Text, Exception? Exception);

    private async Task<(Handled Http, List<LogLine> Logs)> HandleAsync(Exception exception, ErrorStyle? style, bool expectHandled = true)
    {
        await using var scope = sandbox.App.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = "GET";
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        http.Request.Path = "/test/1";
        http.Response.Body = new MemoryStream();
        var metadata = style is { } s ? new EndpointMetadataCollection(new ErrorPresentation(s)) : EndpointMetadataCollection.Empty;
        var endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/test/{id}"), 0, metadata, "test");
        http.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = exception, Endpoint = endpoint, Path = "/test/1" });
        var logs = new ConcurrentQueue<LogLine>();

        var handled = await new AppExceptionHandler(new ListLogger(logs)).TryHandleAsync(http, exception, CancellationToken.None);

        Assert.Equal(expectHandled, handled);
        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        return (new Handled(http.Response.StatusCode, http.Response.ContentType, text), logs.ToList());
    }

    private sealed class ListLogger(ConcurrentQueue<LogLine> lines) : ILogger<AppExceptionHandler>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(logLevel, formatter(state, exception), exception));
    }
}
