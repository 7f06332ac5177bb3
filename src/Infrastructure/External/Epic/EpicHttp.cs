using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.External.Epic;

internal static class EpicHttp
{
    /// <summary>Epic may answer per client (discovery) and logs calls by it.</summary>
    public const string ClientIdHeader = "Epic-Client-ID";

    /// <summary>Sends the request; an unreachable or silent Epic becomes <see cref="EpicUnavailableException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await ExternalRequest.SendAsync(client, request, "Epic", cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new EpicUnavailableException($"Epic could not be reached ({ExternalRequest.OperationOf(request)}).", ex);
        }
        catch (TimeoutException ex)
        {
            throw new EpicUnavailableException(ex.Message, ex);
        }
    }
}
