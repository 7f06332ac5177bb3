namespace EpicZoom.Sandbox.Epic.LaunchSimulator;

/// <summary>The five FDI records EpicZoom is launched from, with the path segment each one's URL ends in.</summary>
internal enum LaunchType
{
    Provider,
    Nurse,
    Patient,
    ZoomRoom,
    DeviceTest,
}

internal static class LaunchTypes
{
    public static bool TryParse(string? value, out LaunchType type)
    {
        type = (value ?? "provider").Trim().ToLowerInvariant() switch
        {
            "provider" => LaunchType.Provider,
            "nurse" => LaunchType.Nurse,
            "patient" => LaunchType.Patient,
            "zoomroom" => LaunchType.ZoomRoom,
            "devicetest" => LaunchType.DeviceTest,
            _ => (LaunchType)(-1),
        };
        return Enum.IsDefined(type);
    }

    public static string EpicZoomPath(this LaunchType type) => type switch
    {
        LaunchType.Provider => "providerlaunch",
        LaunchType.Nurse => "nurselaunch",
        LaunchType.Patient => "patientlaunch",
        LaunchType.ZoomRoom => "zoomroomlaunch",
        _ => "devicetest",
    };

    /// <summary>MyChart launches act as the patient; Hyperspace launches as a practitioner.</summary>
    public static bool IsPatientFacing(this LaunchType type) => type is LaunchType.Patient or LaunchType.DeviceTest;
}

/// <summary>
/// What Hyperspace/MyChart knows at launch time, stored behind the opaque launch token and
/// handed back in the token response.
/// </summary>
internal sealed record LaunchContext(
    LaunchType Type,
    string OrgId,
    string Csn,
    string PatientId,
    string EncounterId,
    string UserFhirId,
    string EpicUserId,
    string FirstName,
    string LastName,
    string EpicProviderId,
    string EncounterProviderId,
    bool UseProviderZoomAccount,
    bool NoRedirect,
    string RoomName,
    string RoomDisplay,
    DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// A group visit's conference id: the group-visit FDI records send it as <c>epicSessionId</c> (<c>%CONFERENCEID%</c>)
    /// in place of the patient's own CSN, so every patient of the group lands in one visit. Null for a one-patient visit.
    /// </summary>
    public string? ConferenceId { get; init; }

    /// <summary>The <c>epicSessionId</c> EpicZoom gets: the conference id of a group visit, else the CSN.</summary>
    public string SessionId => ConferenceId ?? Csn;

    /// <summary>CONTEXT pairs left out, as an FDI record configured without them would (e.g. encounterProviderId).</summary>
    public IReadOnlySet<string> Omitted { get; init; } = new HashSet<string>();

    /// <summary>"Practitioner/{id}" or "Patient/{id}": who the id_token's fhirUser names.</summary>
    public string FhirUserReference => (Type.IsPatientFacing() ? "Patient/" : "Practitioner/") + UserFhirId;

    /// <summary>
    /// The FDI record's CONTEXT pairs for this launch type, exactly the names the records use,
    /// which Epic returns as extra top-level fields of the token response.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> FdiContext()
    {
        var fields = new List<KeyValuePair<string, string>> { new("epicSessionId", SessionId) };
        void Add(string name, string value) => fields.Add(new(name, value));
        var useProviderAccount = UseProviderZoomAccount ? "true" : "false";
        var noRedirect = NoRedirect ? "true" : "false";
        switch (Type)
        {
            case LaunchType.Provider:
                Add("firstName", FirstName);
                Add("lastName", LastName);
                Add("epicUserId", EpicUserId);
                Add("useProviderZoomAccount", useProviderAccount);
                Add("noRedirect", noRedirect);
                break;
            case LaunchType.Nurse:
                Add("firstName", FirstName);
                Add("lastName", LastName);
                Add("epicProviderId", EpicProviderId);
                Add("useProviderZoomAccount", useProviderAccount);
                Add("noRedirect", noRedirect);
                break;
            case LaunchType.Patient:
                Add("epicUserId", EpicUserId);
                Add("firstName", FirstName);
                Add("lastName", LastName);
                Add("encounterProviderId", EncounterProviderId);
                Add("useProviderZoomAccount", useProviderAccount);
                Add("noRedirect", noRedirect);
                break;
            case LaunchType.ZoomRoom:
                Add("epicProviderId", EpicProviderId);
                Add("useProviderZoomAccount", useProviderAccount);
                Add("roomName", RoomName);
                Add("roomDisplay", RoomDisplay);
                Add("noRedirect", noRedirect);
                break;
            case LaunchType.DeviceTest:
                Add("epicUserId", EpicUserId);
                Add("firstName", FirstName);
                Add("lastName", LastName);
                break;
        }

        return fields.Where(f => !Omitted.Contains(f.Key)).ToList();
    }
}
