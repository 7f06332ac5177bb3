using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Guests;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Guests.Common;

/// <summary>One invite as clinicians and admins see it: contact masked, never the link; <see cref="Light"/> is the guest's Zoom state.</summary>
public sealed record GuestInviteDto(
    Guid Id, Guid ParticipantId, string DisplayName, string RoleLabel, string Channel, string ContactMasked, string Status, string? Detail,
    DateTime CreatedAtUtc, DateTime? LastSentAtUtc, int SendCount, int OpenCount, bool Revoked, string Light, bool CanResend, bool CanRevoke);

internal static class GuestInviteList
{
    public static async Task<IReadOnlyList<GuestInviteDto>> ForVisitAsync(IAppDbContext db, VideoVisit visit, CancellationToken ct)
    {
        var invites = await db.GuestInvites.AsNoTracking().Where(i => i.VisitId == visit.Id).ToListAsync(ct);
        var open = visit.EndedAtUtc is null;
        return invites.OrderByDescending(i => i.CreatedAtUtc).Select(i =>
        {
            var light = visit.Participants.SingleOrDefault(p => p.Id == i.ParticipantId)?.State ?? ConnectionState.NotJoined;
            return new GuestInviteDto(i.Id.Value, i.ParticipantId, i.DisplayName, i.RoleLabel, i.Channel == GuestChannel.Sms ? "Text" : "E-mail",
                i.ContactMasked, i.IsRevoked ? "Revoked" : i.Status.ToString(), i.Detail, i.CreatedAtUtc, i.LastSentAtUtc, i.SendCount, i.OpenCount,
                i.IsRevoked, light.ToString(), CanResend: open && !i.IsRevoked && i.Status != GuestInviteStatus.Sending, CanRevoke: open && !i.IsRevoked);
        }).ToList();
    }
}
