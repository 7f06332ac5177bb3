namespace EpicZoom.Sandbox.Zoom.Meetings;

// Request and response bodies of the meeting endpoints, in Zoom's snake_case.

internal sealed record MeetingSettingsBody(
    bool? HostVideo = null,
    bool? ParticipantVideo = null,
    bool? JoinBeforeHost = null,
    int? JbhTime = null,
    bool? WaitingRoom = null,
    bool? MuteUponEntry = null,
    int? ApprovalType = null,
    string? AutoRecording = null,
    string? AlternativeHosts = null,
    bool? MeetingAuthentication = null);

/// <summary>POST /users/{userId}/meetings and PATCH /meetings/{id}; on PATCH, absent members stay as they were.</summary>
internal sealed record MeetingRequest(
    string? Topic = null,
    int? Type = null,
    string? StartTime = null,
    int? Duration = null,
    string? Timezone = null,
    string? Password = null,
    string? Agenda = null,
    MeetingSettingsBody? Settings = null);

internal sealed record MeetingStatusRequest(string? Action);

internal sealed record MeetingResponse(
    long Id,
    string Uuid,
    string HostId,
    string HostEmail,
    string Topic,
    int Type,
    string Status,
    string StartTime,
    int Duration,
    string Timezone,
    string Agenda,
    string CreatedAt,
    string StartUrl,
    string JoinUrl,
    string Password,
    string H323Password,
    string PstnPassword,
    string EncryptedPassword,
    MeetingSettingsBody Settings,
    bool PreSchedule);
