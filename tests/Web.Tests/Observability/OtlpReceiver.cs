using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Web.Tests.Observability;

/// <summary>
/// A stand-in OpenTelemetry collector: OTLP/HTTP on a loopback port, recording every protobuf body posted to
/// /v1/traces and /v1/metrics and answering 200 with an empty Export…ServiceResponse, as a collector does.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication host;

    private OtlpReceiver(WebApplication host) => this.host = host;

    public ConcurrentQueue<byte[]> Traces { get; } = new();

    public ConcurrentQueue<byte[]> Metrics { get; } = new();

    /// <summary>What arrived on another path or with another content type (should stay empty).</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    public string Endpoint => host.Urls.First();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(async context =>
        {
            var signal = context.Request.Path.Value switch
            {
                "/v1/traces" => receiver.Traces,
                "/v1/metrics" => receiver.Metrics,
                _ => null,
            };
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (signal is null || !HttpMethods.IsPost(context.Request.Method) || context.Request.ContentType != "application/x-protobuf")
            {
                receiver.Unexpected.Enqueue($"{context.Request.Method} {context.Request.Path} {context.Request.ContentType}");
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            signal.Enqueue(body.ToArray());
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();
}

/// <summary>
/// Just enough of the protobuf wire format to read OTLP (opentelemetry-proto, common/trace/metrics v1): a message is a
/// list of fields, each a number and a varint, a fixed 32/64-bit value or a length-delimited run of bytes (a string,
/// bytes or an embedded message). No generated types: Google.Protobuf is not among this repository's packages.
/// </summary>
internal readonly record struct ProtoField(int Number, int WireType, ulong Scalar, ReadOnlyMemory<byte> Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    public IReadOnlyList<ProtoField> Message => Proto.Parse(Bytes);

    public string Hex => Convert.ToHexStringLower(Bytes.Span);
}

internal static class Proto
{
    public static IReadOnlyList<ProtoField> Parse(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = Varint(span, ref at);
            int number = (int)(key >> 3), wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add(new ProtoField(number, wireType, Varint(span, ref at), default));
                    break;
                case 1:
                    fields.Add(new ProtoField(number, wireType, BitConverter.ToUInt64(span.Slice(at, 8)), default));
                    at += 8;
                    break;
                case 2:
                    var length = checked((int)Varint(span, ref at));
                    fields.Add(new ProtoField(number, wireType, 0, message.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    fields.Add(new ProtoField(number, wireType, BitConverter.ToUInt32(span.Slice(at, 4)), default));
                    at += 4;
                    break;
                default:
                    throw new FormatException($"Wire type {wireType} (field {number}) at byte {at}: not OTLP protobuf.");
            }
        }
        return fields;
    }

    public static IEnumerable<ProtoField> All(this IReadOnlyList<ProtoField> fields, int number) => fields.Where(f => f.Number == number);

    public static ProtoField? One(this IReadOnlyList<ProtoField> fields, int number) =>
        fields.LastOrDefault(f => f.Number == number) is { Number: > 0 } found ? found : null;

    /// <summary>KeyValue list (key = 1, value = AnyValue: string 1, bool 2, int 3, double 4) as strings.</summary>
    public static Dictionary<string, string> Attributes(this IReadOnlyList<ProtoField> fields, int number)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var kv in fields.All(number).Select(f => f.Message)) attributes[kv.One(1)?.Text ?? ""] = AnyValue(kv.One(2)?.Message ?? []);
        return attributes;
    }

    private static string AnyValue(IReadOnlyList<ProtoField> value) => value.FirstOrDefault() switch
    {
        { Number: 1 } s => s.Text,
        { Number: 2 } b => b.Scalar != 0 ? "true" : "false",
        { Number: 3 } i => ((long)i.Scalar).ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Number: 4 } d => BitConverter.UInt64BitsToDouble(d.Scalar).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };

    private static ulong Varint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("Varint longer than 10 bytes.");
    }
}

/// <summary>A span as OTLP carries it (opentelemetry/proto/trace/v1/trace.proto): Span, Span.Link.</summary>
internal sealed record OtlpSpan(string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<(string TraceId, string SpanId)> Links)
{
    public const int KindInternal = 1, KindServer = 2, KindClient = 3;

    /// <summary>ExportTraceServiceRequest.resource_spans (1) → ResourceSpans.scope_spans (2) → ScopeSpans.scope (1, name 1) and spans (2).</summary>
    public static IEnumerable<OtlpSpan> Read(byte[] body) =>
        from resourceSpans in Proto.Parse(body).All(1)
        from scopeSpans in resourceSpans.Message.All(2)
        let scope = scopeSpans.Message.One(1)?.Message.One(1)?.Text ?? ""
        from span in scopeSpans.Message.All(2)
        let s = span.Message
        select new OtlpSpan(scope, s.One(1)?.Hex ?? "", s.One(2)?.Hex ?? "", s.One(4)?.Hex ?? "", s.One(5)?.Text ?? "", (int)(s.One(6)?.Scalar ?? 0),
            s.Attributes(9), [.. s.All(13).Select(l => (l.Message.One(1)?.Hex ?? "", l.Message.One(2)?.Hex ?? ""))]);
}

/// <summary>
/// A metric's data points as OTLP carries them (opentelemetry/proto/metrics/v1/metrics.proto): Metric name (1) and one
/// of gauge (5), sum (7), histogram (9); each has data_points (1) whose attributes are field 7 (number) or 9 (histogram).
/// </summary>
internal sealed record OtlpMetric(string Name, string Type, IReadOnlyList<IReadOnlyDictionary<string, string>> Points)
{
    public static IEnumerable<OtlpMetric> Read(byte[] body) =>
        from resourceMetrics in Proto.Parse(body).All(1)
        from scopeMetrics in resourceMetrics.Message.All(2)
        from metric in scopeMetrics.Message.All(2)
        let m = metric.Message
        let data = m.FirstOrDefault(f => f.Number is 5 or 7 or 9 or 10 or 11)
        where data.Number > 0
        select new OtlpMetric(m.One(1)?.Text ?? "", data.Number switch { 5 => "gauge", 7 => "sum", 9 => "histogram", _ => "other" },
            [.. data.Message.All(1).Select(p => (IReadOnlyDictionary<string, string>)p.Message.Attributes(data.Number == 9 ? 9 : 7))]);
}
