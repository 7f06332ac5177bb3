using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;
using Refit;

namespace EpicZoom.Infrastructure.External.Zoom;

/// <summary>Zoom's Server-to-Server OAuth token endpoint: POST {OAuth base}/oauth/token, form body, Basic client:secret.</summary>
internal interface IZoomOAuthApi
{
    [Post("/oauth/token")]
    Task<IApiResponse<ZoomTokenJson>> RequestTokenAsync(
        [Property(ExternalCall.Key)] ExternalCall call,
        [Header("Authorization")] string basicCredentials,
        [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form);
}

/// <summary>
/// Zoom's REST API v2 under the tenant's API base (shared/spec/zoom.md). The tenant's <see cref="ZoomConnection"/> rides
/// along as a request property: <see cref="ZoomAuthenticationHandler"/> puts that account's token on each attempt.
/// </summary>
internal interface IZoomRestApi
{
    [Get("/users/{idOrEmail}")]
    Task<IApiResponse<ZoomUserJson>> GetUserAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Property(ZoomAuthenticationHandler.ConnectionKey)] ZoomConnection zoom,
        string idOrEmail, CancellationToken cancellationToken);

    [Post("/users")]
    Task<IApiResponse<ZoomUserJson>> CreateUserAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Property(ZoomAuthenticationHandler.ConnectionKey)] ZoomConnection zoom,
        [Body(buffered: true)] ZoomCreateUserJson user, CancellationToken cancellationToken);

    /// <summary>action=delete: permanent; custCreate users exist only for EpicZoom.</summary>
    [Delete("/users/{userId}?action=delete")]
    Task<IApiResponse> DeleteUserAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Property(ZoomAuthenticationHandler.ConnectionKey)] ZoomConnection zoom,
        string userId, CancellationToken cancellationToken);

    [Get("/users/{userId}/token?type=zak")]
    Task<IApiResponse<ZoomZakJson>> GetZakAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Property(ZoomAuthenticationHandler.ConnectionKey)] ZoomConnection zoom,
        string userId, CancellationToken cancellationToken);

    [Post("/users/{hostUserId}/meetings")]
    Task<IApiResponse<ZoomMeetingJson>> CreateMeetingAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Property(ZoomAuthenticationHandler.ConnectionKey)] ZoomConnection zoom,
        string hostUserId, [Body(buffered: true)] ZoomCreateMeetingJson meeting, CancellationToken cancellationToken);

    [Get("/meetings/{meetingId}")]
    Task<IApiResponse<ZoomMeetingJson>> GetMeetingAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Property(ZoomAuthenticationHandler.ConnectionKey)] ZoomConnection zoom,
        long meetingId, CancellationToken cancellationToken);

    [Get("/rooms?page_size=100")]
    Task<IApiResponse<ZoomRoomPageJson>> ListRoomsAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Property(ZoomAuthenticationHandler.ConnectionKey)] ZoomConnection zoom,
        [AliasAs("query_name")] string name, [AliasAs("next_page_token")] string? nextPageToken, CancellationToken cancellationToken);

    /// <summary>zoomroom.meeting_join; Zoom accepts it asynchronously (202).</summary>
    [Patch("/rooms/{roomId}/events")]
    Task<IApiResponse> SendRoomEventAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Property(ZoomAuthenticationHandler.ConnectionKey)] ZoomConnection zoom,
        string roomId, [Body(buffered: true)] ZoomRoomEventJson roomEvent, CancellationToken cancellationToken);

    [Get("/accounts/me/lock_settings")]
    Task<IApiResponse<ZoomLockSettingsJson>> GetLockSettingsAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Property(ZoomAuthenticationHandler.ConnectionKey)] ZoomConnection zoom,
        CancellationToken cancellationToken);
}
