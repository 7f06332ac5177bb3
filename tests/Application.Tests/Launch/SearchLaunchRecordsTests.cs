using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Launch.SearchLaunchRecords;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Tests.Launch;

/// <summary>The launch records search: latest first, each filter, and each step's own time against its time waiting on Epic and Zoom.</summary>
public sealed class SearchLaunchRecordsTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Search_IsLatestFirst_AndSplitsEachStepsTimeIntoOwnAndUpstream()
    {
        var tenant = await TenantAsync();
        Store(
            Record(tenant, LaunchType.Provider, "CSN-1", "begin:OK", Start, ms: 120, upstreamMs: 100, calls: "epic.smart.discovery=1"),
            Record(tenant, LaunchType.Provider, "CSN-1", "callback:OK", Start.AddSeconds(5), ms: 900, upstreamMs: 650,
                calls: "epic.fhir.encounter=1 epic.smart.token.code=1 zoom.meetings.create=2"));

        var page = await app.Send(new SearchLaunchRecordsQuery());

        Assert.Equal((2, false), (page.Total, page.TotalIsCapped));
        var callback = page.Items[0];
        Assert.Equal(("callback", "OK", false, "Acme Health", "Provider"), (callback.Step, callback.Code, callback.Failed, callback.TenantName, callback.Type));
        Assert.Equal((900, 650, 250), (callback.DurationMs, callback.UpstreamMs, callback.OwnMs));
        Assert.Equal([("Epic", "epic.fhir.encounter", 1), ("Epic", "epic.smart.token.code", 1), ("Zoom", "zoom.meetings.create", 2)],
            callback.UpstreamCalls.Select(c => (c.System, c.Operation, c.Count)));
        Assert.Equal("begin", page.Items[1].Step);
    }

    [Fact]
    public async Task Search_ByCodeAtAnyStep_ByFailures_ByTypeCsnAndDates_FindsOnlyThose()
    {
        var tenant = await TenantAsync();
        Store(
            Record(tenant, LaunchType.Provider, "CSN-1", "callback:OK", Start),
            Record(tenant, LaunchType.Patient, "CSN-2", "callback:EZ-L012", Start.AddMinutes(1), detail: "invalid_client: Client authentication failed"),
            Record(tenant, LaunchType.Patient, null, "begin:EZ-L003", Start.AddDays(1)),
            Record(null, null, null, "begin:EZ-L001", Start.AddDays(2)));

        var byCode = await app.Send(new SearchLaunchRecordsQuery(Outcome: "EZ-L012"));
        var byStepAndCode = await app.Send(new SearchLaunchRecordsQuery(Outcome: "begin:EZ-L012"));
        var failures = await app.Send(new SearchLaunchRecordsQuery(FailuresOnly: true));
        var patients = await app.Send(new SearchLaunchRecordsQuery(Type: LaunchType.Patient, TenantId: tenant.Value));
        var byCsn = await app.Send(new SearchLaunchRecordsQuery(Csn: " CSN-1 "));
        var firstDay = await app.Send(new SearchLaunchRecordsQuery(FromUtc: Start, ToUtc: Start.AddDays(1)));

        var found = Assert.Single(byCode.Items);
        Assert.Equal(("EZ-L012", true, "invalid_client: Client authentication failed"), (found.Code, found.Failed, found.Detail));
        Assert.Empty(byStepAndCode.Items);
        Assert.Equal(["EZ-L001", "EZ-L003", "EZ-L012"], failures.Items.Select(i => i.Code));
        Assert.Equal("(unknown)", failures.Items[0].TenantName);
        Assert.Equal(["EZ-L003", "EZ-L012"], patients.Items.Select(i => i.Code));
        Assert.Equal("OK", Assert.Single(byCsn.Items).Code);
        Assert.Equal(["EZ-L012", "OK"], firstDay.Items.Select(i => i.Code));
    }

    [Fact]
    public async Task Search_PagesNeverOverlap_WhenStepsShareAnInstant()
    {
        var tenant = await TenantAsync();
        Store(Enumerable.Range(0, 7).Select(n => Record(tenant, LaunchType.Nurse, $"CSN-{n}", "callback:OK", Start)).ToArray());

        var first = await app.Send(new SearchLaunchRecordsQuery(Take: 4));
        var second = await app.Send(new SearchLaunchRecordsQuery(Skip: 4, Take: 4));

        Assert.Equal(7, first.Total);
        Assert.Equal(7, first.Items.Concat(second.Items).Select(i => i.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("EZ-L012'; DROP")]
    [InlineData("EZ%")]
    public async Task Search_RefusesAnOutcomeThatIsNoCode(string outcome)
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.Send(new SearchLaunchRecordsQuery(Outcome: outcome)));

        Assert.Contains(nameof(SearchLaunchRecordsQuery.Outcome), ex.Errors.Keys);
    }

    private async Task<TenantId> TenantAsync() => new((await app.CreateTenant()).Id);

    private static LaunchRecord Record(TenantId? tenant, LaunchType? type, string? csn, string outcome, DateTime at, int ms = 500, int upstreamMs = 300,
        string calls = "epic.smart.token.code=1", string? detail = null) =>
        LaunchRecord.Of(tenant, type, csn, outcome, TimeSpan.FromMilliseconds(ms), TimeSpan.FromMilliseconds(upstreamMs), calls, at, detail);

    private void Store(params LaunchRecord[] records)
    {
        using var db = app.Db.NewContext();
        db.LaunchRecords.AddRange(records);
        db.SaveChanges();
    }
}
