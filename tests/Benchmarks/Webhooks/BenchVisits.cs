using System.Globalization;
using EpicZoom.Benchmarks.Common;
using EpicZoom.Benchmarks.Launch;
using EpicZoom.Domain.Visits;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Benchmarks.Webhooks;

/// <summary>
/// One person of a real visit as a webhook names them (meeting id and Zoom user id) and as Epic is told about them
/// (CSN and Epic id). <see cref="Events"/> counts the join/leave events sent for them, so the next one alternates.
/// </summary>
internal sealed class BenchPerson(string csn, long meetingId, string zoomUserId, string epicId, string role)
{
    private int events;
    private string session = "";

    public string Csn { get; } = csn;
    public long MeetingId { get; } = meetingId;
    public string ZoomUserId { get; } = zoomUserId;
    public string EpicId { get; } = epicId;
    public string Role { get; } = role;

    /// <summary>
    /// The next event for this person: joined after nothing or a leave (a new Zoom session, as each join is at Zoom),
    /// left after a join, naming that join's session (participant_uuid): a leave of a session that never joined changes
    /// no light, so a fresh uuid on the leave would measure nothing. One pacer thread calls this.
    /// </summary>
    public (string Event, string Session) NextEvent()
    {
        if (Interlocked.Increment(ref events) % 2 == 1)
        {
            session = Guid.NewGuid().ToString("N");
            return (ZoomWebhooks.Joined, session);
        }

        return (ZoomWebhooks.Left, session);
    }
}

/// <summary>
/// Real visits made through the sandbox the way Epic makes them: the provider opens the visit (EpicZoom creates the
/// Zoom meeting and makes them host), then the patient launches (EpicZoom gives them a temporary Zoom user). Both end
/// up as participants with a Zoom user id, so a webhook naming that id in that meeting is theirs.
/// </summary>
internal static class BenchVisits
{
    private static int csnCounter;

    public static Task<IReadOnlyList<BenchPerson>> CreateAsync(BenchApp host, int visits) => CreateAsync(host.Http, host.DbAsync, visits);

    /// <summary>The same against any EpicZoom (the kill test's child process): its address, and a way to read its database.</summary>
    public static async Task<IReadOnlyList<BenchPerson>> CreateAsync(
        HttpClient http, Func<Func<AppDbContext, Task<List<VideoVisit>>>, Task<List<VideoVisit>>> query, int visits)
    {
        var driver = new LaunchDriver(http);
        var csns = new List<string>();
        for (var v = 0; v < visits; v++)
        {
            var csn = (700_000_000 + Interlocked.Increment(ref csnCounter)).ToString(CultureInfo.InvariantCulture);
            var provider = await driver.LaunchAsync(new LaunchSpec("visits", "provider", csn, $"type=provider&csn={csn}&providerId=eWhProv{csn}"));
            var patient = await driver.LaunchAsync(new LaunchSpec("visits", "patient", csn, $"type=patient&csn={csn}"));
            if (provider.Failure is not null || provider.MeetingId is null || patient.Failure is not null)
                throw new InvalidOperationException($"Could not make visit {csn}: provider {provider.Failure ?? provider.FinalLocation}, patient {patient.Failure}");
            csns.Add(csn);
        }

        var made = await query(db => db.VideoVisits.AsNoTracking().Include(v => v.Participants).Where(v => csns.Contains(v.Csn)).ToListAsync());
        var people = made.SelectMany(v => v.Participants.Where(p => p.ZoomUserId != null)
            .Select(p => new { v.Csn, MeetingId = v.ZoomMeetingId, p.ZoomUserId, p.EpicId, Role = p.Role.ToString() })).ToList();
        if (people.Count != 2 * visits || people.Any(p => p.MeetingId is null))
            throw new InvalidOperationException($"Expected {2 * visits} participants with a Zoom user in {visits} visits with a meeting; found {people.Count}.");
        // Interleave visits so that consecutive events go to different meetings.
        return people.OrderBy(p => p.Role).ThenBy(p => p.Csn, StringComparer.Ordinal)
            .Select(p => new BenchPerson(p.Csn, p.MeetingId!.Value, p.ZoomUserId!, p.EpicId, p.Role)).ToList();
    }
}
