using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Common;
using EpicZoom.Infrastructure.External.Http;
using Refit;

namespace EpicZoom.Infrastructure.External.Epic;

/// <summary>
/// <see cref="IEpicTelehealthApi"/> over the Refit <see cref="ITelehealthApi"/>: SetExternalConnectionStatus, and POST of
/// device-test results to the tenant's path, with Epic-Client-ID and either a backend-services Bearer token or Basic
/// "emp$"+user. One attempt per call: the outbox owns retries.
/// </summary>
internal sealed class EpicTelehealthClient(ITelehealthApi api, IEpicSmartClient smart) : IEpicTelehealthApi
{
    private const int ExcerptLength = 300;

    public Task<TelehealthResponse> SetExternalConnectionStatusAsync(TelehealthConnection connection, ConnectionStatusReport report, CancellationToken cancellationToken) =>
        SendAuthenticatedAsync(connection, (clientId, authorization) => api.SetExternalConnectionStatusAsync(
                new ExternalCall(connection.TelehealthBaseUrl, "telehealth.status"), clientId, authorization,
                report.ConferenceId, report.ExternalId, report.ExternalIdType, report.VendorName, report.ConnectionStatus, cancellationToken),
            cancellationToken);

    public Task<TelehealthResponse> SetDeviceTestResultAsync(TelehealthConnection connection, string path, string jsonBody, CancellationToken cancellationToken)
    {
        JsonElement result;
        try
        {
            result = JsonSerializer.Deserialize(jsonBody, EpicJsonContext.Default.JsonElement);
        }
        catch (JsonException)
        {
            return Task.FromResult(new TelehealthResponse(0, TimeSpan.Zero, "The stored device-test result is not JSON."));
        }

        var endpoint = connection.TelehealthBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
        return SendAuthenticatedAsync(connection, (clientId, authorization) => api.SetDeviceTestResultAsync(
                new ExternalCall(endpoint, "telehealth.devicetest"), clientId, authorization, result, cancellationToken),
            cancellationToken);
    }

    public async Task<TelehealthResponse> ProbeAsync(TelehealthConnection connection, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await SendAsync(
                () => api.ProbeAsync(new ExternalCall(connection.TelehealthBaseUrl, "telehealth.probe"), EpicHttp.ClientIdHeaderValue(connection.ClientId), cancellationToken));
            return new TelehealthResponse((int)response.StatusCode, Stopwatch.GetElapsedTime(started), Clip(await response.Content.ReadAsStringAsync(cancellationToken)));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or EpicUnavailableException)
        {
            return new TelehealthResponse(0, Stopwatch.GetElapsedTime(started), Clip($"{ex.GetType().Name}: {ex.Message}"))
            {
                Failure = ConnectionFailureClassifier.ClassifyChain(ex),
            };
        }
    }

    /// <summary>One call with Epic-Client-ID and the tenant's auth; transport failures and missing auth come back as status 0.</summary>
    private async Task<TelehealthResponse> SendAuthenticatedAsync(
        TelehealthConnection connection, Func<string, string, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!connection.UseBasic && connection.BackendClient is null)
            return new TelehealthResponse(0, TimeSpan.Zero, "No Epic client authentication is configured for backend tokens (set a signing key).");
        try
        {
            var clientId = EpicHttp.ClientIdHeaderValue(connection.ClientId);
            var authorization = connection.UseBasic
                ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"emp${connection.BasicUser}:{connection.BasicPassword}"))
                : "Bearer " + await smart.GetBackendTokenAsync(connection.BackendClient!, cancellationToken);

            using var response = await SendAsync(() => send(clientId, authorization));
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new TelehealthResponse((int)response.StatusCode, Stopwatch.GetElapsedTime(started), Clip(body));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or EpicOAuthException or EpicUnavailableException)
        {
            // Status 0: Epic never answered (or the backend token could not be had). The reason is the excerpt.
            return new TelehealthResponse(0, Stopwatch.GetElapsedTime(started), Clip($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>A raw-response Refit method may hand a transport failure back wrapped; the outbox records what really happened.</summary>
    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (ApiRequestException ex) when (ex.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    private static string Clip(string text) => SafeText.Clip(text, ExcerptLength);
}
