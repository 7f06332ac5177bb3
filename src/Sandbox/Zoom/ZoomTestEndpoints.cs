using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Zoom.Meetings;
using EpicZoom.Sandbox.Zoom.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Zoom;

internal sealed record TestJoinRequest(string? ZoomUserId, string? Email, string? Name, bool AsHost, string? CustomerKey, bool? SignedIn = null);

/// <summary>Any event, signed with the account's secret and sent to its webhook URL; <see cref="Payload"/> as given (none: an empty object).</summary>
internal sealed record TestEventRequest(string? AccountId, string? Event, System.Text.Json.JsonElement? Payload, bool EventTsAsString);

internal sealed record TestParticipantRequest(string? ParticipantId);

internal sealed record TestParticipantView(string Id, string Name, string Email, string State, string ZoomUserId, string CustomerKey, bool IsHost);

internal sealed record TestMeetingView(long Id, string Uuid, string Topic, string HostId, string Status, IReadOnlyList<TestParticipantView> Participants);

/// <summary>
/// The Zoom "_test" API: registrations, lock settings, people joining (signed in or not), leaving, being admitted
/// and moving to and from breakout rooms without a browser, and events of any type. Joins go through the same rules
/// and webhooks as the pages (docs/sandbox-zoom-webhooks.md).
/// </summary>
internal static class ZoomTestEndpoints
{
    public static void MapZoomTestEndpoints(this RouteGroupBuilder test)
    {
        test.MapPost("/accounts", async (HttpContext http, ZoomAccountRegistry accounts) =>
        {
            var account = await JsonBody.ReadAsync(http.Request, SandboxJsonContext.Default.SandboxZoomAccount);
            if (account is not { AccountId.Length: > 0, ClientId.Length: > 0, ClientSecret.Length: > 0 })
            {
                return SandboxJson.BadRequest("Send a SandboxZoomAccount with accountId, clientId and clientSecret.");
            }

            accounts.Register(account);
            return Results.NoContent();
        });
        test.MapPost("/accounts/{accountId}/lock-settings", async (string accountId, HttpContext http, ZoomAccountRegistry accounts) =>
        {
            var locks = await JsonBody.ReadAsync(http.Request, SandboxJsonContext.Default.ZoomLockSettings);
            if (locks is null)
            {
                return SandboxJson.BadRequest("Send {\"joinBeforeHostLocked\":bool,\"waitingRoomLocked\":bool,\"waitingRoomForcedValue\":bool?}.");
            }

            accounts.SetLockSettings(accountId, locks);
            return Results.NoContent();
        });
        test.MapPost("/events", async (HttpContext http, SandboxUrls urls, ZoomAccountRegistry accounts, WebhookQueue queue, TimeProvider time) =>
        {
            var request = await JsonBody.ReadAsync(http.Request, SandboxJsonContext.Default.TestEventRequest);
            if (request is not { Event.Length: > 0 })
            {
                return SandboxJson.BadRequest("Send {\"event\": \"rtms.started\", \"accountId\"?: ..., \"payload\"?: {...}, \"eventTsAsString\"?: bool}.");
            }

            if (accounts.Find(request.AccountId ?? SandboxDefaults.ZoomAccountId, urls) is not { } account)
            {
                return SandboxJson.Error($"Zoom account {request.AccountId} is not registered.", StatusCodes.Status404NotFound);
            }

            queue.PublishRaw(account, request.Event, WebhookPayloads.Raw(request.Event, request.Payload, time.GetUtcNow(), request.EventTsAsString));
            return Results.Accepted();
        });
        test.MapGet("/webhook-deliveries", ([FromQuery(Name = "event")] string? eventName, string? meetingId, WebhookDeliveryLog log) =>
            SandboxJson.Result(
                log.Snapshot().Where(d => (eventName is null || d.Event == eventName) && (meetingId is null || d.MeetingId == meetingId)).ToList(),
                SandboxJsonContext.Default.IReadOnlyListWebhookDelivery));
        MapMeetings(test.MapGroup("/meetings"));
        test.MapFaultEndpoints(Simulator.Zoom);
        test.MapResetEndpoint(Simulator.Zoom);
    }

    private static void MapMeetings(RouteGroupBuilder meetings)
    {
        meetings.MapGet("", (string? topic, MeetingStore store) =>
            SandboxJson.Result(
                store.All().Select(m => m.Snapshot()).Where(m => topic is null || m.Details.Topic == topic).Select(View).ToList(),
                SandboxJsonContext.Default.IReadOnlyListTestMeetingView));
        meetings.MapPost("/{meetingId:long}/join", async (long meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
        {
            if (store.Find(meetingId) is not { } meeting)
            {
                return SandboxJson.Error($"Meeting {meetingId} does not exist.", StatusCodes.Status404NotFound);
            }

            var request = await JsonBody.ReadAsync(http.Request, SandboxJsonContext.Default.TestJoinRequest);
            if (request is null)
            {
                return SandboxJson.BadRequest("Send {\"zoomUserId\"|\"email\"|\"name\": ..., \"asHost\": bool, \"customerKey\"?: ..., \"signedIn\"?: bool}.");
            }

            if (presence.Identify(meeting, request.ZoomUserId, request.Email, request.Name, request.CustomerKey, request.AsHost, request.SignedIn ?? true) is not { } identity)
            {
                return SandboxJson.Error($"Zoom user {request.ZoomUserId} is not in the meeting's account.", StatusCodes.Status404NotFound);
            }

            var participant = presence.Join(meeting, identity, urls);
            return SandboxJson.Result(new JoinResult(participant.UserId, ParticipantStates.Name(participant.State)), SandboxJsonContext.Default.JoinResult);
        });
        meetings.MapPost("/{meetingId:long}/leave", (long meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
            ActAsync(meetingId, http, store, (meeting, participantId) => presence.Leave(meeting, participantId, urls)));
        meetings.MapPost("/{meetingId:long}/breakout", (long meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
            ActAsync(meetingId, http, store, (meeting, participantId) => presence.MoveToBreakoutRoom(meeting, participantId, urls)));
        meetings.MapPost("/{meetingId:long}/main", (long meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
            ActAsync(meetingId, http, store, (meeting, participantId) => presence.ReturnToMainRoom(meeting, participantId, urls)));
        meetings.MapPost("/{meetingId:long}/admit", (long meetingId, HttpContext http, SandboxUrls urls, MeetingStore store, MeetingPresence presence) =>
            ActAsync(meetingId, http, store, (meeting, participantId) => presence.Admit(meeting, participantId, urls)));
    }

    private static async Task<IResult> ActAsync(long meetingId, HttpContext http, MeetingStore store, Action<Meeting, string> action)
    {
        if (store.Find(meetingId) is not { } meeting)
        {
            return SandboxJson.Error($"Meeting {meetingId} does not exist.", StatusCodes.Status404NotFound);
        }

        var request = await JsonBody.ReadAsync(http.Request, SandboxJsonContext.Default.TestParticipantRequest);
        if (request?.ParticipantId is not { Length: > 0 } participantId)
        {
            return SandboxJson.BadRequest("Send {\"participantId\": ...}.");
        }

        try
        {
            action(meeting, participantId);
            return Results.NoContent();
        }
        catch (MeetingStateException ex)
        {
            return SandboxJson.Error(ex.Message, StatusCodes.Status409Conflict);
        }
    }

    private static TestMeetingView View(MeetingSnapshot meeting) => new(
        meeting.Id,
        meeting.Uuid,
        meeting.Details.Topic,
        meeting.HostId,
        meeting.Status == MeetingStatus.Started ? "started" : "waiting",
        meeting.Participants
            .Select(p => new TestParticipantView(p.UserId, p.Name, p.Email, ParticipantStates.Name(p.State), p.ZoomUserId, p.CustomerKey, p.IsHost))
            .ToList());
}
