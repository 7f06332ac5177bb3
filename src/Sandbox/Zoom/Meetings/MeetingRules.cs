using System.Text.RegularExpressions;
using EpicZoom.Sandbox.Common;

namespace EpicZoom.Sandbox.Zoom.Meetings;

/// <summary>
/// How Zoom turns a meeting request into the meeting it schedules: validation, account defaults,
/// then locked account settings, which silently win over what was asked.
/// </summary>
internal static partial class MeetingRules
{
    private static readonly int[] MeetingTypes = [1, 2, 3, 8];
    private static readonly int[] JbhTimes = [0, 5, 10];
    private static readonly string[] Recordings = ["none", "local", "cloud"];

    /// <summary>The field that is invalid, or null.</summary>
    public static string? InvalidField(MeetingRequest request) => request switch
    {
        { Type: { } type } when !MeetingTypes.Contains(type) => "type",
        { StartTime: { } start } when !ZoomTime.TryParse(start, out _) => "start_time",
        { Duration: < 0 } => "duration",
        { Topic.Length: > 200 } => "topic",
        { Settings.JbhTime: { } jbh } when !JbhTimes.Contains(jbh) => "settings.jbh_time",
        { Settings.AutoRecording: { } recording } when !Recordings.Contains(recording) => "settings.auto_recording",
        _ => null,
    };

    /// <summary>Zoom passcodes: at most 10 of [A-Za-z0-9@-_*].</summary>
    public static bool IsValidPassword(string password) => PasswordPattern().IsMatch(password);

    public static MeetingDetails Create(MeetingRequest request, ZoomLockSettings locks, DateTimeOffset now)
    {
        var password = request.Password ?? RandomIds.Digits(6);
        return new MeetingDetails(
            request.Topic ?? "Zoom meeting",
            request.Type ?? 2,
            ZoomTime.TryParse(request.StartTime, out var start) ? start : now,
            request.Duration ?? 60,
            request.Timezone ?? "UTC",
            request.Agenda ?? "",
            password,
            Encrypt(password),
            Pstn(password),
            Apply(request.Settings, Defaults(locks), locks));
    }

    public static MeetingDetails Update(MeetingDetails current, MeetingRequest request, ZoomLockSettings locks)
    {
        var passwordChanged = request.Password is not null && request.Password != current.Password;
        var password = request.Password ?? current.Password;
        return current with
        {
            Topic = request.Topic ?? current.Topic,
            Type = request.Type ?? current.Type,
            StartTime = ZoomTime.TryParse(request.StartTime, out var start) ? start : current.StartTime,
            Duration = request.Duration ?? current.Duration,
            Timezone = request.Timezone ?? current.Timezone,
            Agenda = request.Agenda ?? current.Agenda,
            Password = password,
            EncryptedPassword = passwordChanged ? Encrypt(password) : current.EncryptedPassword,
            PstnPassword = passwordChanged ? Pstn(password) : current.PstnPassword,
            Settings = Apply(request.Settings, current.Settings, locks),
        };
    }

    public static MeetingSettingsBody ToBody(MeetingSettings s) => new(
        s.HostVideo, s.ParticipantVideo, s.JoinBeforeHost, s.JbhTime, s.WaitingRoom, s.MuteUponEntry,
        s.ApprovalType, s.AutoRecording, s.AlternativeHosts, s.MeetingAuthentication);

    /// <summary>The account's own defaults, as GET /accounts/me/settings reports them.</summary>
    public static MeetingSettings Defaults(ZoomLockSettings locks) =>
        new(false, false, false, 0, locks.AccountWaitingRoom, false, 2, "none", "", false);

    private static MeetingSettings Apply(MeetingSettingsBody? asked, MeetingSettings basis, ZoomLockSettings locks)
    {
        var account = Defaults(locks);
        var settings = new MeetingSettings(
            asked?.HostVideo ?? basis.HostVideo,
            asked?.ParticipantVideo ?? basis.ParticipantVideo,
            locks.JoinBeforeHostLocked ? account.JoinBeforeHost : asked?.JoinBeforeHost ?? basis.JoinBeforeHost,
            asked?.JbhTime ?? basis.JbhTime,
            locks.WaitingRoomLocked ? account.WaitingRoom : asked?.WaitingRoom ?? basis.WaitingRoom,
            asked?.MuteUponEntry ?? basis.MuteUponEntry,
            asked?.ApprovalType ?? basis.ApprovalType,
            asked?.AutoRecording ?? basis.AutoRecording,
            asked?.AlternativeHosts ?? basis.AlternativeHosts,
            asked?.MeetingAuthentication ?? basis.MeetingAuthentication);

        // A waiting room means nobody gets in before the host, whatever join_before_host says.
        return settings.WaitingRoom ? settings with { JoinBeforeHost = false } : settings;
    }

    private static string Encrypt(string password) => password.Length == 0 ? "" : RandomIds.Alphanumeric(32);

    private static string Pstn(string password) => password.Length == 0 ? "" : RandomIds.Digits(6);

    [GeneratedRegex("^[A-Za-z0-9@_*-]{1,10}$")]
    private static partial Regex PasswordPattern();
}
