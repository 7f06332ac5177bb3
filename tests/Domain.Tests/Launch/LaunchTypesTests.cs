using EpicZoom.Domain.Launch;

namespace EpicZoom.Domain.Tests.Launch;

public class LaunchTypesTests
{
    public static TheoryData<LaunchType, string> Segments => new()
    {
        { LaunchType.Provider, "providerlaunch" },
        { LaunchType.Nurse, "nurselaunch" },
        { LaunchType.Patient, "patientlaunch" },
        { LaunchType.ZoomRoom, "zoomroomlaunch" },
        { LaunchType.DeviceTest, "devicetest" },
    };

    [Fact]
    public void All_ListsTheFiveLaunchTypesOnce()
    {
        Assert.Equal([LaunchType.Provider, LaunchType.Nurse, LaunchType.Patient, LaunchType.ZoomRoom, LaunchType.DeviceTest], LaunchTypes.All);
    }

    [Theory]
    [MemberData(nameof(Segments))]
    public void PathSegment_IsTheSegmentEpicCalls(LaunchType type, string segment)
    {
        Assert.Equal(segment, type.PathSegment());
    }

    [Theory]
    [MemberData(nameof(Segments))]
    public void TryParsePathSegment_RoundTripsEachLaunchType(LaunchType type, string segment)
    {
        Assert.True(LaunchTypes.TryParsePathSegment(type.PathSegment(), out var parsed));
        Assert.Equal(type, parsed);
        Assert.True(LaunchTypes.TryParsePathSegment(segment.ToUpperInvariant(), out var upper));
        Assert.Equal(type, upper);
    }

    [Theory]
    [InlineData("")]
    [InlineData("launch")]
    [InlineData("provider")]
    [InlineData("providerlaunch/")]
    [InlineData(" providerlaunch")]
    [InlineData("Provider")]
    public void TryParsePathSegment_ForAnUnknownSegment_IsFalse(string segment)
    {
        Assert.False(LaunchTypes.TryParsePathSegment(segment, out _));
    }

    [Fact]
    public void PathSegment_ForAnUndefinedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((LaunchType)42).PathSegment());
    }
}
