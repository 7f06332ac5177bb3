using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Common;
using EpicZoom.Web.Launch;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EpicZoom.Web.Common;

/// <summary>
/// The one place failures become HTTP answers. An <see cref="AppException"/> (validation, not found, forbidden, a launch
/// or webhook error) and a broken domain rule are answers: one log line, no stack trace, the status its category says,
/// in the form the endpoint asks for (<see cref="ErrorPresentation"/>). Anything else is a bug: logged with its trace
/// and answered 500 without details (a person still gets the error page).
/// </summary>
internal sealed class AppExceptionHandler(ILogger<AppExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var style = endpoint?.Metadata.GetMetadata<ErrorPresentation>()?.Style ?? ErrorStyle.Problem;
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no endpoint)";

        var known = Classify(exception, style);
        if (known is null)
        {
            logger.LogError(exception, "Unexpected {ExceptionType} answering {Method} {Route}", exception.GetType().Name, httpContext.Request.Method, route);
            if (style == ErrorStyle.Problem) return false;
            known = new Known(LaunchErrors.Unexpected, null, StatusCodes.Status500InternalServerError);
        }
        var (error, detail, status) = known;
        var level = status >= 500 ? LogLevel.Warning : LogLevel.Information;
        logger.Log(level, "{Method} {Route} answered {Status} {Code}", httpContext.Request.Method, route, status, error.Code);

        IResult result = style switch
        {
            ErrorStyle.Page => new RazorComponentResult<LaunchErrorPage>(new { error.Code, error.Message, Detail = detail }) { StatusCode = status },
            ErrorStyle.Json => TypedResults.Json(new { code = error.Code, message = error.Message, detail }, statusCode: status),
            _ => Problem(exception, error, detail, status),
        };
        await result.ExecuteAsync(httpContext);
        return true;
    }

    private sealed record Known(AppError Error, string? Detail, int Status);

    private static Known? Classify(Exception exception, ErrorStyle style) => exception switch
    {
        // On a patient's or clinician's page a request that fails its validator is a damaged link, with the fields for IT.
        ValidationException v when style != ErrorStyle.Problem => new(LaunchErrors.InvalidRequest, string.Join(", ", v.Errors.Keys), Status(ErrorCategory.InvalidInput)),
        AppException app => new(app.Error, app.Detail, Status(app.Error.Category)),
        DomainRuleViolationException rule => new(CommonErrors.RuleViolated with { Message = rule.Message }, rule.Rule, Status(ErrorCategory.Conflict)),
        BadHttpRequestException bad => new(CommonErrors.UnreadableRequest, bad.StatusCode == 413 ? "the body is too large" : null, bad.StatusCode),
        _ => null,
    };

    private static IResult Problem(Exception exception, AppError error, string? detail, int status)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (exception is DomainRuleViolationException rule) extensions["rule"] = rule.Rule;
        return exception is ValidationException v
            ? TypedResults.ValidationProblem(v.Errors.ToDictionary(kv => kv.Key, kv => kv.Value), title: error.Message, extensions: extensions)
            : TypedResults.Problem(statusCode: status, title: error.Message, detail: detail, extensions: extensions);
    }

    /// <summary>The HTTP status of each kind of failure; Application only names the kind.</summary>
    public static int Status(ErrorCategory category) => category switch
    {
        ErrorCategory.InvalidInput => StatusCodes.Status400BadRequest,
        ErrorCategory.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCategory.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCategory.NotFound => StatusCodes.Status404NotFound,
        ErrorCategory.Conflict => StatusCodes.Status409Conflict,
        ErrorCategory.Gone => StatusCodes.Status410Gone,
        ErrorCategory.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCategory.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorCategory.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCategory.UpstreamFailed => StatusCodes.Status502BadGateway,
        ErrorCategory.NotReady or ErrorCategory.Misconfigured => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
