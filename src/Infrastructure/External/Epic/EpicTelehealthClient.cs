using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Common;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.External.Epic;

/// <summary>
/// GET {telehealth base}/api/epic/2018/Telehealth/ContextLinking/SetExternalConnectionStatus, and POST of device-test
/// results to the tenant's path, with Epic-Client-ID and either a backend-services Bearer token or Basic "emp$"+user.
/// One attempt per call: the outbox owns retries.
/// </summary>
internal sealed class EpicTelehealthClient(HttpClient http, IEpicSmartClient smart) : IEpicTelehealthApi
{
    public const string Path = "/api/epic/2018/Telehealth/ContextLinking/SetExternalConnectionStatus";
    private const int ExcerptLength = 300;

    public Task<TelehealthResponse> SetExternalConnectionStatusAsync(TelehealthConnection connection, ConnectionStatusReport report, CancellationToken cancellationToken)
    {
        var query = string.Join('&', new[]
        {
            ("ConferenceID", report.ConferenceId), ("ExternalID", report.ExternalId), ("ExternalIDType", report.ExternalIdType),
            ("VendorName", report.VendorName), ("ConnectionStatus", report.ConnectionStatus),
        }.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        return SendAuthenticatedAsync(connection,
            () => ExternalRequest.Create(HttpMethod.Get, connection.TelehealthBaseUrl.TrimEnd('/') + Path + "?" + query, "telehealth.status"),
            cancellationToken);
    }

    public Task<TelehealthResponse> SetDeviceTestResultAsync(TelehealthConnection connection, string path, string jsonBody, CancellationToken cancellationToken) =>
        SendAuthenticatedAsync(connection,
            () => ExternalRequest.Create(HttpMethod.Post, connection.TelehealthBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/'), "telehealth.devicetest",
                new StringContent(jsonBody, Encoding.UTF8, "application/json")),
            cancellationToken);

    /// <summary>One call with Epic-Client-ID and the tenant's auth; transport failures and missing auth come back as status 0.</summary>
    private async Task<TelehealthResponse> SendAuthenticatedAsync(TelehealthConnection connection, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!connection.UseBasic && connection.BackendClient is null)
            return new TelehealthResponse(0, TimeSpan.Zero, "No Epic client authentication is configured for backend tokens (set a signing key).");
        try
        {
            using var request = create();
            EpicHttp.AddClientId(request, connection.ClientId);
            request.Headers.Authorization = connection.UseBasic
                ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"emp${connection.BasicUser}:{connection.BasicPassword}")))
                : new AuthenticationHeaderValue("Bearer", await smart.GetBackendTokenAsync(connection.BackendClient!, cancellationToken));

            using var response = await ExternalRequest.SendAsync(http, request, "Epic", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new TelehealthResponse((int)response.StatusCode, Stopwatch.GetElapsedTime(started), Clip(body));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or EpicOAuthException or EpicUnavailableException)
        {
            // Status 0: Epic never answered (or the backend token could not be had). The reason is the excerpt.
            return new TelehealthResponse(0, Stopwatch.GetElapsedTime(started), Clip($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    public async Task<TelehealthResponse> ProbeAsync(TelehealthConnection connection, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = ExternalRequest.Create(HttpMethod.Get, connection.TelehealthBaseUrl.TrimEnd('/') + Path, "telehealth.probe");
            EpicHttp.AddClientId(request, connection.ClientId);
            using var response = await ExternalRequest.SendAsync(http, request, "Epic", cancellationToken);
            return new TelehealthResponse((int)response.StatusCode, Stopwatch.GetElapsedTime(started), Clip(await response.Content.ReadAsStringAsync(cancellationToken)));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or EpicUnavailableException)
        {
            return new TelehealthResponse(0, Stopwatch.GetElapsedTime(started), Clip($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    private static string Clip(string text) => SafeText.Clip(text, ExcerptLength);
}
