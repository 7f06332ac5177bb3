using System.Text.RegularExpressions;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Application.Webhooks.ProcessWebhookEvents;

/// <summary>
/// Which Epic person of the visit a Zoom participant object names. The identifiers are tried in this order, the
/// first that names someone wins (README, "Zoom webhooks and the green light"):
/// <list type="number">
/// <item><c>id</c>: the Zoom user of someone signed in (EpicZoom's users join signed in through their ZAK); "" for
/// anyone who is not.</item>
/// <item><c>participant_user_id</c>: the same Zoom user id, present in some events where <c>id</c> is not.</item>
/// <item><c>user_id</c>, only when it has the shape of a Zoom user id (22 or so base64url characters, not all digits):
/// mostly it is Zoom's per-meeting number ("16778240"), new for every room a person enters, which names nobody.</item>
/// <item><c>email</c>: EpicZoom knows the e-mail of every Zoom user it created or borrowed (ZoomAccounts), so a
/// person who joined without signing in but with that e-mail is still found.</item>
/// <item><c>customer_key</c>: the participant's key (<see cref="VisitParticipant.CustomerKey"/>), which a Meeting SDK
/// join passes in place of a Zoom user.</item>
/// </list>
/// <c>registrant_id</c> is read but names nobody: EpicZoom registers no one (meetings use approval_type 2), so no
/// registrant id is ever EpicZoom's.
/// </summary>
internal static partial class ParticipantMatcher
{
    public static async Task<VisitParticipant?> MatchAsync(VideoVisit visit, ZoomParticipant ids,
        Func<string, Task<IReadOnlyCollection<string>>> zoomUsersWithEmail)
    {
        foreach (var zoomUserId in new[] { ids.Id, ids.ParticipantUserId, IsZoomUserId(ids.UserId) ? ids.UserId : null })
        {
            if (zoomUserId is not null && ByZoomUser(visit, zoomUserId) is { } found) return found;
        }
        if (ids.Email is { } email)
        {
            foreach (var zoomUserId in await zoomUsersWithEmail(email))
            {
                if (ByZoomUser(visit, zoomUserId) is { } found) return found;
            }
        }
        return ids.CustomerKey is { } key
            ? visit.Participants.FirstOrDefault(p => string.Equals(p.CustomerKey, key, StringComparison.OrdinalIgnoreCase))
            : null;
    }

    /// <summary>Zoom user ids are base64url strings of about 22 characters; Zoom's per-meeting user_id is a number (or a number and a time, in breakout rooms).</summary>
    public static bool IsZoomUserId(string? value) => value is not null && ZoomUserIdShape().IsMatch(value) && !value.All(char.IsAsciiDigit);

    private static VisitParticipant? ByZoomUser(VideoVisit visit, string zoomUserId) =>
        visit.Participants.FirstOrDefault(p => p.ZoomUserId is not null && p.ZoomUserId == zoomUserId);

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial Regex ZoomUserIdShape();
}
