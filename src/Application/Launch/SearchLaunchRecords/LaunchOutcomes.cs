namespace EpicZoom.Application.Launch.SearchLaunchRecords;

/// <summary>
/// How a launch record's outcome reads: "{step}:{code}" ("begin:OK", "callback:EZ-L012"), or a bare code. A launch
/// ends at its first failure or at the OK of its last step; a "begin:OK" only sent the browser on to Epic's sign-in.
/// </summary>
public static class LaunchOutcomes
{
    public const string Ok = "OK";

    /// <summary>The step that only redirects to Epic's authorize endpoint: its OK does not end a launch.</summary>
    public const string FirstStep = "begin";

    public static (string? Step, string Code) Parse(string outcome)
    {
        var colon = outcome.IndexOf(':');
        return colon > 0 ? (outcome[..colon], outcome[(colon + 1)..]) : (null, outcome);
    }

    public static bool IsOk(string outcome) => Parse(outcome).Code == Ok;

    /// <summary>True when this record is where its launch ended: a failure at any step, or the last step's OK.</summary>
    public static bool EndsLaunch(string outcome)
    {
        var (step, code) = Parse(outcome);
        return code != Ok || step != FirstStep;
    }
}
