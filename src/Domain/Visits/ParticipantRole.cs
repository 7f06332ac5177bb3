namespace EpicZoom.Domain.Visits;

public enum ParticipantRole
{
    Provider,
    Nurse,
    Patient,
    ZoomRoom,
}

public enum ConnectionState
{
    NotJoined,
    Connected,
    Disconnected,
}
