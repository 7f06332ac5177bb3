using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Zoom.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Zoom.Meetings;

/// <summary>
/// What sits behind start_url (/s/{id}?zak=) and join_url (/j/{id}?pwd=): a page where a simulated
/// person joins and leaves, plus the small JSON API the page calls (/wc/{id}/{seat}).
/// </summary>
internal static class JoinPageEndpoints
{
    public static void MapJoinPages(this IEndpointRouteBuilder simulated)
    {
        var pages = simulated.MapGroup("").WithFaultName("join");
        pages.MapGet("/s/{meetingId}", (string meetingId, string? zak, HttpContext http, MeetingStore store, ZakStore zaks, ZoomUserStore users) =>
            CheckHost(meetingId, zak, store, zaks, out var meeting) is { } refused
                ? refused
                : JoinPages.Host(meeting!, zak!, users.Find(meeting!.AccountId, meeting.HostId)?.DisplayName ?? "Host", http.Request.PathBase));
        pages.MapGet("/j/{meetingId}", (string meetingId, string? pwd, string? name, string? email, string? customer_key, HttpContext http, MeetingStore store) =>
            CheckPasscode(meetingId, pwd, allowMissing: true, store, out var meeting) is { } refused
                ? refused
                : JoinPages.Attendee(meeting!, pwd, name, email, customer_key, http.Request.PathBase));

        pages.MapPost("/s/{meetingId}/join", async (string meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, ZakStore zaks, MeetingPresence presence) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (CheckHost(meetingId, form["zak"], store, zaks, out var meeting) is not null)
            {
                return TestApiJson.Error("The start link is invalid or expired.", StatusCodes.Status401Unauthorized);
            }

            return Joined(presence, meeting!, presence.Identify(meeting!, meeting!.HostId, null, form["name"], null, asHost: true)!, urls);
        });
        pages.MapPost("/j/{meetingId}/join", async (string meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (CheckPasscode(meetingId, form["pwd"], allowMissing: false, store, out var meeting) is not null)
            {
                return TestApiJson.Error("Wrong meeting passcode.", StatusCodes.Status403Forbidden);
            }

            var identity = presence.Identify(meeting!, null, form["email"], form["name"], form["customer_key"], asHost: false)!;
            return Joined(presence, meeting!, identity, urls);
        });

        var seats = pages.MapGroup("/wc/{meetingId}/{seat}");
        seats.MapGet("", (string meetingId, string seat, MeetingStore store) =>
            FindSeat(meetingId, seat, store) is (var meeting, var participant)
                ? TestApiJson.Result(ParticipantStates.Status(meeting.Snapshot(), participant), TestApiJsonContext.Default.SeatStatus)
                : TestApiJson.Error("Unknown seat.", StatusCodes.Status404NotFound));
        seats.MapPost("/leave", (string meetingId, string seat, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
            Act(meetingId, seat, store, hostOnly: false, (meeting, participant) => presence.Leave(meeting, participant.UserId, urls)));
        seats.MapPost("/admit", async (string meetingId, string seat, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return Act(meetingId, seat, store, hostOnly: true, (meeting, _) => presence.Admit(meeting, form["participantId"].ToString(), urls));
        });
        seats.MapPost("/end", (string meetingId, string seat, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
            Act(meetingId, seat, store, hostOnly: true, (meeting, _) => presence.End(meeting, urls)));
    }

    private static IResult Joined(MeetingPresence presence, Meeting meeting, JoinRequest identity, SandboxUrls urls)
    {
        var participant = presence.Join(meeting, identity, urls);
        return TestApiJson.Result(
            new JoinResult(participant.UserId, ParticipantStates.Name(participant.State), participant.SeatToken),
            TestApiJsonContext.Default.JoinResult);
    }

    /// <summary>A start_url is good only with a live ZAK of the meeting's host.</summary>
    private static IResult? CheckHost(string meetingId, string? zak, MeetingStore store, ZakStore zaks, out Meeting? meeting)
    {
        meeting = long.TryParse(meetingId, out var id) ? store.Find(id) : null;
        if (meeting is null)
        {
            return Html.Error("Meeting not found", $"Meeting {meetingId} does not exist (3001).", StatusCodes.Status404NotFound);
        }

        return zaks.UserOf(zak) == meeting.HostId
            ? null
            : Html.Error("Cannot start meeting", "The start link is invalid or has expired: read the meeting again for a fresh start_url.", StatusCodes.Status401Unauthorized);
    }

    /// <summary>join_url carries the encrypted passcode; someone typing it in may use the plain one.</summary>
    private static IResult? CheckPasscode(string meetingId, string? pwd, bool allowMissing, MeetingStore store, out Meeting? meeting)
    {
        meeting = long.TryParse(meetingId, out var id) ? store.Find(id) : null;
        if (meeting is null)
        {
            return Html.Error("Meeting not found", $"Meeting {meetingId} does not exist (3001).", StatusCodes.Status404NotFound);
        }

        var details = meeting.Details;
        var accepted = details.Password.Length == 0
            || (string.IsNullOrEmpty(pwd) && allowMissing)
            || AuthorizationHeader.SecretEquals(details.EncryptedPassword, pwd)
            || AuthorizationHeader.SecretEquals(details.Password, pwd);
        return accepted ? null : Html.Error("Wrong passcode", "The meeting passcode is wrong.", StatusCodes.Status403Forbidden);
    }

    private static (Meeting Meeting, MeetingParticipant Participant)? FindSeat(string meetingId, string seat, MeetingStore store) =>
        long.TryParse(meetingId, out var id) && store.Find(id) is { } meeting && meeting.Seat(seat) is { } participant
            ? (meeting, participant)
            : null;

    private static IResult Act(string meetingId, string seat, MeetingStore store, bool hostOnly, Action<Meeting, MeetingParticipant> action)
    {
        if (FindSeat(meetingId, seat, store) is not (var meeting, var participant))
        {
            return TestApiJson.Error("Unknown seat.", StatusCodes.Status404NotFound);
        }

        if (hostOnly && !participant.IsHost)
        {
            return TestApiJson.Error("Only the host can do that.", StatusCodes.Status403Forbidden);
        }

        try
        {
            action(meeting, participant);
            return Results.NoContent();
        }
        catch (MeetingStateException ex)
        {
            return TestApiJson.Error(ex.Message, StatusCodes.Status409Conflict);
        }
    }
}
