using EpicZoom.Application.Common.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EpicZoom.Web.Common;

/// <summary>The one place application errors become HTTP responses; anything unexpected is a 500 without details.</summary>
internal sealed class ProblemDetailsExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult? result = exception switch
        {
            ValidationException v => TypedResults.ValidationProblem(v.Errors.ToDictionary(kv => kv.Key, kv => kv.Value)),
            NotFoundException n => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{n.Entity} not found."),
            ForbiddenAccessException => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden."),
            BadHttpRequestException b => TypedResults.Problem(statusCode: b.StatusCode, title: "The request could not be read."),
            _ => null,
        };
        if (result is null) return false;
        await result.ExecuteAsync(httpContext);
        return true;
    }
}
