using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Sms.Common;

/// <summary>The one link per patient and visit that texts carry, and the keyed fingerprint numbers are matched by.</summary>
public sealed class TextPatientLinks(IAppDbContext db, ILinkSigner signer, IRandomTokens tokens, IAppUrls urls, TimeProvider clock)
{
    public const string PathPrefix = "/t/";

    /// <summary>The patient's link for the visit, made on first use and renewed (not replaced) on later ones.</summary>
    public async Task<PatientLink> EnsureAsync(VideoVisit visit, VisitParticipant patient, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var link = await db.PatientLinks.SingleOrDefaultAsync(l => l.VisitId == visit.Id && l.ParticipantId == patient.Id, ct);
        if (link is null)
        {
            link = PatientLink.For(tokens.NewToken(9), visit, patient, now);
            db.PatientLinks.Add(link);
        }
        else
        {
            link.Renew(now);
        }
        return link;
    }

    public string Url(PatientLink link) => urls.PublicBaseUrl + PathPrefix + signer.Sign(link.Id);

    /// <summary>Numbers are matched per tenant, never kept readable outside the encrypted copy a resend needs.</summary>
    public string Fingerprint(Domain.Tenants.TenantId tenantId, PhoneNumber number) => signer.Fingerprint($"sms:{tenantId}:{number.E164}");
}
