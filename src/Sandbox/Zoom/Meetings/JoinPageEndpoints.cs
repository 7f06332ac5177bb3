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
            Find(meetingId, store) is not { } meeting ? MeetingNotFoundPage(meetingId)
            : !IsHostKey(meeting, zak, zaks) ? InvalidStartLinkPage()
            : JoinPages.Host(meeting, zak!, users.Find(meeting.AccountId, meeting.HostId)?.DisplayName ?? "Host", http.Request.PathBase));
        // A join link with a user's ZAK joins as that user, as Zoom's clients do: the page then names them by their
        // e-mail, and by their Zoom display name unless the link gives one.
        pages.MapGet("/j/{meetingId}", (string meetingId, string? pwd, string? name, string? email, string? customer_key, string? zak,
                HttpContext http, MeetingStore store, ZakStore zaks, ZoomUserStore users) =>
        {
            if (Find(meetingId, store) is not { } meeting)
            {
                return MeetingNotFoundPage(meetingId);
            }

            if (!string.IsNullOrEmpty(pwd) && !IsPasscode(meeting, pwd))
            {
                return Html.Error("Wrong passcode", "The meeting passcode is wrong.", StatusCodes.Status403Forbidden);
            }

            var user = zaks.UserOf(zak) is { } userId ? users.Find(meeting.AccountId, userId) : null;
            return JoinPages.Attendee(meeting, pwd, string.IsNullOrEmpty(name) ? user?.DisplayName : name, email ?? user?.Email, customer_key, http.Request.PathBase);
        });

        pages.MapPost("/s/{meetingId}/join", async (string meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, ZakStore zaks, MeetingPresence presence) =>
        {
            var field = await FieldsAsync(http);
            if (Find(meetingId, store) is not { } meeting || !IsHostKey(meeting, field("zak"), zaks))
            {
                return SandboxJson.Error("The start link is invalid or expired.", StatusCodes.Status401Unauthorized);
            }

            return Join(presence, meeting, presence.Identify(meeting, meeting.HostId, null, field("name"), null, asHost: true), urls);
        });
        pages.MapPost("/j/{meetingId}/join", async (string meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
        {
            var field = await FieldsAsync(http);
            if (Find(meetingId, store) is not { } meeting || !IsPasscode(meeting, field("pwd")))
            {
                return SandboxJson.Error("Unknown meeting or wrong passcode.", StatusCodes.Status403Forbidden);
            }

            return Join(presence, meeting, presence.Identify(meeting, null, field("email"), field("name"), field("customer_key"), asHost: false), urls);
        });

        var seats = pages.MapGroup("/wc/{meetingId}/{seat}");
        seats.MapGet("", (string meetingId, string seat, MeetingStore store) =>
            FindSeat(meetingId, seat, store) is (var meeting, var participant)
                ? SandboxJson.Result(ParticipantStates.Status(meeting.Snapshot(), participant), SandboxJsonContext.Default.SeatStatus)
                : SandboxJson.Error("Unknown seat.", StatusCodes.Status404NotFound));
        seats.MapPost("/leave", (string meetingId, string seat, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
            Act(meetingId, seat, store, hostOnly: false, (meeting, participant) => presence.Leave(meeting, participant.UserId, urls)));
        seats.MapPost("/admit", async (string meetingId, string seat, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
        {
            var field = await FieldsAsync(http);
            return Act(meetingId, seat, store, hostOnly: true, (meeting, _) => presence.Admit(meeting, field("participantId") ?? "", urls));
        });
        seats.MapPost("/end", (string meetingId, string seat, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
            Act(meetingId, seat, store, hostOnly: true, (meeting, _) => presence.End(meeting, urls)));
    }

    private static IResult Join(MeetingPresence presence, Meeting meeting, JoinRequest? identity, SandboxUrls urls)
    {
        if (identity is null)
        {
            return SandboxJson.Error("The meeting's host no longer exists.", StatusCodes.Status404NotFound);
        }

        var participant = presence.Join(meeting, identity, urls);
        return SandboxJson.Result(
            new JoinResult(participant.UserId, ParticipantStates.Name(participant.State), participant.SeatToken),
            SandboxJsonContext.Default.JoinResult);
    }

    /// <summary>Form fields, falling back to the query string, so a plain link can carry them too.</summary>
    private static async Task<Func<string, string?>> FieldsAsync(HttpContext http)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        return name => form?[name].ToString() is { Length: > 0 } value ? value
            : http.Request.Query[name].ToString() is { Length: > 0 } query ? query
            : null;
    }

    private static Meeting? Find(string meetingId, MeetingStore store) => long.TryParse(meetingId, out var id) ? store.Find(id) : null;

    /// <summary>A start_url is good only with a live ZAK of the meeting's host.</summary>
    private static bool IsHostKey(Meeting meeting, string? zak, ZakStore zaks) => zaks.UserOf(zak) == meeting.HostId;

    /// <summary>join_url carries the encrypted passcode; someone typing it in uses the plain one.</summary>
    private static bool IsPasscode(Meeting meeting, string? pwd)
    {
        var details = meeting.Details;
        return details.Password.Length == 0
            || AuthorizationHeader.SecretEquals(details.EncryptedPassword, pwd)
            || AuthorizationHeader.SecretEquals(details.Password, pwd);
    }

    private static IResult MeetingNotFoundPage(string meetingId) =>
        Html.Error("Meeting not found", $"Meeting {meetingId} does not exist (3001).", StatusCodes.Status404NotFound);

    private static IResult InvalidStartLinkPage() =>
        Html.Error("Cannot start meeting", "The start link is invalid or has expired: read the meeting again for a fresh start_url.", StatusCodes.Status401Unauthorized);

    private static (Meeting Meeting, MeetingParticipant Participant)? FindSeat(string meetingId, string seat, MeetingStore store) =>
        Find(meetingId, store) is { } meeting && meeting.Seat(seat) is { } participant ? (meeting, participant) : null;

    private static IResult Act(string meetingId, string seat, MeetingStore store, bool hostOnly, Action<Meeting, MeetingParticipant> action)
    {
        if (FindSeat(meetingId, seat, store) is not (var meeting, var participant))
        {
            return SandboxJson.Error("Unknown seat.", StatusCodes.Status404NotFound);
        }

        if (hostOnly && !participant.IsHost)
        {
            return SandboxJson.Error("Only the host can do that.", StatusCodes.Status403Forbidden);
        }

        try
        {
            action(meeting, participant);
            return Results.NoContent();
        }
        catch (MeetingStateException ex)
        {
            return SandboxJson.Error(ex.Message, StatusCodes.Status409Conflict);
        }
    }
}
