using System.Collections.Concurrent;
using EpicZoom.Application.Common.Interfaces.External;

namespace EpicZoom.Application.Tests.Support;

/// <summary>
/// Epic's telehealth endpoint as the dispatcher sees it: logs every report in arrival order, counts calls in flight
/// (and the most ever at once), answers what <see cref="Answer"/> says, and can hold every call until the test opens
/// <see cref="Gate"/>, so a test sees what the dispatcher started before anything finished.
/// </summary>
internal sealed class FakeEpic : IEpicTelehealthApi
{
    private int inFlight;
    private int maxInFlight;

    public ConcurrentQueue<ConnectionStatusReport> Received { get; } = new();

    /// <summary>The status Epic answers (200 unless set); 0 plays a call that never got an answer.</summary>
    public volatile int Answer = 200;

    /// <summary>Completed: calls answer at once. Replace with an open one to hold calls.</summary>
    public TaskCompletionSource Gate { get; set; } = Opened();

    public int InFlight => Volatile.Read(ref inFlight);

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public int Calls => Received.Count;

    public static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public static TaskCompletionSource Closed() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<TelehealthResponse> SetExternalConnectionStatusAsync(TelehealthConnection connection, ConnectionStatusReport report, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        for (var seen = MaxInFlight; now > seen; seen = MaxInFlight) Interlocked.CompareExchange(ref maxInFlight, now, seen);
        try
        {
            Received.Enqueue(report);
            await Gate.Task.WaitAsync(cancellationToken);
            var status = Answer;
            return new TelehealthResponse(status, TimeSpan.FromMilliseconds(1), status == 200 ? "" : $"fake Epic answered {status}");
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    public Task<TelehealthResponse> SetDeviceTestResultAsync(TelehealthConnection connection, string path, string jsonBody, CancellationToken cancellationToken) =>
        Task.FromResult(new TelehealthResponse(200, TimeSpan.Zero, ""));

    public Task<TelehealthResponse> ProbeAsync(TelehealthConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult(new TelehealthResponse(200, TimeSpan.Zero, ""));
}
