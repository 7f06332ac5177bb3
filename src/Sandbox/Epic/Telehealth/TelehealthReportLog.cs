using System.Text.Json;
using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Epic.Telehealth;

/// <summary>One SetExternalConnectionStatus call as received, with the status code it was answered.</summary>
internal sealed record StatusReport(
    DateTimeOffset Time,
    string? ClientId,
    string? AuthScheme,
    string? ConferenceId,
    string? ExternalId,
    string? ExternalIdType,
    string? ConnectionStatus,
    string? VendorName,
    int StatusCode);

/// <summary>One device-test result call; <see cref="Body"/> is null when it was not JSON.</summary>
internal sealed record DeviceTestReport(DateTimeOffset Time, string? ClientId, string? AuthScheme, JsonElement? Body, int StatusCode);

/// <summary>Every telehealth call, accepted or not, so tests and the schedule page see what Epic saw.</summary>
internal sealed class TelehealthReportLog(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedLog<StatusReport> statusReports = new(options.Value.MaxStoredItems);
    private readonly BoundedLog<DeviceTestReport> deviceTestReports = new(options.Value.MaxStoredItems);

    public Simulator Simulator => Simulator.Epic;

    public void Add(StatusReport report) => statusReports.Add(report);

    public void Add(DeviceTestReport report) => deviceTestReports.Add(report);

    public IReadOnlyList<StatusReport> StatusReports(string? csn = null) =>
        statusReports.Snapshot().Where(r => csn is null || r.ConferenceId == csn).ToList();

    public IReadOnlyList<DeviceTestReport> DeviceTestReports() => deviceTestReports.Snapshot();

    public void Reset()
    {
        statusReports.Clear();
        deviceTestReports.Clear();
    }
}
