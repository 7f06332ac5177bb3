using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EpicZoom.Infrastructure.External.Http;

/// <summary>
/// Runs each request through a Polly pipeline. Rate limits (429) are retried for every method after the
/// server's Retry-After; server errors and broken connections only for requests that are safe to send twice.
/// A POST that failed with a 5xx may still have been processed, and a second meeting or user is worse than an
/// error the caller (or the outbox) can act on. Zoom's X-RateLimit-Type "Daily-limit" is never retried (it lasts
/// until tomorrow), and a 429 without Retry-After waits a whole second (Zoom counts per second), so nothing hammers.
/// Every wait is on the injected <see cref="TimeProvider"/> and capped: a launch never hangs on a rate limit.
/// </summary>
internal sealed partial class RetryHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    /// <summary>Three attempts in all.</summary>
    public const int MaxRetries = 2;

    /// <summary>A longer Retry-After (Zoom's daily limit says "tomorrow") fails at once: waiting less would be refused again.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Zoom's QPS limits count per second: a 429 that names no Retry-After waits this long.</summary>
    public static readonly TimeSpan RateLimitDelay = TimeSpan.FromSeconds(1);

    public const string RateLimitTypeHeader = "X-RateLimit-Type";

    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("EpicZoom.External.Request");

    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, time)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
                    ? RetryAfter(response, time) ?? RateLimitDelay
                    : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    LogRetry(
                        logger,
                        ExternalRequest.OperationOf(request),
                        args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                        (long)args.RetryDelay.TotalMilliseconds,
                        args.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(async ctx => await base.SendAsync(request, ctx.CancellationToken), context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeProvider time)
    {
        var request = context.Properties.GetValue(RequestKey, null!);
        if (outcome.Result is { } response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => !IsDailyLimit(response) && (RetryAfter(response, time) is not { } wait || wait <= MaxRetryAfter),
                HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                    or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => ExternalRequest.IsSafeToRepeat(request),
                _ => false,
            };
        }

        // Cancellation (the caller's or the HttpClient timeout) ends the call; the budget is spent.
        return outcome.Exception is HttpRequestException && ExternalRequest.IsSafeToRepeat(request);
    }

    public static TimeSpan? RetryAfterOf(HttpResponseMessage response) => RetryAfter(response, TimeProvider.System);

    public static string? RateLimitTypeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RateLimitTypeHeader, out var values) ? values.FirstOrDefault() : null;

    private static bool IsDailyLimit(HttpResponseMessage response) =>
        string.Equals(RateLimitTypeOf(response), "Daily-limit", StringComparison.OrdinalIgnoreCase);

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} answered {Outcome}; retrying in {DelayMs} ms (attempt {Attempt}).")]
    private static partial void LogRetry(ILogger logger, string operation, string? outcome, long delayMs, int attempt);
}
