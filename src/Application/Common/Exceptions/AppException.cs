namespace EpicZoom.Application.Common.Exceptions;

/// <summary>
/// What kind of failure an <see cref="AppError"/> is. The edge (src/Web/Common/AppExceptionHandler) turns each into its
/// HTTP answer; Application never names a status code.
/// </summary>
public enum ErrorCategory
{
    /// <summary>The request itself is malformed, incomplete or breaks a rule of its fields.</summary>
    InvalidInput,

    /// <summary>The caller did not prove who it is (a webhook signature, a timestamp).</summary>
    Unauthenticated,

    /// <summary>The caller is known but may not do this (an admin without the role; an Epic system not registered).</summary>
    Forbidden,

    NotFound,

    /// <summary>The request clashes with the current state (a domain rule).</summary>
    Conflict,

    /// <summary>The thing existed but is over: a used or expired launch, an ended visit, an expired link.</summary>
    Gone,

    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,

    /// <summary>Epic, Zoom or the SMS provider failed or refused; trying again later may work.</summary>
    UpstreamFailed,

    /// <summary>Not yet: something it waits for is still being prepared.</summary>
    NotReady,

    /// <summary>The tenant lacks settings that an admin must fill in.</summary>
    Misconfigured,
}

/// <summary>
/// One known way a request can fail: a stable code for support calls (EZ-L… launches, EZ-W… webhooks, EZ-A… admin
/// input; docs/launch-errors.md, docs/errors.md), its category and the message for the person in front of the screen.
/// </summary>
public sealed record AppError(string Code, ErrorCategory Category, string Message);

/// <summary>
/// The one application error. <see cref="Detail"/> is for IT (e.g. Epic's OAuth error code, which field was wrong),
/// never PHI; the edge shows it as "Details for IT" on pages and as ProblemDetails.detail for APIs.
/// </summary>
public class AppException(AppError error, string? detail = null, Exception? inner = null)
    : Exception($"{error.Code}{(detail is null ? "" : $": {detail}")}", inner)
{
    public AppError Error { get; } = error;
    public string Code => Error.Code;
    public string? Detail { get; } = detail;
}

/// <summary>Codes for failures that are not a feature's own (admin input, missing things, roles, domain rules).</summary>
public static class CommonErrors
{
    public static readonly AppError Validation = new("EZ-A001", ErrorCategory.InvalidInput, "One or more fields are not valid.");
    public static readonly AppError NotFound = new("EZ-A002", ErrorCategory.NotFound, "Not found.");
    public static readonly AppError Forbidden = new("EZ-A003", ErrorCategory.Forbidden, "You are not allowed to do this.");
    public static readonly AppError RuleViolated = new("EZ-A004", ErrorCategory.Conflict, "This cannot be done in the current state.");
    public static readonly AppError UnreadableRequest = new("EZ-A005", ErrorCategory.InvalidInput, "The request could not be read.");
    public static readonly AppError Unexpected = new("EZ-A000", ErrorCategory.InvalidInput, "Something went wrong on our side.");
}
