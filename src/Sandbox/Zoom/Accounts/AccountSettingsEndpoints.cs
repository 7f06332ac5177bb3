using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Zoom.Meetings;
using EpicZoom.Sandbox.Zoom.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Zoom.Accounts;

internal sealed record ScheduleMeetingSettings(bool HostVideo, bool ParticipantsVideo, bool JoinBeforeHost, bool RequirePasswordForSchedulingNewMeetings);

internal sealed record WaitingRoomSettings(bool WaitingRoom);

/// <summary>The same shape serves the settings (values) and the lock settings (true = locked).</summary>
internal sealed record AccountSettings(ScheduleMeetingSettings ScheduleMeeting, WaitingRoomSettings InMeeting, WaitingRoomSettings MeetingSecurity);

/// <summary>GET /accounts/me/settings and /accounts/me/lock_settings, which EpicZoom's portal checks.</summary>
internal static class AccountSettingsEndpoints
{
    public static void MapZoomAccountSettings(this IEndpointRouteBuilder api)
    {
        var account = api.MapGroup("/accounts/me").WithFaultName("settings");
        account.MapGet("/settings", (HttpContext http, ZoomAccountRegistry accounts) =>
        {
            var defaults = MeetingRules.Defaults(accounts.LockSettings(ZoomCaller.From(http).AccountId));
            return Results.Json(
                new AccountSettings(
                    new ScheduleMeetingSettings(defaults.HostVideo, defaults.ParticipantVideo, defaults.JoinBeforeHost, true),
                    new WaitingRoomSettings(defaults.WaitingRoom),
                    new WaitingRoomSettings(defaults.WaitingRoom)),
                ZoomJsonContext.Default.AccountSettings);
        });
        account.MapGet("/lock_settings", (HttpContext http, ZoomAccountRegistry accounts) =>
        {
            var locks = accounts.LockSettings(ZoomCaller.From(http).AccountId);
            return Results.Json(
                new AccountSettings(
                    new ScheduleMeetingSettings(false, false, locks.JoinBeforeHostLocked, false),
                    new WaitingRoomSettings(locks.WaitingRoomLocked),
                    new WaitingRoomSettings(locks.WaitingRoomLocked)),
                ZoomJsonContext.Default.AccountSettings);
        });
    }
}
