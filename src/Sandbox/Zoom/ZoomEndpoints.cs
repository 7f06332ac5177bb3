using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Zoom.Accounts;
using EpicZoom.Sandbox.Zoom.Meetings;
using EpicZoom.Sandbox.Zoom.OAuth;
using EpicZoom.Sandbox.Zoom.Rooms;
using EpicZoom.Sandbox.Zoom.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Zoom;

/// <summary>Everything under /sandbox/zoom: OAuth, the /v2 REST API, the join pages and the "_test" API.</summary>
internal static class ZoomEndpoints
{
    public static void MapZoomSimulator(this RouteGroupBuilder root)
    {
        var zoom = root.MapGroup("/zoom");

        var simulated = zoom.MapGroup("").WithFaults(Simulator.Zoom, ZoomErrors.Fault);
        simulated.MapZoomOAuth();
        simulated.MapJoinPages();

        var api = simulated.MapGroup("/v2");
        api.AddEndpointFilter(ZoomCaller.RequireAccessToken);
        api.MapZoomUsers();
        api.MapZoomMeetings();
        api.MapZoomAccountSettings();
        api.MapZoomRooms();

        zoom.MapGroup("/_test").MapZoomTestEndpoints();
    }
}
