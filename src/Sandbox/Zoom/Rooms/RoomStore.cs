using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Zoom.Meetings;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.Rooms;

internal sealed record ZoomRoom(string Id, string RoomId, string Name, string LocationId);

/// <summary>
/// Each account gets the same few seeded Zoom Rooms on first use. A room's status is not stored:
/// it is InMeeting exactly while the room is a participant of some meeting.
/// </summary>
internal sealed class RoomStore(MeetingStore meetings, IOptions<SandboxOptions> options) : ISandboxState
{
    public static readonly string[] SeededNames = ["Room 101 - Med/Surg", "Room 102 - Med/Surg", "ICU 4 - Bed 2", "Telehealth Cart 1"];

    private readonly BoundedStore<string, IReadOnlyList<ZoomRoom>> rooms = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Zoom;

    public IReadOnlyList<ZoomRoom> ForAccount(string accountId)
    {
        if (rooms.TryGet(accountId, out var seeded))
        {
            return seeded;
        }

        var location = RandomIds.ZoomId();
        IReadOnlyList<ZoomRoom> created = SeededNames.Select(name => new ZoomRoom(RandomIds.ZoomId(), RandomIds.ZoomId(), name, location)).ToList();
        return rooms.TryAdd(accountId, created) || !rooms.TryGet(accountId, out seeded) ? created : seeded;
    }

    /// <summary>By id or room_id, as Zoom accepts either.</summary>
    public ZoomRoom? Find(string accountId, string id) => ForAccount(accountId).FirstOrDefault(r => r.Id == id || r.RoomId == id);

    /// <summary>The meeting and participant the room currently is, if it is in one.</summary>
    public (Meeting Meeting, MeetingParticipant Participant)? CurrentMeeting(ZoomRoom room)
    {
        foreach (var meeting in meetings.All())
        {
            var seat = meeting.Snapshot().Participants.FirstOrDefault(p => p.RoomId == room.Id && p.State != ParticipantState.Left);
            if (seat is not null)
            {
                return (meeting, seat);
            }
        }

        return null;
    }

    public string Status(ZoomRoom room) => CurrentMeeting(room) is null ? "Available" : "InMeeting";

    public void Reset() => rooms.Clear();
}
