using System.Text.Json.Serialization;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Smart;

namespace EpicZoom.Sandbox.Epic;

/// <summary>OAuth and SMART documents use snake_case member names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SmartConfiguration))]
[JsonSerializable(typeof(OAuthErrorBody))]
[JsonSerializable(typeof(JwksDocument))]
internal sealed partial class EpicJsonContext : JsonSerializerContext;
