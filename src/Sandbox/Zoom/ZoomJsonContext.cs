using System.Text.Json.Serialization;
using EpicZoom.Sandbox.Zoom.Accounts;
using EpicZoom.Sandbox.Zoom.Meetings;
using EpicZoom.Sandbox.Zoom.OAuth;
using EpicZoom.Sandbox.Zoom.Rooms;
using EpicZoom.Sandbox.Zoom.Users;
using EpicZoom.Sandbox.Zoom.Webhooks;

namespace EpicZoom.Sandbox.Zoom;

/// <summary>
/// Zoom speaks snake_case. Numbers may arrive as strings (meeting ids often do), so reading
/// accepts both.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ZoomErrorBody))]
[JsonSerializable(typeof(ZoomTokenResponse))]
[JsonSerializable(typeof(ZoomOAuthError))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(CreatedUserResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(ZakResponse))]
[JsonSerializable(typeof(MeetingRequest))]
[JsonSerializable(typeof(MeetingStatusRequest))]
[JsonSerializable(typeof(MeetingResponse))]
[JsonSerializable(typeof(AccountSettings))]
[JsonSerializable(typeof(RoomsResponse))]
[JsonSerializable(typeof(RoomEventRequest))]
[JsonSerializable(typeof(WebhookEnvelope))]
[JsonSerializable(typeof(UrlValidationEnvelope))]
[JsonSerializable(typeof(UrlValidationAnswer))]
internal sealed partial class ZoomJsonContext : JsonSerializerContext;
