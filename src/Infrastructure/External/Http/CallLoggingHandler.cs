using System.Diagnostics;
using EpicZoom.Application.Common.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.External.Http;

/// <summary>
/// One log line per attempt on the wire: system, operation, status, duration. Never the URL (e-mails and FHIR
/// ids sit in paths), headers (tokens) or bodies (names). Replaces HttpClientFactory's own logging, which logs URLs.
/// The same figures go to the <c>epiczoom.upstream.duration</c> histogram, by operation (a name, never the URL).
/// </summary>
internal sealed partial class CallLoggingHandler(string system, ILogger logger, EpicZoomMetrics? metrics = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var operation = ExternalRequest.OperationOf(request);
        request.Options.Set(ExternalRequest.System, system.ToLowerInvariant());
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            UpstreamUsage.Current?.Add($"{system.ToLowerInvariant()}.{operation}", Stopwatch.GetElapsedTime(started));
            var status = (int)response.StatusCode;
            metrics?.UpstreamCall(system.ToLowerInvariant(), operation, status, Stopwatch.GetElapsedTime(started));
            var level = status >= 500 || status == 429 ? LogLevel.Warning : status >= 400 ? LogLevel.Information : LogLevel.Debug;
            LogAnswered(level, system, operation, status, Elapsed(started));
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            UpstreamUsage.Current?.Add($"{system.ToLowerInvariant()}.{operation}", Stopwatch.GetElapsedTime(started));
            metrics?.UpstreamCall(system.ToLowerInvariant(), operation, 0, Stopwatch.GetElapsedTime(started));
            LogFailed(system, operation, ex.GetType().Name, Elapsed(started));
            throw;
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Message = "{System} {Operation} answered {StatusCode} in {ElapsedMs} ms.")]
    private partial void LogAnswered(LogLevel level, string system, string operation, int statusCode, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{System} {Operation} failed after {ElapsedMs} ms ({Error}).")]
    private partial void LogFailed(string system, string operation, string error, long elapsedMs);
}
