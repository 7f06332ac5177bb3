using EpicZoom.Application.Common.Exceptions;
using System.Collections.Concurrent;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Domain.Visits;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Visits.GetWaitingStatus;

/// <summary>
/// Polled by the patient's waiting page: is the host in the meeting yet? Known from Zoom's webhooks when they arrive,
/// otherwise asked of Zoom (at most every few seconds per visit). When ready, the patient's personal join link.
/// </summary>
public sealed record GetWaitingStatusQuery(string PassToken) : IRequest<WaitingStatusDto>;

public sealed record WaitingStatusDto(bool HostIsIn, string? JoinUrl, string? DeviceTestHelpUrl, string? DeviceTestUrl);

/// <summary>Per instance, when each visit's meeting status was last asked of Zoom.</summary>
public sealed class ZoomStatusThrottle
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<Guid, DateTime> lastAsked = new();

    public bool ShouldAsk(Guid visitId, DateTime nowUtc)
    {
        if (lastAsked.Count > 10_000) lastAsked.Clear();
        var previous = lastAsked.GetValueOrDefault(visitId);
        if (nowUtc - previous < MinInterval) return false;
        lastAsked[visitId] = nowUtc;
        return true;
    }
}

internal sealed class GetWaitingStatusQueryHandler(
    IAppDbContext db, IZoomApi zoom, TenantConnections connections, ISecretProtector protector, VisitPassReader passes,
    ZoomStatusThrottle throttle, TimeProvider clock) : IRequestHandler<GetWaitingStatusQuery, WaitingStatusDto>
{
    public async Task<WaitingStatusDto> Handle(GetWaitingStatusQuery request, CancellationToken cancellationToken)
    {
        var (_, visit, participant, tenant) = await passes.ReadAsync(request.PassToken, VisitPass.WaitingRoom, tracked: true, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (visit.EndedAtUtc is not null) throw new AppException(LaunchErrors.LinkInvalidOrExpired, "visit ended");

        try
        {
            return await StatusAsync(tenant, visit, participant, now, cancellationToken);
        }
        catch (Exception ex) when (ex is ZoomApiException or ZoomUnavailableException)
        {
            throw new AppException(LaunchErrors.ZoomRequestFailed, "meeting status unavailable", ex);
        }
    }

    private async Task<WaitingStatusDto> StatusAsync(Domain.Tenants.Tenant tenant, VideoVisit visit, VisitParticipant participant, DateTime now, CancellationToken cancellationToken)
    {
        var connection = connections.Zoom(tenant);
        if (!visit.HostHasJoined && visit.HasMeeting && throttle.ShouldAsk(visit.Id.Value, now))
        {
            var meeting = await zoom.GetMeetingAsync(connection, visit.ZoomMeetingId!.Value, cancellationToken);
            if (meeting?.Status == "started")
            {
                visit.MarkHostJoined(now);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
                {
                    // A launch changed the visit meanwhile (its Version): the host is in all the same; the next poll or the webhook records it.
                    db.DiscardChanges();
                }
            }
        }

        string? joinUrl = null;
        if (visit.HostHasJoined)
        {
            var joinBase = protector.Unprotect(visit.JoinUrlProtected!);
            joinUrl = participant.ZoomUserId is { } user ? JoinLinks.Personal(joinBase, await zoom.GetZakAsync(connection, user, cancellationToken)) : joinBase;
        }
        return new WaitingStatusDto(visit.HostHasJoined, joinUrl, tenant.DeviceTest.ProviderHelpUrl, tenant.DeviceTest.EndpointUrl);
    }
}
