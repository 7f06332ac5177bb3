using System.Net;
using System.Net.Http.Headers;
using EpicZoom.Application.Common.Interfaces.External;

namespace EpicZoom.Infrastructure.External.Zoom;

/// <summary>
/// Adds the tenant's account token. When Zoom says the token is invalid (401, code 124: revoked, or the app's
/// credentials were rotated), drops it and sends the request once more with a fresh one. Repeating is safe even
/// for a POST: Zoom refused it before doing anything.
/// </summary>
internal sealed class ZoomAuthenticationHandler(ZoomAccountTokens tokens) : DelegatingHandler
{
    /// <summary>The Refit <c>[Property]</c> key of the tenant's <see cref="ZoomConnection"/>.</summary>
    public const string ConnectionKey = "EpicZoom.Zoom.Connection";

    private static readonly HttpRequestOptionsKey<ZoomConnection> Connection = new(ConnectionKey);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(Connection, out var zoom))
        {
            throw new InvalidOperationException("A Zoom API request needs the tenant's ZoomConnection in its options.");
        }

        var token = await tokens.GetAsync(zoom, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !await IsInvalidTokenAsync(response, cancellationToken))
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(zoom, token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(zoom, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<bool> IsInvalidTokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Buffered, so the caller can still read the error when it is not 124.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return ZoomErrors.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?.Code == ZoomErrors.InvalidAccessToken;
    }
}
