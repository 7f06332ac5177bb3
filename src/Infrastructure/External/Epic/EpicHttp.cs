using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.External.Epic;

internal static class EpicHttp
{
    /// <summary>Epic may answer per client (discovery) and logs calls by it.</summary>
    public const string ClientIdHeader = "Epic-Client-ID";

    /// <summary>
    /// Adds Epic-Client-ID. A stored client id that is not printable ASCII (a line break would split the request;
    /// HttpHeaders.Add throws on it and TryAddWithoutValidation silently drops it) fails the call with a clear reason
    /// instead. The tenant validator refuses such ids at input; this guards values stored before it did.
    /// </summary>
    public static void AddClientId(HttpRequestMessage request, string clientId) =>
        request.Headers.TryAddWithoutValidation(ClientIdHeader, ClientIdHeaderValue(clientId));

    /// <summary>The client id as an Epic-Client-ID value for a Refit <c>[Header]</c>, checked as <see cref="AddClientId"/> checks it.</summary>
    public static string ClientIdHeaderValue(string clientId) => IsHeaderValue(clientId)
        ? clientId
        : throw new EpicUnavailableException(
            "The tenant's Epic client ID contains a character that cannot be sent in an HTTP header (a control character, line break or non-ASCII letter); correct it on the tenant page.");

    /// <summary>A transport failure or a spent time budget as the <see cref="EpicUnavailableException"/> handlers catch.</summary>
    public static EpicUnavailableException Unavailable(Exception ex, string operation) => ex is TimeoutException
        ? new EpicUnavailableException(ex.Message, ex)
        : new EpicUnavailableException($"Epic could not be reached ({operation}).", ex);

    /// <summary>Printable ASCII only, the safe subset of RFC 9110 field values.</summary>
    public static bool IsHeaderValue(string value) => value.All(c => c is >= ' ' and <= '~');

    /// <summary>Sends the request; an unreachable or silent Epic becomes <see cref="EpicUnavailableException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            // The pipeline's ExternalCallHandler turns a spent time budget into a TimeoutException naming the call.
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw Unavailable(ex, ExternalRequest.OperationOf(request));
        }
    }
}
