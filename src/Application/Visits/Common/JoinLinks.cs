namespace EpicZoom.Application.Visits.Common;

/// <summary>
/// A personal join link: the meeting's join_url plus the joiner's ZAK, so Zoom admits them as the user EpicZoom made
/// for them and every participant webhook names that user (that is how webhooks map back to Epic people).
/// </summary>
public static class JoinLinks
{
    public static string Personal(string joinUrl, string zak) =>
        joinUrl + (joinUrl.Contains('?') ? "&" : "?") + "zak=" + Uri.EscapeDataString(zak);
}
