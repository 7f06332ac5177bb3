using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Reports.GetUsageReport;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Application.Tests.Reports;

/// <summary>The usage report over a real SQLite database: what counts as a visit, a duration, a patient wait, a no-show and a launch.</summary>
public sealed class GetUsageReportTests : IDisposable
{
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly DateOnly Today = new(2026, 11, 23); // TestApp's clock: 2026-11-23T08:30Z
    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Report_CountsVisitsDurationsWaitsNoShowsAndLaunches_PerUtcDay_ForOneTenant()
    {
        var acme = await TenantAsync();
        var other = await TenantAsync("Other Health");
        // Patient in at 09:05, host starts at 09:10, admits the patient at 09:12, meeting ends 09:40.
        var seen = Visit(acme, "CSN-1", At(Friday, 9, 0), hostJoined: At(Friday, 9, 10), patientLaunched: At(Friday, 9, 5),
            patientJoined: At(Friday, 9, 12), ended: At(Friday, 9, 40));
        var noShow = Visit(acme, "CSN-2", At(Friday, 10, 0), hostJoined: At(Friday, 10, 0), ended: At(Friday, 10, 20));
        var noMeeting = VideoVisit.Open(acme, "CSN-3", At(Friday, 11, 0));
        var stillOpen = Visit(acme, "CSN-4", At(Today, 8, 0), hostJoined: At(Today, 8, 1));
        var othersVisit = Visit(other, "CSN-5", At(Friday, 9, 0), hostJoined: At(Friday, 9, 1), ended: At(Friday, 9, 2));
        Store([seen, noShow, noMeeting, stillOpen, othersVisit],
        [
            Launch(acme, LaunchType.Provider, "begin:OK", At(Friday, 9, 9)),
            Launch(acme, LaunchType.Provider, "callback:OK", At(Friday, 9, 10)),
            Launch(acme, LaunchType.Patient, "begin:OK", At(Friday, 9, 4)),
            Launch(acme, LaunchType.Patient, "callback:EZ-L012", At(Friday, 9, 5)),
            Launch(other, LaunchType.Nurse, "callback:OK", At(Friday, 9, 0)),
        ]);

        var report = await app.Send(new GetUsageReportQuery(acme.Value, Friday, Today));

        Assert.Equal([Friday, Friday.AddDays(1), Friday.AddDays(2), Today], report.Days.Select(d => d.Day));
        var friday = report.Days[0];
        Assert.Equal((2, 1, 2, 20.0, 1, 7.0, 1, 1), (friday.Visits, friday.NoShows, friday.TimedVisits, friday.MedianVisitMinutes,
            friday.PatientWaits, friday.MedianPatientWaitMinutes, friday.LaunchesCompleted, friday.LaunchesFailed));
        // The visit of today has not ended and is less than a day old: not a no-show yet.
        Assert.Equal((1, 0), (report.Days[3].Visits, report.Days[3].NoShows));
        Assert.Equal((3, 1), (report.Visits, report.NoShows));
        Assert.Equal((2, 20.0, 30.0), (report.VisitDuration.Count, report.VisitDuration.MedianMinutes, report.VisitDuration.P90Minutes));
        Assert.Equal([0, 0, 1, 1, 0], report.VisitDuration.Buckets.Select(b => b.Count));
        Assert.Equal([0, 0, 1, 0, 0], report.PatientWait.Buckets.Select(b => b.Count));
        Assert.Equal(
            [("Provider", 1, 0), ("Nurse", 0, 0), ("Patient", 0, 1), ("ZoomRoom", 0, 0), ("DeviceTest", 0, 0)],
            report.LaunchesByType.Select(l => (l.Type, l.Completed, l.Failed)));
        Assert.False(report.Truncated);
    }

    [Fact]
    public async Task Report_OfAllTenants_IncludesLaunchesThatFailedBeforeTheirTenantWasKnown()
    {
        var acme = await TenantAsync();
        Store([Visit(acme, "CSN-1", At(Friday, 9, 0))],
        [
            Launch(acme, LaunchType.Provider, "callback:OK", At(Friday, 9, 10)),
            LaunchRecord.Of(null, null, null, "begin:EZ-L001", TimeSpan.FromMilliseconds(3), TimeSpan.Zero, "", At(Friday, 9, 11)),
        ]);

        var report = await app.Send(new GetUsageReportQuery(null, Friday, Friday));

        Assert.Equal(("unknown", 0, 1), report.LaunchesByType.Select(l => (l.Type, l.Completed, l.Failed)).Last());
        Assert.Equal((1, 1, 1), (report.Visits, report.Days.Single().LaunchesCompleted, report.Days.Single().LaunchesFailed));
        // Opened three days ago and never joined by the patient: a no-show.
        Assert.Equal(1, report.NoShows);
    }

    [Fact]
    public async Task Report_WithoutDates_CoversTheLast30UtcDaysUpToToday()
    {
        var report = await app.Send(new GetUsageReportQuery());

        Assert.Equal((Today.AddDays(-29), Today, 30), (report.From, report.To, report.Days.Count));
        Assert.Null(report.VisitDuration.MedianMinutes);
    }

    [Theory]
    [InlineData("2026-01-01", "2027-01-02", "at most 366 days")]
    [InlineData("2026-11-23", "2026-11-22", "before its start")]
    [InlineData("1999-12-31", "2026-11-22", "between 2000-01-01")]
    public async Task Report_RefusesABadRange_WithAMessageOnTheField(string from, string to, string message)
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.Send(new GetUsageReportQuery(null, DateOnly.Parse(from), DateOnly.Parse(to))));

        Assert.Contains(ex.Errors.SelectMany(e => e.Value), m => m.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_Of366Days_IsAllowed()
    {
        var report = await app.Send(new GetUsageReportQuery(null, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));

        Assert.Equal(366, report.Days.Count);
    }

    private async Task<TenantId> TenantAsync(string? name = null) =>
        new((await app.CreateTenant(name is null ? null : Inputs.Valid(name.ToLowerInvariant().Replace(' ', '-'), name))).Id);

    private static DateTime At(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    private static VideoVisit Visit(TenantId tenant, string csn, DateTime created, DateTime? hostJoined = null, DateTime? patientLaunched = null,
        DateTime? patientJoined = null, DateTime? ended = null)
    {
        var visit = VideoVisit.Open(tenant, csn, created);
        visit.AttachMeeting(Random.Shared.NextInt64(80_000_000_000, 89_999_999_999), "uuid==", "zoom-host", "E-PROV", "enc:join", null, null, created);
        var host = visit.Enlist("E-PROV", ParticipantRole.Provider, "zoom-host", isHost: true, created);
        if (hostJoined is { } h) visit.RecordSession(host.Id, "host-uuid", h, null);
        if (patientLaunched is { } launched)
        {
            var patient = visit.Enlist("Z-PAT", ParticipantRole.Patient, null, isHost: false, launched);
            if (patientJoined is { } j) visit.RecordSession(patient.Id, "patient-uuid", j, null);
        }
        if (ended is { } e) visit.End(e);
        return visit;
    }

    private static LaunchRecord Launch(TenantId tenant, LaunchType type, string outcome, DateTime at) =>
        LaunchRecord.Of(tenant, type, "CSN-1", outcome, TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(700), "epic.smart.token.code=1", at);

    private void Store(VideoVisit[] visits, LaunchRecord[] launches)
    {
        using var db = app.Db.NewContext();
        db.VideoVisits.AddRange(visits);
        db.LaunchRecords.AddRange(launches);
        db.SaveChanges();
    }
}
