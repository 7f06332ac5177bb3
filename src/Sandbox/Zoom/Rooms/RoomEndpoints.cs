using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Zoom.Meetings;
using EpicZoom.Sandbox.Zoom.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Zoom.Rooms;

internal sealed record RoomView(string Id, string RoomId, string Name, string Status, string LocationId);

internal sealed record RoomsResponse(int PageSize, string NextPageToken, IReadOnlyList<RoomView> Rooms);

internal sealed record RoomEventParams(long? MeetingNumber, string? Passcode, bool? ForceAccept);

internal sealed record RoomEventRequest(string? Method, RoomEventParams? Params);

/// <summary>List Zoom Rooms and send one into (or out of) a meeting, as Epic Monitor calls need.</summary>
internal static class RoomEndpoints
{
    public static void MapZoomRooms(this IEndpointRouteBuilder api)
    {
        var rooms = api.MapGroup("/rooms").WithFaultName("rooms");
        rooms.MapGet("", ([FromQuery(Name = "query_name")] string? queryName, HttpContext http, RoomStore store) =>
        {
            var matches = store.ForAccount(ZoomCaller.From(http).AccountId)
                .Where(r => string.IsNullOrEmpty(queryName) || r.Name.Contains(queryName, StringComparison.OrdinalIgnoreCase))
                .Select(r => new RoomView(r.Id, r.RoomId, r.Name, store.Status(r), r.LocationId))
                .ToList();
            return Results.Json(new RoomsResponse(30, "", matches), ZoomJsonContext.Default.RoomsResponse);
        });
        rooms.MapPatch("/{roomId}/events", SendEventAsync);
    }

    private static async Task<IResult> SendEventAsync(
        string roomId, HttpContext http, SandboxUrls urls, RoomStore rooms, MeetingStore meetings, MeetingPresence presence)
    {
        var accountId = ZoomCaller.From(http).AccountId;
        if (rooms.Find(accountId, roomId) is not { } room)
        {
            return ZoomErrors.Error(StatusCodes.Status404NotFound, 1012, $"Room does not exist: {roomId}.");
        }

        if (await JsonBody.ReadAsync(http.Request, ZoomJsonContext.Default.RoomEventRequest) is not { } request)
        {
            return ZoomErrors.InvalidJson();
        }

        switch (request.Method)
        {
            case "zoomroom.meeting_join":
                var number = request.Params?.MeetingNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
                if (meetings.Find(accountId, number) is not { } meeting)
                {
                    return ZoomErrors.MeetingNotFound(number);
                }

                var password = meeting.Details.Password;
                if (password.Length > 0 && request.Params?.Passcode != password)
                {
                    return ZoomErrors.Error(StatusCodes.Status400BadRequest, 3004, "Invalid meeting passcode.");
                }

                // A room is in one meeting at a time; joining another takes it out of the first.
                LeaveCurrent(room, rooms, presence, urls);
                presence.Join(meeting, new JoinRequest(room.Name, "", room.Id, "", room.Id, false), urls);
                return Results.Accepted();
            case "zoomroom.meeting_leave":
                LeaveCurrent(room, rooms, presence, urls);
                return Results.Accepted();
            default:
                return ZoomErrors.Validation("method");
        }
    }

    private static void LeaveCurrent(ZoomRoom room, RoomStore rooms, MeetingPresence presence, SandboxUrls urls)
    {
        if (rooms.CurrentMeeting(room) is (var meeting, var seat))
        {
            presence.Leave(meeting, seat.UserId, urls);
        }
    }
}
