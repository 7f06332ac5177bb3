using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Domain.Visits;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Visits.GetWaitingStatus;

/// <summary>
/// Asked by the patient's waiting page: is the host in the meeting yet? With <paramref name="Wait"/> it is a long-poll:
/// the answer comes at once when the host is in (or the link is no good), otherwise when the visit changes or after
/// <paramref name="Wait"/> (at most <see cref="MaxWait"/>) with "still waiting", and the page asks again. Known from
/// Zoom's webhooks (the commit that records them wakes the wait), otherwise from one Zoom check per visit every few
/// seconds that all its waiting patients share (<see cref="MeetingStatusChecks"/>). When the host is in, the
/// patient's personal join link, made once (<see cref="PersonalJoinLinks"/>).
/// </summary>
public sealed record GetWaitingStatusQuery(string PassToken, TimeSpan Wait = default) : IRequest<WaitingStatusDto>, IHighVolumeRequest
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(25);
}

public sealed record WaitingStatusDto(bool HostIsIn, string? JoinUrl);

internal sealed class GetWaitingStatusQueryHandler(
    IAppDbContext db, IVisitPasses passes, VisitChangeNotifier changes, MeetingStatusChecks checks, PersonalJoinLinks links,
    IZoomApi zoom, TenantConnections connections, ISecretProtector protector, TimeProvider clock)
    : IRequestHandler<GetWaitingStatusQuery, WaitingStatusDto>
{
    private static readonly WaitingStatusDto StillWaiting = new(false, null);

    public async Task<WaitingStatusDto> Handle(GetWaitingStatusQuery request, CancellationToken cancellationToken)
    {
        // The pass is authenticated and encrypted: reading it needs no database.
        var pass = passes.Read(request.PassToken);
        if (pass is null || pass.Purpose != VisitPass.WaitingRoom) throw new AppException(LaunchErrors.LinkInvalidOrExpired);
        var visitId = new VisitId(pass.VisitId);
        var wait = request.Wait < TimeSpan.Zero ? TimeSpan.Zero : request.Wait > GetWaitingStatusQuery.MaxWait ? GetWaitingStatusQuery.MaxWait : request.Wait;
        var deadline = clock.GetUtcNow() + wait;

        while (true)
        {
            // Subscribed before the read, so a change committed in between still wakes this wait.
            using var changed = changes.Subscribe(visitId);
            var state = await ReadAsync(visitId, pass.ParticipantId, cancellationToken);
            if (state.HostJoinedAtUtc is not null) return await ReadyAsync(state, pass.ParticipantId, cancellationToken);

            if (wait == TimeSpan.Zero)
            {
                // A plain poll: answer with what this ask (or the one in flight, or the last one) found.
                if (state.ZoomMeetingId is null) return StillWaiting;
                if (await ZoomAsync(checks.AskIfDueAsync(visitId)).WaitAsync(cancellationToken)) continue;
                return StillWaiting;
            }

            // Woken by the commit on this instance that marks the host joined or the visit ended (then read again), or
            // every MinInterval by the shared check (one read of the visit for all its waiters here, which wakes them
            // when another instance committed the change, then a Zoom ask if the meeting exists), without a read of ours.
            while (true)
            {
                ObserveFailure(checks.AskIfDueAsync(visitId));
                var until = Min(deadline, clock.GetUtcNow() + MeetingStatusChecks.MinInterval);
                if (await WaitAsync(changed.Changed, until, cancellationToken)) break;
                if (clock.GetUtcNow() >= deadline) return StillWaiting;
            }
        }
    }

    /// <summary>One small untracked read: what the answer depends on, and whether the pass's participant still exists.</summary>
    private async Task<VisitState> ReadAsync(VisitId visitId, Guid participantId, CancellationToken ct)
    {
        var state = await db.VideoVisits.AsNoTracking()
            .Where(v => v.Id == visitId)
            .Select(v => new VisitState(v.TenantId, v.ZoomMeetingId, v.JoinUrlProtected, v.HostJoinedAtUtc, v.EndedAtUtc,
                v.Participants.Any(p => p.Id == participantId),
                v.Participants.Where(p => p.Id == participantId).Select(p => p.ZoomUserId).FirstOrDefault()))
            .SingleOrDefaultAsync(ct)
            ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "visit gone");
        if (!state.ParticipantExists) throw new AppException(LaunchErrors.LinkInvalidOrExpired, "participant gone");
        if (state.EndedAtUtc is not null) throw new AppException(LaunchErrors.LinkInvalidOrExpired, "visit ended");
        return state;
    }

    private async Task<WaitingStatusDto> ReadyAsync(VisitState state, Guid participantId, CancellationToken ct)
    {
        var joinBase = protector.Unprotect(state.JoinUrlProtected!);
        if (state.ParticipantZoomUserId is not { } user) return new WaitingStatusDto(true, joinBase);
        var link = await ZoomAsync(links.GetAsync(participantId, joinBase, async token =>
        {
            var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == state.TenantId, token);
            return await zoom.GetZakAsync(connections.Zoom(tenant), user, token);
        }, ct));
        return new WaitingStatusDto(true, link);
    }

    /// <summary>True when the visit changed before <paramref name="until"/>; false when that time came first.</summary>
    private async Task<bool> WaitAsync(Task changed, DateTimeOffset until, CancellationToken ct)
    {
        var left = until - clock.GetUtcNow();
        if (left <= TimeSpan.Zero) return false;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var first = await Task.WhenAny(changed, Task.Delay(left, clock, timer.Token));
        timer.Cancel(); // the change won: drop the timer now rather than holding it for the rest of the wait
        ct.ThrowIfCancellationRequested();
        return first == changed;
    }

    private static async Task<T> ZoomAsync<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (Exception ex) when (ex is ZoomApiException or ZoomUnavailableException)
        {
            throw new AppException(LaunchErrors.ZoomRequestFailed, "meeting status unavailable", ex);
        }
    }

    /// <summary>A long-poll does not fail on a Zoom hiccup: it keeps waiting for the webhook or the next check.</summary>
    private static void ObserveFailure(Task task) =>
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record VisitState(Domain.Tenants.TenantId TenantId, long? ZoomMeetingId, string? JoinUrlProtected,
        DateTime? HostJoinedAtUtc, DateTime? EndedAtUtc, bool ParticipantExists, string? ParticipantZoomUserId);
}
