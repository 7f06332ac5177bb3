namespace EpicZoom.Web.Common;

/// <summary>How an endpoint's failures are answered; <see cref="AppExceptionHandler"/> reads it from the endpoint's metadata.</summary>
internal enum ErrorStyle
{
    /// <summary>ProblemDetails JSON with the error code: APIs, webhooks, callbacks (the default).</summary>
    Problem,

    /// <summary>The friendly HTML page with the code and "Details for IT": what patients and clinicians open.</summary>
    Page,

    /// <summary><c>{code, message}</c>: what the patient pages' scripts read.</summary>
    Json,
}

internal sealed record ErrorPresentation(ErrorStyle Style);

internal static class ErrorPresentationExtensions
{
    /// <summary>Failures of these endpoints are shown to a person as the error page with its code.</summary>
    public static TBuilder WithErrorPage<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ErrorPresentation(ErrorStyle.Page));

    /// <summary>Failures of these endpoints are <c>{code, message}</c> JSON for a page's script.</summary>
    public static TBuilder WithJsonErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ErrorPresentation(ErrorStyle.Json));
}
