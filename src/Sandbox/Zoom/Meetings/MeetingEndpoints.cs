using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Zoom.OAuth;
using EpicZoom.Sandbox.Zoom.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Zoom.Meetings;

/// <summary>Create, read, update, delete and end meetings, scoped to the caller's account.</summary>
internal static class MeetingEndpoints
{
    public static void MapZoomMeetings(this IEndpointRouteBuilder api)
    {
        api.MapPost("/users/{userId}/meetings", CreateAsync).WithFaultName("meetings");
        var meetings = api.MapGroup("/meetings/{meetingId}").WithFaultName("meetings");
        meetings.MapGet("", (string meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, ZoomUserStore users, ZakStore zaks) =>
            store.Find(ZoomCaller.From(http).AccountId, meetingId) is { } meeting
                ? Results.Json(View(meeting.Snapshot(), urls, users, zaks), ZoomJsonContext.Default.MeetingResponse)
                : ZoomErrors.MeetingNotFound(meetingId));
        meetings.MapPatch("", UpdateAsync);
        meetings.MapDelete("", (string meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
        {
            if (store.Find(ZoomCaller.From(http).AccountId, meetingId) is not { } meeting)
            {
                return ZoomErrors.MeetingNotFound(meetingId);
            }

            presence.Delete(meeting, urls);
            return Results.NoContent();
        });
        meetings.MapPut("/status", SetStatusAsync);
    }

    private static async Task<IResult> CreateAsync(
        string userId, HttpContext http, SandboxUrls urls, ZoomUserStore users, ZakStore zaks, MeetingStore store, ZoomAccountRegistry accounts, TimeProvider time)
    {
        var accountId = ZoomCaller.From(http).AccountId;
        if (users.Find(accountId, userId) is not { } host)
        {
            return ZoomErrors.UserNotFound(userId);
        }

        if (await JsonBody.ReadAsync(http.Request, ZoomJsonContext.Default.MeetingRequest) is not { } request)
        {
            return ZoomErrors.InvalidJson();
        }

        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var details = MeetingRules.Create(request, accounts.LockSettings(accountId), now);
        var meeting = store.Add(id => new Meeting(id, accountId, host.Id, host.Email, details, now));
        return Results.Json(View(meeting.Snapshot(), urls, users, zaks), ZoomJsonContext.Default.MeetingResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string meetingId, HttpContext http, MeetingStore store, ZoomAccountRegistry accounts)
    {
        if (store.Find(ZoomCaller.From(http).AccountId, meetingId) is not { } meeting)
        {
            return ZoomErrors.MeetingNotFound(meetingId);
        }

        if (await JsonBody.ReadAsync(http.Request, ZoomJsonContext.Default.MeetingRequest) is not { } request)
        {
            return ZoomErrors.InvalidJson();
        }

        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var locks = accounts.LockSettings(meeting.AccountId);
        meeting.Update(details => MeetingRules.Update(details, request, locks));
        return Results.NoContent();
    }

    private static async Task<IResult> SetStatusAsync(string meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence)
    {
        if (store.Find(ZoomCaller.From(http).AccountId, meetingId) is not { } meeting)
        {
            return ZoomErrors.MeetingNotFound(meetingId);
        }

        var request = await JsonBody.ReadAsync(http.Request, ZoomJsonContext.Default.MeetingStatusRequest);
        if (request?.Action != "end")
        {
            return request is null ? ZoomErrors.InvalidJson() : ZoomErrors.Validation("action");
        }

        presence.End(meeting, urls);
        return Results.NoContent();
    }

    private static IResult? Invalid(MeetingRequest request)
    {
        if (request.Password is { } password && !MeetingRules.IsValidPassword(password))
        {
            return ZoomErrors.Error(
                StatusCodes.Status400BadRequest,
                300,
                "Invalid password: a passcode has at most 10 characters from a-z A-Z 0-9 @ - _ *.");
        }

        return MeetingRules.InvalidField(request) is { } field ? ZoomErrors.Validation(field) : null;
    }

    /// <summary>Zoom mints a fresh ZAK into start_url on every read; that is how callers refresh it.</summary>
    private static MeetingResponse View(MeetingSnapshot meeting, SandboxUrls urls, ZoomUserStore users, ZakStore zaks)
    {
        var details = meeting.Details;
        var host = users.Find(meeting.AccountId, meeting.HostId);
        var zak = host is null ? "" : zaks.Issue(host);
        var joinUrl = $"{urls.ZoomBase}/j/{meeting.Id}" + (details.EncryptedPassword.Length > 0 ? "?pwd=" + details.EncryptedPassword : "");
        return new MeetingResponse(
            meeting.Id,
            meeting.Uuid,
            meeting.HostId,
            meeting.HostEmail,
            details.Topic,
            details.Type,
            meeting.Status == MeetingStatus.Started ? "started" : "waiting",
            ZoomTime.Format(details.StartTime),
            details.Duration,
            details.Timezone,
            details.Agenda,
            ZoomTime.Format(meeting.CreatedAt),
            $"{urls.ZoomBase}/s/{meeting.Id}?zak={Uri.EscapeDataString(zak)}",
            joinUrl,
            details.Password,
            details.PstnPassword,
            details.PstnPassword,
            details.EncryptedPassword,
            MeetingRules.ToBody(details.Settings),
            false);
    }
}
