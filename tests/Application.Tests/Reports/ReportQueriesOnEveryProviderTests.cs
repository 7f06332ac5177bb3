using EpicZoom.Application.Launch.SearchLaunchRecords;
using EpicZoom.Application.Reports.GetUsageReport;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tests.Reports;

/// <summary>
/// The report and search queries translate on PostgreSQL (run on a throwaway server) and SQL Server (no server runs
/// here: the SQL is generated offline), not only on the SQLite the other tests use.
/// </summary>
public sealed class ReportQueriesOnEveryProviderTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private PostgresServer server = null!;

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task UsageReportAndLaunchSearch_RunOnPostgres()
    {
        var connection = await server.CreateDatabaseAsync("reports");
        await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).Options);
        await db.Database.EnsureCreatedAsync();
        var tenant = Tenant.Create("Acme Health", "acme-health", EpicEnvironment.Test, PatientAdmittancePolicy.AutoAdmitWhenHostJoins,
            new ZoomSettings("acct-1", "zoom-client", "telehealth.example.org", ProviderUserType.Licensed, "https://zoom.us", "https://api.zoom.us/v2"),
            new EpicSettings("https://fhir.example.org/api/FHIR/R4", "https://fhir.example.org", null, "epic-client", EpicSettings.DefaultVendorName,
                TelehealthAuthMode.BackendOAuthToken, null, EpicStatusCodes.Default, EpicSettings.DefaultDeviceTestReportPath),
            DeviceTestSettings.None, Start);
        db.Tenants.Add(tenant);
        var visit = VideoVisit.Open(tenant.Id, "CSN-1", Start);
        visit.AttachMeeting(81234567890, "uuid==", "zoom-host", "E-PROV", "enc:join", null, null, Start);
        var host = visit.Enlist("E-PROV", ParticipantRole.Provider, "zoom-host", isHost: true, Start);
        var patient = visit.Enlist("Z-PAT", ParticipantRole.Patient, null, isHost: false, Start.AddMinutes(1));
        visit.RecordSession(host.Id, "h", Start.AddMinutes(4), null);
        visit.RecordSession(patient.Id, "p", Start.AddMinutes(5), null);
        visit.End(Start.AddMinutes(25));
        db.VideoVisits.Add(visit);
        db.LaunchRecords.Add(LaunchRecord.Of(tenant.Id, LaunchType.Patient, "CSN-1", "callback:EZ-L012", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(400), "", Start));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var clock = new FakeClock(new DateTimeOffset(Start.AddDays(3)));

        var report = await new GetUsageReportQueryHandler(db, clock).Handle(new GetUsageReportQuery(tenant.Id.Value, DateOnly.FromDateTime(Start), DateOnly.FromDateTime(Start)), default);
        var search = await new SearchLaunchRecordsQueryHandler(db).Handle(new SearchLaunchRecordsQuery(Outcome: "EZ-L012", FailuresOnly: true, TenantId: tenant.Id.Value), default);

        var day = Assert.Single(report.Days);
        Assert.Equal((1, 0, 21.0, 4.0, 1), (day.Visits, day.NoShows, day.MedianVisitMinutes, day.MedianPatientWaitMinutes, day.LaunchesFailed));
        Assert.Equal(("EZ-L012", 600, 400), (Assert.Single(search.Items).Code, search.Items[0].OwnMs, search.Items[0].UpstreamMs));
    }

    [Fact]
    public void UsageReportAndLaunchSearch_TranslateForSqlServer()
    {
        using var db = new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=offline.invalid;Database=epiczoom;TrustServerCertificate=true").Options);
        var tenant = new TenantId(Guid.NewGuid());

        var visits = GetUsageReportQueryHandler.VisitFactsIn(db, Start, Start.AddDays(1), tenant).ToQueryString();
        var launches = GetUsageReportQueryHandler.LaunchFactsIn(db, Start, Start.AddDays(1), tenant).ToQueryString();
        var search = SearchLaunchRecordsQueryHandler.Filter(db.LaunchRecords, new SearchLaunchRecordsQuery("CSN-1", tenant.Value, LaunchType.Nurse, "EZ-L012", true, Start, Start.AddDays(1)))
            .OrderByDescending(r => r.AtUtc).Take(50).ToQueryString();

        Assert.Contains("MIN(", visits, StringComparison.Ordinal);
        Assert.Contains("COALESCE(", visits, StringComparison.Ordinal);
        Assert.Contains("[LaunchRecords]", launches, StringComparison.Ordinal);
        Assert.Contains("LIKE", search, StringComparison.Ordinal);
    }
}
