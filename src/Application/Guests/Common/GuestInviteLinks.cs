using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Sms.Common;
using EpicZoom.Domain.Guests;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Guests.Common;

/// <summary>
/// A guest's link is <c>/t/</c> like the patient's, the signed id being <see cref="IdPrefix"/> and the invite id: one
/// route, and the signature is checked before the kind of link is even looked at. Patient link ids are base64url and
/// never hold a "~" (nor may any signed id hold the signature's dot).
/// </summary>
public sealed class GuestInviteLinks(ILinkSigner signer, IAppUrls urls)
{
    public const string IdPrefix = "g~";

    public string Url(GuestInvite invite) => urls.PublicBaseUrl + TextPatientLinks.PathPrefix + signer.Sign(IdPrefix + invite.Id.Value.ToString("N"));

    /// <summary>The invite a verified link id names, or null when it is a patient link.</summary>
    public static GuestInviteId? InviteId(string verifiedId) =>
        verifiedId.StartsWith(IdPrefix, StringComparison.Ordinal) && Guid.TryParseExact(verifiedId[IdPrefix.Length..], "N", out var id)
            ? new GuestInviteId(id)
            : null;

    /// <summary>The same keyed fingerprint the patient's texts use, so a STOP from a guest's number is honoured for both.</summary>
    public string Fingerprint(TenantId tenantId, PhoneNumber number) => signer.Fingerprint($"sms:{tenantId}:{number.E164}");

    public string Fingerprint(TenantId tenantId, EmailAddress address) => signer.Fingerprint($"email:{tenantId}:{address.Value.ToLowerInvariant()}");
}
