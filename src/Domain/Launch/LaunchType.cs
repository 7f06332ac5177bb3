namespace EpicZoom.Domain.Launch;

/// <summary>The five FDI records a tenant configures in Epic, one per way into a video visit.</summary>
public enum LaunchType
{
    Provider,
    Nurse,
    Patient,
    ZoomRoom,
    DeviceTest,
}

public static class LaunchTypes
{
    public static IReadOnlyList<LaunchType> All { get; } = Enum.GetValues<LaunchType>();

    /// <summary>The last path segment under /epicfhir/ that Epic calls for this launch type.</summary>
    public static string PathSegment(this LaunchType type) => type switch
    {
        LaunchType.Provider => "providerlaunch",
        LaunchType.Nurse => "nurselaunch",
        LaunchType.Patient => "patientlaunch",
        LaunchType.ZoomRoom => "zoomroomlaunch",
        LaunchType.DeviceTest => "devicetest",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParsePathSegment(string segment, out LaunchType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.PathSegment(), segment, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
