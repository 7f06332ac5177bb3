using System.Net;
using System.Runtime.ExceptionServices;
using Refit;

namespace EpicZoom.Infrastructure.External.Http;

/// <summary>Reading Refit's answers the way the clients need them.</summary>
internal static class ApiResponses
{
    /// <summary>
    /// Refit hands a request that never got an answer back as a response holding an <see cref="ApiRequestException"/>;
    /// this rethrows what really happened (<see cref="HttpRequestException"/>, <see cref="TimeoutException"/>, the
    /// caller's cancellation), so each client maps transport failures in one place.
    /// </summary>
    public static T ThrowIfNotReceived<T>(this T response, CancellationToken cancellationToken)
        where T : IApiResponse
    {
        if (response.HasRequestError(out var requestError))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Throw(requestError.InnerException ?? requestError);
        }

        return response;
    }

    /// <summary>The status of an answer that was received (<see cref="ThrowIfNotReceived"/>); Refit's is nullable for the others.</summary>
    public static HttpStatusCode Status(this IApiResponse response) => response.StatusCode ?? default;

    /// <summary>The body of an answer Refit could not (or, for an error status, did not) deserialize; "" when there was none.</summary>
    public static string ErrorBody(this IApiResponse response) => (response.Error as ApiException)?.Content ?? "";
}
