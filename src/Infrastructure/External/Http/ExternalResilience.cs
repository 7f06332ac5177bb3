using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EpicZoom.Infrastructure.External.Http;

/// <summary>What an external client's pipeline may repeat.</summary>
internal enum RetryPolicy
{
    /// <summary>Rate limits for every method; server errors and broken connections only for requests safe to send twice.</summary>
    SafeRequests,

    /// <summary>Nothing, not even a 429: the caller's outbox (status reports) or the clinician (SMS) repeats instead.</summary>
    Never,
}

/// <summary>
/// The Microsoft.Extensions.Http.Resilience pipeline of every external client: a time budget for the whole call, retries
/// included, then the retry. Rate limits (429) are retried for every method after the server's Retry-After; server errors
/// and broken connections only for requests that are safe to send twice. A POST that failed with a 5xx may still have
/// been processed, and a second meeting or user is worse than an error the caller (or the outbox) can act on. Zoom's
/// X-RateLimit-Type "Daily-limit" is never retried (it lasts until tomorrow), and a 429 without Retry-After waits a whole
/// second (Zoom counts per second), so nothing hammers. Every wait is on the injected <see cref="TimeProvider"/> and
/// capped: a launch never hangs on a rate limit.
/// </summary>
internal static partial class ExternalResilience
{
    /// <summary>Three attempts in all.</summary>
    public const int MaxRetries = 2;

    /// <summary>A longer Retry-After (Zoom's daily limit says "tomorrow") fails at once: waiting less would be refused again.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Zoom's QPS limits count per second: a 429 that names no Retry-After waits this long.</summary>
    public static readonly TimeSpan RateLimitDelay = TimeSpan.FromSeconds(1);

    public const string RateLimitTypeHeader = "X-RateLimit-Type";

    public static IHttpClientBuilder AddExternalResilience(this IHttpClientBuilder builder, string system, RetryPolicy policy)
    {
        builder.AddResilienceHandler("EpicZoom." + system, (pipeline, context) =>
        {
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalResilience).FullName! + "." + system);
            pipeline.TimeProvider = time;
            pipeline.AddTimeout(ExternalRequest.Timeout);
            if (policy == RetryPolicy.SafeRequests)
            {
                pipeline.AddRetry(Retry(time, logger));
            }
        });
        return builder;
    }

    private static RetryStrategyOptions<HttpResponseMessage> Retry(TimeProvider time, ILogger logger) => new()
    {
        MaxRetryAttempts = MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = BaseDelay,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), time)),
        DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
            ? RetryAfter(response, time) ?? RateLimitDelay
            : (TimeSpan?)null),
        OnRetry = args =>
        {
            var request = args.Context.GetRequestMessage();
            LogRetry(
                logger,
                request is null ? "call" : ExternalRequest.OperationOf(request),
                args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                (long)args.RetryDelay.TotalMilliseconds,
                args.AttemptNumber + 1);
            return default;
        },
    };

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeProvider time)
    {
        var safe = request is not null && ExternalRequest.IsSafeToRepeat(request);
        if (outcome.Result is { } response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => !IsDailyLimit(response) && (RetryAfter(response, time) is not { } wait || wait <= MaxRetryAfter),
                HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                    or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => safe,
                _ => false,
            };
        }

        // Cancellation (the caller's or the time budget's) ends the call; the budget is spent.
        return outcome.Exception is HttpRequestException && safe;
    }

    public static string? RateLimitTypeOf(System.Net.Http.Headers.HttpResponseHeaders? headers) =>
        headers is not null && headers.TryGetValues(RateLimitTypeHeader, out var values) ? values.FirstOrDefault() : null;

    private static bool IsDailyLimit(HttpResponseMessage response) =>
        string.Equals(RateLimitTypeOf(response.Headers), "Daily-limit", StringComparison.OrdinalIgnoreCase);

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) =>
        response.StatusCode == HttpStatusCode.TooManyRequests ? RetryAfter(response.Headers, time) : null;

    public static TimeSpan? RetryAfter(System.Net.Http.Headers.HttpResponseHeaders? headers, TimeProvider time)
    {
        if (headers?.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} answered {Outcome}; retrying in {DelayMs} ms (attempt {Attempt}).")]
    private static partial void LogRetry(ILogger logger, string operation, string? outcome, long delayMs, int attempt);
}
