using System.Text.Json.Serialization;
using EpicZoom.Sandbox.Sms.Messages;

namespace EpicZoom.Sandbox.Sms;

/// <summary>
/// Twilio speaks snake_case and writes absent values as null (error_code, price, date_sent),
/// so nulls are kept.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TwilioErrorBody))]
[JsonSerializable(typeof(SmsMessageResource))]
[JsonSerializable(typeof(SmsAccountResource))]
internal sealed partial class SmsJsonContext : JsonSerializerContext;
