using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.Meetings;

/// <summary>Meetings of every account by meeting number; API lookups filter by the caller's account.</summary>
internal sealed class MeetingStore(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<long, Meeting> meetings = new(options.Value.MaxStoredItems);

    public Simulator Simulator => Simulator.Zoom;

    /// <summary>Creates the meeting under a fresh, unused meeting number.</summary>
    public Meeting Add(Func<long, Meeting> create)
    {
        while (true)
        {
            var meeting = create(RandomIds.MeetingNumber());
            if (meetings.TryAdd(meeting.Id, meeting))
            {
                return meeting;
            }
        }
    }

    public Meeting? Find(long id) => meetings.TryGet(id, out var meeting) ? meeting : null;

    public Meeting? Find(string accountId, string id) =>
        long.TryParse(id, out var number) && Find(number) is { } meeting && meeting.AccountId == accountId ? meeting : null;

    public IReadOnlyList<Meeting> All() => meetings.Values();

    public IReadOnlyList<Meeting> HostedBy(string userId) => meetings.Values().Where(m => m.HostId == userId).ToList();

    public bool Remove(long id) => meetings.Remove(id);

    public void Reset() => meetings.Clear();
}
