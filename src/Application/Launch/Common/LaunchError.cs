using EpicZoom.Application.Common.Exceptions;

namespace EpicZoom.Application.Launch.Common;

/// <summary>
/// Every way a launch can fail, with a stable code for support calls. The texts are for the person in front of the
/// screen (a clinician or a patient); causes and fixes for IT are in docs/launch-errors.md.
/// </summary>
public static class LaunchErrors
{
    public static readonly AppError UnknownOrganisation = L(1, ErrorCategory.NotFound, "This video visit link is not set up for your organisation.");
    public static readonly AppError IssuerMismatch = L(2, ErrorCategory.Forbidden, "This video visit was launched from an Epic system that is not registered for it.");
    public static readonly AppError MissingLaunchToken = L(3, ErrorCategory.InvalidInput, "Epic did not pass the launch information this video visit needs.");
    public static readonly AppError SessionExpiredOrUnknown = L(4, ErrorCategory.Gone, "This launch has expired. Please close this window and launch the video visit again from Epic.");
    public static readonly AppError SessionAlreadyUsed = L(5, ErrorCategory.Gone, "This launch link was already used. Please launch the video visit again from Epic.");
    public static readonly AppError EpicAuthorizationRefused = L(6, ErrorCategory.Forbidden, "Epic did not authorise this video visit.");
    public static readonly AppError EpicTokenRefused = L(7, ErrorCategory.UpstreamFailed, "Epic refused to confirm this video visit launch.");
    public static readonly AppError EpicUnavailable = L(8, ErrorCategory.UpstreamFailed, "Epic could not be reached to start this video visit.");
    public static readonly AppError MissingCsn = L(9, ErrorCategory.InvalidInput, "Epic did not say which appointment this video visit is for.");
    public static readonly AppError ZoomAuthenticationFailed = L(10, ErrorCategory.UpstreamFailed, "Zoom did not accept this organisation's credentials.");
    public static readonly AppError ZoomRequestFailed = L(11, ErrorCategory.UpstreamFailed, "Zoom could not prepare the video visit.");
    public static readonly AppError ZoomRoomNotFound = L(12, ErrorCategory.NotFound, "The Zoom Room for this visit could not be found.");
    public static readonly AppError TenantNotConfigured = L(13, ErrorCategory.Misconfigured, "Video visits are not fully set up for your organisation yet.");
    public static readonly AppError MissingIdentity = L(14, ErrorCategory.InvalidInput, "Epic did not say who is joining this video visit.");
    public static readonly AppError InvalidRequest = L(15, ErrorCategory.InvalidInput, "This video visit link is incomplete or damaged.");
    public static readonly AppError MeetingNotReady = L(16, ErrorCategory.NotReady, "The video visit is still being prepared. Please try again in a moment.");
    public static readonly AppError LinkInvalidOrExpired = L(17, ErrorCategory.Gone, "This visit link is not valid any more.");
    public static readonly AppError InviteRevoked = L(19, ErrorCategory.Gone, "This invitation was withdrawn by the clinic, so its link no longer works. If you still need to join the visit, please ask the clinic for a new invitation.");
    public static readonly AppError VisitEnded = L(18, ErrorCategory.Gone, "This video visit has ended, so its link no longer works. If you still need your visit, please call your clinic.");

    /// <summary>What a person sees when something failed that has no code of its own (a bug): the page, never a trace.</summary>
    public static readonly AppError Unexpected = L(0, ErrorCategory.InvalidInput, "The video visit could not be started.");

    public static IReadOnlyList<AppError> All { get; } =
    [
        UnknownOrganisation, IssuerMismatch, MissingLaunchToken, SessionExpiredOrUnknown, SessionAlreadyUsed, EpicAuthorizationRefused,
        EpicTokenRefused, EpicUnavailable, MissingCsn, ZoomAuthenticationFailed, ZoomRequestFailed, ZoomRoomNotFound, TenantNotConfigured,
        MissingIdentity, InvalidRequest, MeetingNotReady, LinkInvalidOrExpired, VisitEnded, InviteRevoked,
    ];

    private static AppError L(int number, ErrorCategory category, string message) => new($"EZ-L{number:000}", category, message);
}
