namespace EpicZoom.Domain.Visits;

public enum ParticipantRole
{
    Provider,
    Nurse,
    Patient,
    ZoomRoom,

    /// <summary>Someone a clinician invited (family, interpreter, clinician): never host, never reported to Epic. Stored as a number: keep last.</summary>
    Guest,
}

public enum ConnectionState
{
    NotJoined,
    Connected,
    Disconnected,
}
