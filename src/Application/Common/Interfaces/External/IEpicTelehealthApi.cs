namespace EpicZoom.Application.Common.Interfaces.External;

/// <summary>How a tenant's telehealth endpoint wants to be called (shared/spec/epic.md §3); secrets decrypted for this call only.</summary>
public sealed record TelehealthConnection(
    string TelehealthBaseUrl, string ClientId, bool UseBasic, string? BasicUser, string? BasicPassword, EpicClient? BackendClient)
{
    public override string ToString() => $"TelehealthConnection {{ ClientId = {ClientId}, Basic = {UseBasic} }}";
}

public sealed record ConnectionStatusReport(string ConferenceId, string ExternalId, string ExternalIdType, string VendorName, string ConnectionStatus);

/// <summary>What Epic answered: its HTTP status (the "RespCode" admins search by), how long it took, and the start of its body.</summary>
public sealed record TelehealthResponse(int StatusCode, TimeSpan Duration, string Excerpt)
{
    public bool Accepted => StatusCode == 200;

    /// <summary>Why Epic never answered (status 0), when the transport failure is known.</summary>
    public ConnectionFailure? Failure { get; init; }
}

public interface IEpicTelehealthApi
{
    /// <summary>
    /// One attempt, no retries (the caller's outbox retries and records each attempt). Transport failures and time-outs
    /// come back as a response with status 0 and the reason in <see cref="TelehealthResponse.Excerpt"/>, never as exceptions.
    /// </summary>
    Task<TelehealthResponse> SetExternalConnectionStatusAsync(TelehealthConnection connection, ConnectionStatusReport report, CancellationToken cancellationToken);

    /// <summary>
    /// POSTs a device-test result (a JSON object) to {telehealth base}/{path}; Epic's API name is not public, so the path
    /// is the tenant's. One attempt, failures as status 0, like <see cref="SetExternalConnectionStatusAsync"/>.
    /// </summary>
    Task<TelehealthResponse> SetDeviceTestResultAsync(TelehealthConnection connection, string path, string jsonBody, CancellationToken cancellationToken);

    /// <summary>Calls the status endpoint without a report (no light changes): any HTTP answer but 404 means the base URL is right.</summary>
    Task<TelehealthResponse> ProbeAsync(TelehealthConnection connection, CancellationToken cancellationToken);
}
