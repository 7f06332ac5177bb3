using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EpicZoom.Sandbox.Email;
using EpicZoom.Sandbox.Epic.Telehealth;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Sms;
using EpicZoom.Sandbox.Sms.Replies;
using EpicZoom.Sandbox.Sms.Webhooks;
using EpicZoom.Sandbox.Zoom;
using EpicZoom.Sandbox.Zoom.Meetings;
using EpicZoom.Sandbox.Zoom.Webhooks;
using Microsoft.AspNetCore.Http;

namespace EpicZoom.Sandbox.Common;

internal sealed record SandboxJsonError(string Error);

/// <summary>The sandbox's own JSON APIs (the "_test" endpoints and the join pages' calls) speak camelCase.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SandboxJsonError))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(IReadOnlyList<FaultRule>))]
[JsonSerializable(typeof(SandboxEpicClient))]
[JsonSerializable(typeof(SandboxZoomAccount))]
[JsonSerializable(typeof(IReadOnlyList<StatusReport>))]
[JsonSerializable(typeof(IReadOnlyList<DeviceTestReport>))]
[JsonSerializable(typeof(ZoomLockSettings))]
[JsonSerializable(typeof(TestJoinRequest))]
[JsonSerializable(typeof(TestEventRequest))]
[JsonSerializable(typeof(TestParticipantRequest))]
[JsonSerializable(typeof(JoinResult))]
[JsonSerializable(typeof(IReadOnlyList<TestMeetingView>))]
[JsonSerializable(typeof(SeatStatus))]
[JsonSerializable(typeof(IReadOnlyList<WebhookDelivery>))]
[JsonSerializable(typeof(SandboxSmsAccount))]
[JsonSerializable(typeof(TestSmtpServerView))]
[JsonSerializable(typeof(IReadOnlyList<TestEmailView>))]
[JsonSerializable(typeof(IReadOnlyList<SandboxEmailRefusal>))]
[JsonSerializable(typeof(IReadOnlyList<TestSmsMessageView>))]
[JsonSerializable(typeof(TestSmsReplyRequest))]
[JsonSerializable(typeof(TestSmsReplyResult))]
[JsonSerializable(typeof(IReadOnlyList<SmsReply>))]
[JsonSerializable(typeof(IReadOnlyList<SmsCallback>))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;

internal static class SandboxJson
{
    public static IResult Result<T>(T value, JsonTypeInfo<T> type, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, type, statusCode: statusCode);

    public static IResult BadRequest(string message) => Error(message, StatusCodes.Status400BadRequest);

    public static IResult Error(string message, int statusCode) =>
        Results.Json(new SandboxJsonError(message), SandboxJsonContext.Default.SandboxJsonError, statusCode: statusCode);
}
