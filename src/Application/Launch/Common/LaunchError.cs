namespace EpicZoom.Application.Launch.Common;

/// <summary>
/// Every way a launch can fail, with a stable code for support calls. The texts are for the person in front of the
/// screen (a clinician or a patient); causes and fixes for IT are in docs/launch-errors.md.
/// </summary>
public enum LaunchError
{
    UnknownOrganisation = 1,
    IssuerMismatch = 2,
    MissingLaunchToken = 3,
    SessionExpiredOrUnknown = 4,
    SessionAlreadyUsed = 5,
    EpicAuthorizationRefused = 6,
    EpicTokenRefused = 7,
    EpicUnavailable = 8,
    MissingCsn = 9,
    ZoomAuthenticationFailed = 10,
    ZoomRequestFailed = 11,
    ZoomRoomNotFound = 12,
    TenantNotConfigured = 13,
    MissingIdentity = 14,
    InvalidRequest = 15,
    MeetingNotReady = 16,
    LinkInvalidOrExpired = 17,
    VisitEnded = 18,
}

public static class LaunchErrors
{
    public static string Code(this LaunchError error) => $"EZ-L{(int)error:000}";

    public static string Message(this LaunchError error) => error switch
    {
        LaunchError.UnknownOrganisation => "This video visit link is not set up for your organisation.",
        LaunchError.IssuerMismatch => "This video visit was launched from an Epic system that is not registered for it.",
        LaunchError.MissingLaunchToken => "Epic did not pass the launch information this video visit needs.",
        LaunchError.SessionExpiredOrUnknown => "This launch has expired. Please close this window and launch the video visit again from Epic.",
        LaunchError.SessionAlreadyUsed => "This launch link was already used. Please launch the video visit again from Epic.",
        LaunchError.EpicAuthorizationRefused => "Epic did not authorise this video visit.",
        LaunchError.EpicTokenRefused => "Epic refused to confirm this video visit launch.",
        LaunchError.EpicUnavailable => "Epic could not be reached to start this video visit.",
        LaunchError.MissingCsn => "Epic did not say which appointment this video visit is for.",
        LaunchError.ZoomAuthenticationFailed => "Zoom did not accept this organisation's credentials.",
        LaunchError.ZoomRequestFailed => "Zoom could not prepare the video visit.",
        LaunchError.ZoomRoomNotFound => "The Zoom Room for this visit could not be found.",
        LaunchError.TenantNotConfigured => "Video visits are not fully set up for your organisation yet.",
        LaunchError.MissingIdentity => "Epic did not say who is joining this video visit.",
        LaunchError.InvalidRequest => "This video visit link is incomplete or damaged.",
        LaunchError.MeetingNotReady => "The video visit is still being prepared. Please try again in a moment.",
        LaunchError.LinkInvalidOrExpired => "This visit link is not valid any more.",
        LaunchError.VisitEnded => "This video visit has ended, so its link no longer works. If you still need your visit, please call your clinic.",
        _ => "The video visit could not be started.",
    };
}

/// <summary>A launch failed for a known reason; <see cref="Detail"/> is for IT (e.g. Epic's OAuth error code), never PHI.</summary>
public sealed class LaunchException(LaunchError error, string? detail = null, Exception? inner = null)
    : Exception($"{error.Code()} {error}{(detail is null ? "" : $": {detail}")}", inner)
{
    public LaunchError Error { get; } = error;
    public string? Detail { get; } = detail;
}
