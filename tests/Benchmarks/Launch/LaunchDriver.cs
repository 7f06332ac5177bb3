using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace EpicZoom.Benchmarks.Launch;

/// <summary>One launch to drive: which scenario and kind it counts under, and the launch simulator's query.</summary>
internal sealed record LaunchSpec(string Scenario, string Kind, string Csn, string Query);

/// <summary>What the client saw of one launch; the app's own records are joined in later.</summary>
internal sealed record LaunchRun(
    LaunchSpec Spec, string Id, double EndToEndMs, double EpicZoomHopsMs, int Hops, HttpStatusCode FinalStatus, string? FinalLocation, string? Failure)
{
    public long? MeetingId => FinalLocation is not null && LaunchDriver.MeetingPath().Match(FinalLocation) is { Success: true } m
        ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
        : null;
}

/// <summary>
/// Plays the browser as Epic opens an FDI record: the launch simulator's redirect, EpicZoom's launch, Epic's
/// authorize, EpicZoom's callback, stopping at the first response that leaves that chain (Zoom, or the waiting page).
/// </summary>
internal sealed partial class LaunchDriver(HttpClient http)
{
    public async Task<LaunchRun> LaunchAsync(LaunchSpec spec)
    {
        var id = Guid.NewGuid().ToString("N");
        var started = Stopwatch.GetTimestamp();
        var epicZoomTicks = 0L;
        var url = new Uri(http.BaseAddress!, $"/sandbox/epic/launch?{spec.Query}");
        HttpResponseMessage? response = null;
        var hops = 0;
        try
        {
            while (true)
            {
                response?.Dispose();
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add(LaunchObserver.Header, id);
                var hopStarted = Stopwatch.GetTimestamp();
                response = await http.SendAsync(request);
                if (IsEpicZoom(url)) epicZoomTicks += Stopwatch.GetTimestamp() - hopStarted;
                hops++;
                if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null || hops > 6) break;
                var next = new Uri(url, response.Headers.Location);
                if (!IsLaunchChain(next)) break;
                url = next;
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var location = response.Headers.Location?.OriginalString;
            var failure = Reached(response.StatusCode, location) ? null : await DescribeAsync(response);
            return new LaunchRun(spec, id, elapsed, Milliseconds(epicZoomTicks), hops, response.StatusCode, location, failure);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new LaunchRun(spec, id, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Milliseconds(epicZoomTicks), hops, 0, null, ex.GetType().Name);
        }
        finally
        {
            response?.Dispose();
        }
    }

    public async Task<IReadOnlyList<LaunchRun>> AllAtOnceAsync(IEnumerable<LaunchSpec> specs)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var launches = specs.Select(async spec =>
        {
            await start.Task;
            return await LaunchAsync(spec);
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(launches);
    }

    private static bool IsEpicZoom(Uri uri) => uri.AbsolutePath.StartsWith("/epicfhir/", StringComparison.Ordinal);

    private static bool IsLaunchChain(Uri uri) => IsEpicZoom(uri) || uri.AbsolutePath.StartsWith("/sandbox/epic/oauth2/", StringComparison.Ordinal);

    /// <summary>Where a successful launch ends: Zoom's start or join link, or EpicZoom's waiting page for a patient.</summary>
    private static bool Reached(HttpStatusCode status, string? location) =>
        status == HttpStatusCode.Redirect && location is not null
        && (MeetingPath().IsMatch(location) || location.StartsWith("/visit/wait?", StringComparison.Ordinal));

    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var code = ErrorCode().Match(body);
        return $"{(int)response.StatusCode} {(code.Success ? code.Value : response.Headers.Location?.OriginalString ?? "")}".Trim();
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    [GeneratedRegex(@"/sandbox/zoom/(?:s|j)/(\d+)")]
    internal static partial Regex MeetingPath();

    [GeneratedRegex(@"EZ-L\d{3}")]
    private static partial Regex ErrorCode();
}
