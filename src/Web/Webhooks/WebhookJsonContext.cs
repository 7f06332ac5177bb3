using System.Text.Json;
using System.Text.Json.Serialization;
using EpicZoom.Application.Webhooks.ReceiveZoomWebhook;

namespace EpicZoom.Web.Webhooks;

/// <summary>The webhook answer, written without reflection: the ingest path is the hot one.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UrlValidationAnswer))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
