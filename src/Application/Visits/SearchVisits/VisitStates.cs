using System.Linq.Expressions;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Application.Visits.SearchVisits;

/// <summary>The state an administrator sees on the visits page, computed when it is read: nothing is stored or closed by it.</summary>
public enum VisitState
{
    /// <summary>A launch is under way and no meeting exists yet (within <see cref="VisitStates.StartingWindow"/>).</summary>
    Starting,
    WaitingForHost,
    InProgress,
    Ended,

    /// <summary>Never got a Zoom meeting (a device test, a failed launch): nothing will happen to it.</summary>
    NoMeeting,

    /// <summary>Has a meeting that never ended but nothing happened for <see cref="VisitStates.AbandonedAfter"/>.</summary>
    Abandoned,
}

/// <summary>Which visits the page shows; <see cref="Open"/> is the default so forgotten visits do not pile up as "waiting for host".</summary>
public enum VisitStateFilter
{
    Open,
    Closed,
    All,
    WaitingForHost,
    InProgress,
    Ended,
    NoMeeting,
    Abandoned,
}

public static class VisitStates
{
    /// <summary>A launch creates its meeting within seconds; a visit without one after this never got one.</summary>
    public static readonly TimeSpan StartingWindow = TimeSpan.FromMinutes(30);

    /// <summary>No launch, join or leave for this long: the visit's day is over (a clinic day is shorter than 12 h of silence).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(12);

    public static VisitState Of(VideoVisit v, DateTime nowUtc)
    {
        if (v.EndedAtUtc is not null) return VisitState.Ended;
        if (v.ZoomMeetingId is null) return v.CreatedAtUtc > nowUtc - StartingWindow ? VisitState.Starting : VisitState.NoMeeting;
        var cutoff = nowUtc - AbandonedAfter;
        var lastActivity = new[] { v.CreatedAtUtc, v.MeetingCreatedAtUtc ?? DateTime.MinValue, v.HostJoinedAtUtc ?? DateTime.MinValue }
            .Concat(v.Participants.Select(p => p.StateChangedAtUtc ?? p.FirstLaunchedAtUtc))
            .Concat(v.Participants.Select(p => p.FirstLaunchedAtUtc)).Max();
        if (lastActivity <= cutoff) return VisitState.Abandoned;
        return v.HostJoinedAtUtc is null ? VisitState.WaitingForHost : VisitState.InProgress;
    }

    /// <summary>The same rules as <see cref="Of"/> as a query filter, so paging counts only what is shown.</summary>
    public static Expression<Func<VideoVisit, bool>> Matching(VisitStateFilter filter, DateTime nowUtc)
    {
        var starting = nowUtc - StartingWindow;
        var cutoff = nowUtc - AbandonedAfter;
        return filter switch
        {
            VisitStateFilter.All => v => true,
            VisitStateFilter.Ended => v => v.EndedAtUtc != null,
            VisitStateFilter.NoMeeting => v => v.EndedAtUtc == null && v.ZoomMeetingId == null && v.CreatedAtUtc <= starting,
            VisitStateFilter.Abandoned => v => v.EndedAtUtc == null && v.ZoomMeetingId != null && !(v.CreatedAtUtc > cutoff || v.MeetingCreatedAtUtc > cutoff
                || v.HostJoinedAtUtc > cutoff || v.Participants.Any(p => p.FirstLaunchedAtUtc > cutoff || p.StateChangedAtUtc > cutoff)),
            VisitStateFilter.WaitingForHost => v => v.EndedAtUtc == null && v.ZoomMeetingId != null && v.HostJoinedAtUtc == null && (v.CreatedAtUtc > cutoff
                || v.MeetingCreatedAtUtc > cutoff || v.Participants.Any(p => p.FirstLaunchedAtUtc > cutoff || p.StateChangedAtUtc > cutoff)),
            VisitStateFilter.InProgress => v => v.EndedAtUtc == null && v.ZoomMeetingId != null && v.HostJoinedAtUtc != null && (v.CreatedAtUtc > cutoff
                || v.MeetingCreatedAtUtc > cutoff || v.HostJoinedAtUtc > cutoff || v.Participants.Any(p => p.FirstLaunchedAtUtc > cutoff || p.StateChangedAtUtc > cutoff)),
            VisitStateFilter.Closed => v => v.EndedAtUtc != null || (v.ZoomMeetingId == null && v.CreatedAtUtc <= starting) || (v.ZoomMeetingId != null
                && !(v.CreatedAtUtc > cutoff || v.MeetingCreatedAtUtc > cutoff || v.HostJoinedAtUtc > cutoff
                    || v.Participants.Any(p => p.FirstLaunchedAtUtc > cutoff || p.StateChangedAtUtc > cutoff))),
            _ => v => v.EndedAtUtc == null && ((v.ZoomMeetingId == null && v.CreatedAtUtc > starting) || (v.ZoomMeetingId != null && (v.CreatedAtUtc > cutoff
                || v.MeetingCreatedAtUtc > cutoff || v.HostJoinedAtUtc > cutoff || v.Participants.Any(p => p.FirstLaunchedAtUtc > cutoff || p.StateChangedAtUtc > cutoff)))),
        };
    }

    public static string Label(VisitState state) => state switch
    {
        VisitState.Starting => "starting",
        VisitState.WaitingForHost => "waiting for host",
        VisitState.InProgress => "in progress",
        VisitState.Ended => "ended",
        VisitState.NoMeeting => "closed: no meeting",
        _ => "closed: abandoned",
    };
}
