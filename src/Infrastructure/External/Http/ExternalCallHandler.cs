using Polly.Timeout;

namespace EpicZoom.Infrastructure.External.Http;

/// <summary>
/// Outermost handler of every external client. Points a Refit request at the tenant's URL (<see cref="ExternalCall"/>)
/// and names its operation before the resilience pipeline decides what may be retried; turns the pipeline's spent time
/// budget into a <see cref="TimeoutException"/> that says which call it was, as callers have always seen it.
/// </summary>
internal sealed class ExternalCallHandler(string system) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<ExternalCall> CallKey = new(ExternalCall.Key);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(CallKey, out var call))
        {
            request.RequestUri = TenantUri(call, request.RequestUri);
            request.Options.Set(ExternalRequest.Operation, call.Operation);
            if (call.SafeToRepeat) request.Options.Set(ExternalRequest.SafeToRepeat, true);
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException($"{system} did not answer {ExternalRequest.OperationOf(request)} within {ExternalRequest.Timeout.TotalSeconds:0} s.", ex);
        }
    }

    /// <summary>The tenant's base URL plus the path and query Refit built; an empty route ("/") is the base URL itself.</summary>
    private static Uri TenantUri(ExternalCall call, Uri? built)
    {
        var pathAndQuery = built?.PathAndQuery ?? "/";
        var url = pathAndQuery == "/" ? call.BaseUrl : call.BaseUrl.TrimEnd('/') + pathAndQuery;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri

            // A transport failure, as a wrong host would be: callers already report those with the operation's name.
            : throw new HttpRequestException(HttpRequestError.Unknown, $"The tenant's URL for {call.Operation} is not an absolute http(s) URL.");
    }
}
