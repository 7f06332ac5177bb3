using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Zoom.Users;
using EpicZoom.Sandbox.Zoom.Webhooks;

namespace EpicZoom.Sandbox.Zoom.Meetings;

/// <summary>
/// Every way into and out of a meeting (join pages, the test API, Zoom Rooms, the REST API) goes
/// through here, so each fires the same webhooks. Events are queued while the meeting is still
/// locked, so webhooks leave in the order the changes happened.
/// </summary>
internal sealed class MeetingPresence(
    ZoomAccountRegistry accounts,
    ZoomUserStore users,
    MeetingStore meetings,
    WebhookQueue webhooks,
    TimeProvider time)
{
    /// <summary>
    /// Who a joiner is. A Zoom user id, or an email belonging to a user of the meeting's account,
    /// makes the participant that user (so webhooks carry its id); anyone else is a guest. Null
    /// when a Zoom user id was given that the account does not have. With <paramref name="signedIn"/> false the
    /// person joins without signing in, as Zoom reports it: participant id "", whatever e-mail they typed.
    /// </summary>
    public JoinRequest? Identify(Meeting meeting, string? zoomUserId, string? email, string? name, string? customerKey, bool asHost, bool signedIn = true)
    {
        var user = zoomUserId is { Length: > 0 } ? users.Find(meeting.AccountId, zoomUserId) : users.FindByEmail(meeting.AccountId, email);
        if (zoomUserId is { Length: > 0 } && user is null)
        {
            return null;
        }

        if (asHost && user is null && string.IsNullOrEmpty(email) && string.IsNullOrEmpty(name))
        {
            user = users.Find(meeting.AccountId, meeting.HostId);
        }

        return new JoinRequest(
            Blank(name) ?? user?.DisplayName ?? Blank(email) ?? "Guest",
            Blank(email) ?? user?.Email ?? "",
            signedIn ? user?.Id ?? "" : "",
            Blank(customerKey) ?? "",
            null,
            asHost);
    }

    public MeetingParticipant Join(Meeting meeting, JoinRequest request, SandboxUrls urls) =>
        Change(meeting, urls, (now, events) => meeting.Join(request, now, events));

    public void Admit(Meeting meeting, string participantId, SandboxUrls urls) =>
        Change(meeting, urls, (now, events) => meeting.Admit(participantId, now, events));

    public void Leave(Meeting meeting, string participantId, SandboxUrls urls) =>
        Change(meeting, urls, (now, events) => meeting.Leave(participantId, now, events));

    public void MoveToBreakoutRoom(Meeting meeting, string participantId, SandboxUrls urls) =>
        Change(meeting, urls, (now, events) => meeting.MoveToBreakoutRoom(participantId, now, events));

    public void ReturnToMainRoom(Meeting meeting, string participantId, SandboxUrls urls) =>
        Change(meeting, urls, (now, events) => meeting.ReturnToMainRoom(participantId, now, events));

    public void End(Meeting meeting, SandboxUrls urls) =>
        Change(meeting, urls, (now, events) => meeting.End(now, events));

    /// <summary>Ends the meeting if it is running, then forgets it.</summary>
    public void Delete(Meeting meeting, SandboxUrls urls)
    {
        End(meeting, urls);
        meetings.Remove(meeting.Id);
    }

    private void Change(Meeting meeting, SandboxUrls urls, Action<DateTimeOffset, List<MeetingEvent>> change) =>
        Change(meeting, urls, (now, events) =>
        {
            change(now, events);
            return true;
        });

    private T Change<T>(Meeting meeting, SandboxUrls urls, Func<DateTimeOffset, List<MeetingEvent>, T> change)
    {
        lock (meeting.Gate)
        {
            var events = new List<MeetingEvent>();
            var result = change(time.GetUtcNow(), events);
            if (events.Count > 0 && accounts.Find(meeting.AccountId, urls) is { } account)
            {
                webhooks.Publish(account, events);
            }

            return result;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
