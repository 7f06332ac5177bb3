using EpicZoom.Application.Common.Exceptions;
using System.Diagnostics;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Launch.Common;

/// <summary>
/// Records every launch step's outcome and duration (no names; the CSN only in the database, never in logs). A failed
/// step's record is written on its own after the step's unsaved changes are dropped, so it always lands. A step whose
/// last write is also its end may put its success record into that write (<see cref="RecordSuccessWithNextSave"/>):
/// one commit instead of two.
/// </summary>
public sealed class LaunchAudit(IAppDbContext db, TimeProvider clock, EpicZoomMetrics metrics, ILogger<LaunchAudit> logger)
{
    public async Task<T> RunAsync<T>(string step, TenantId? tenantId, LaunchType? type, Func<LaunchProgress, Task<T>> body, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // The Epic and Zoom calls of the step are its children (HTTP client spans).
        using var activity = EpicZoomTelemetry.Source.StartActivity("launch " + step);
        var upstream = UpstreamUsage.Begin();
        var progress = new LaunchProgress { TenantId = tenantId, Type = type, Step = step, Started = started, Upstream = upstream };
        string outcome = "OK";
        string? detail = null;
        try
        {
            return await body(progress);
        }
        catch (AppException ex)
        {
            outcome = ex.Code;
            detail = ex.Detail;
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (Exception)
        {
            outcome = "EZ-L000";
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.LaunchStep(step, progress.Type?.ToString(), outcome, elapsed);
            if (activity is not null)
            {
                activity.SetTag(EpicZoomTelemetry.TenantTag, progress.TenantId?.Value.ToString());
                activity.SetTag(EpicZoomTelemetry.LaunchTypeTag, progress.Type?.ToString());
                activity.SetTag(EpicZoomTelemetry.OutcomeTag, outcome);
                if (outcome != "OK") activity.SetStatus(ActivityStatusCode.Error, outcome);
            }
            logger.LogInformation("Launch {Step} {Type} tenant {TenantId}: {Outcome} in {ElapsedMs:0} ms ({UpstreamMs:0} ms in {UpstreamCalls} upstream calls)",
                step, progress.Type, progress.TenantId, outcome, elapsed.TotalMilliseconds, upstream.Elapsed.TotalMilliseconds, upstream.CallCount);
            try
            {
                if (outcome == "OK" && progress.StagedRecord is not null)
                {
                    // Normally saved already with the step's last write; then this finds nothing to write.
                    await db.SaveChangesAsync(CancellationToken.None);
                }
                else
                {
                    await RecordAsync(step, outcome, detail, progress, elapsed, upstream);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Launch record not saved: {ExceptionType}", ex.GetType().Name);
            }
        }
    }

    private async Task RecordAsync(string step, string outcome, string? detail, LaunchProgress progress, TimeSpan elapsed, UpstreamUsage upstream)
    {
        if (progress.StagedRecord is not null)
            logger.LogWarning("Launch {Step} failed after its success record was staged; the failure is recorded too", step);
        db.DiscardChanges();
        db.LaunchRecords.Add(LaunchRecord.Of(progress.TenantId, progress.Type, progress.Csn, $"{step}:{outcome}", elapsed,
            upstream.Elapsed, upstream.Summary(), clock.GetUtcNow().UtcDateTime, detail, progress.Notes));
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// Call right before the step's last save, when nothing after it can fail: the success record (its duration and
    /// upstream time as of now) goes into that save. Should the save fail, the record is dropped with the step's other
    /// changes and the failure is recorded instead.
    /// </summary>
    public void RecordSuccessWithNextSave(LaunchProgress progress)
    {
        if (progress.StagedRecord is not null) return;
        var record = LaunchRecord.Of(progress.TenantId, progress.Type, progress.Csn, $"{progress.Step}:OK", Stopwatch.GetElapsedTime(progress.Started),
            progress.Upstream!.Elapsed, progress.Upstream.Summary(), clock.GetUtcNow().UtcDateTime, null, progress.Notes);
        db.LaunchRecords.Add(record);
        progress.StagedRecord = record;
    }
}

/// <summary>What a launch step has learned so far, for its audit record.</summary>
public sealed class LaunchProgress
{
    public TenantId? TenantId { get; set; }
    public LaunchType? Type { get; set; }
    public string? Csn { get; set; }

    internal string Step { get; init; } = "";
    internal long Started { get; init; }
    internal UpstreamUsage? Upstream { get; init; }

    /// <summary>The success record added to the step's last save (<see cref="LaunchAudit.RecordSuccessWithNextSave"/>).</summary>
    internal LaunchRecord? StagedRecord { get; set; }

    /// <summary>What the launch went on without (a read skipped or refused), for the record and support; never PHI.</summary>
    public List<string> Notes { get; } = [];
}
