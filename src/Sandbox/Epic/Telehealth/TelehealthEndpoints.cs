using System.Net.Http.Headers;
using System.Text.Json;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Smart;
using EpicZoom.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Sandbox.Epic.Telehealth;

internal enum TelehealthCall
{
    ConnectionStatus,
    DeviceTest,
}

/// <summary>Marks the endpoints whose calls are recorded.</summary>
internal sealed record RecordedTelehealthCall(TelehealthCall Call);

/// <summary>
/// The "green light" call-back and the device-test result call. The device-test path is the
/// sandbox's own: Epic's name for that API is not public.
/// </summary>
internal static class TelehealthEndpoints
{
    public const string ConnectionStatusPath = "/api/epic/2018/Telehealth/ContextLinking/SetExternalConnectionStatus";
    public const string DeviceTestPath = "/api/epic/2020/Telehealth/DeviceTest/SetDeviceTestResult";

    private static readonly string[] StatusParameters = ["ConferenceID", "ExternalID", "ExternalIDType", "VendorName", "ConnectionStatus"];

    public static void MapTelehealthEndpoints(this IEndpointRouteBuilder simulated)
    {
        simulated.MapGet(ConnectionStatusPath, SetConnectionStatus).WithFaultName("telehealth").WithMetadata(new RecordedTelehealthCall(TelehealthCall.ConnectionStatus));
        simulated.MapPost(DeviceTestPath, SetDeviceTestResult).WithFaultName("telehealth").WithMetadata(new RecordedTelehealthCall(TelehealthCall.DeviceTest));
    }

    /// <summary>
    /// Records every telehealth call with the status it was answered, including calls refused
    /// by authentication or by an injected fault; so it must run outside the fault filter.
    /// </summary>
    public static async ValueTask<object?> RecordCall(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<RecordedTelehealthCall>()?.Call is not { } call)
        {
            return await next(context);
        }

        var body = call == TelehealthCall.DeviceTest ? await ReadBufferedBodyAsync(http.Request) : null;
        var result = await next(context);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var services = http.RequestServices;
        var log = services.GetRequiredService<TelehealthReportLog>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var clientId = http.Request.Headers[TelehealthAuthenticator.ClientIdHeader].ToString() is { Length: > 0 } id ? id : null;
        var scheme = AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var auth) ? auth.Scheme : null;
        if (call == TelehealthCall.DeviceTest)
        {
            log.Add(new DeviceTestReport(now, clientId, scheme, ParseJson(body), status));
        }
        else
        {
            var q = http.Request.Query;
            log.Add(new StatusReport(now, clientId, scheme, Value(q["ConferenceID"]), Value(q["ExternalID"]), Value(q["ExternalIDType"]),
                Value(q["ConnectionStatus"]), Value(q["VendorName"]), status));
        }

        return result;
    }

    private static IResult SetConnectionStatus(HttpContext http, SandboxUrls urls, TelehealthAuthenticator authenticator)
    {
        if (authenticator.Check(http, urls) is { } refused)
        {
            return refused;
        }

        var query = http.Request.Query;
        var missing = StatusParameters.Where(name => string.IsNullOrWhiteSpace(query[name])).ToList();
        if (missing.Count > 0)
        {
            return OAuthError.InvalidRequest("Missing query parameters: " + string.Join(", ", missing) + ".");
        }

        // The code lists are not public, but public samples show both as numbers.
        return int.TryParse(query["ConnectionStatus"], out _) && int.TryParse(query["ExternalIDType"], out _)
            ? Results.Ok()
            : OAuthError.InvalidRequest("ConnectionStatus and ExternalIDType must be numeric codes.");
    }

    private static async Task<IResult> SetDeviceTestResult(HttpContext http, SandboxUrls urls, TelehealthAuthenticator authenticator)
    {
        if (authenticator.Check(http, urls) is { } refused)
        {
            return refused;
        }

        var body = await ReadBufferedBodyAsync(http.Request);
        return ParseJson(body) is { ValueKind: JsonValueKind.Object }
            ? Results.Ok()
            : OAuthError.InvalidRequest("The body must be a JSON object.");
    }

    private static async Task<string> ReadBufferedBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return text;
    }

    private static JsonElement? ParseJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Value(Microsoft.Extensions.Primitives.StringValues values) => values.Count > 0 ? values.ToString() : null;
}
