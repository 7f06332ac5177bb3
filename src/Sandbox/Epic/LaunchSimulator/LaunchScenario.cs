using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Fhir;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Epic.LaunchSimulator;

/// <summary>
/// Builds a launch the way Hyperspace or MyChart would have it: the values the caller gives,
/// generated ones for the rest, and the FHIR records behind them. Launches for one CSN share
/// its encounter and patient, so provider and patient launches meet in one visit. A group visit
/// (<c>conferenceId</c>) gives each patient an encounter of their own, all with the group's provider.
/// </summary>
internal sealed class LaunchScenario(FhirStore fhir, TimeProvider time, IOptions<SandboxOptions> options)
{
    public const string DefaultRoomName = "Room 101 - Med/Surg";

    private static readonly string[] FirstNames = ["Alex", "Jordan", "Sam", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn"];
    private static readonly string[] LastNames = ["Rivera", "Chen", "Patel", "Okafor", "Novak", "Larsen", "Haddad", "Moreau", "Silva", "Kim"];

    // One writer at a time, so two launches for a new CSN cannot create two encounters.
    private readonly Lock gate = new();

    // The provider of each group visit (conference id), so a patient launching first is hosted by the group's provider.
    private readonly Dictionary<string, string> groupProviders = new(StringComparer.Ordinal);

    public LaunchContext Create(LaunchType type, IQueryCollection query)
    {
        string? Q(string name) => query[name].ToString().Trim() is { Length: > 0 } value ? value : null;
        var conferenceId = Q("conferenceId");
        var csn = Q("csn") ?? RandomIds.Digits(9);
        var patientFacing = type.IsPatientFacing();
        lock (gate)
        {
            var encounter = fhir.EncounterByCsn(csn);
            var groupProvider = conferenceId is null ? null : groupProviders.GetValueOrDefault(conferenceId);
            var patient = SavePatient(
                Q("patientId") ?? encounter?.PatientId ?? NewFhirId(),
                patientFacing ? Q("firstName") : null,
                patientFacing ? Q("lastName") : null,
                patientFacing ? Q("userId") : null);

            // A provider launching an existing visit is, unless told otherwise, its encounter provider.
            var user = patientFacing
                ? null
                : SavePractitioner(
                    Q("providerId") ?? (type == LaunchType.Provider ? Q("encounterProviderId") ?? encounter?.ProviderId : null),
                    Q("firstName"),
                    Q("lastName"),
                    Q("userId"));
            var encounterProviderId = Q("encounterProviderId") ?? groupProvider ?? encounter?.ProviderId
                ?? (type == LaunchType.Provider ? user!.Id : null)
                ?? SavePractitioner(null, null, null, null).Id;
            if (fhir.Practitioner(encounterProviderId) is null)
            {
                SavePractitioner(encounterProviderId, null, null, null);
            }

            encounter = SaveEncounter(encounter, csn, patient.Id, encounterProviderId, user?.Id);
            if (conferenceId is not null)
            {
                groupProviders.TryAdd(conferenceId, encounterProviderId);
            }

            return new LaunchContext(
                type,
                Q("org_id") ?? options.Value.DefaultOrgId,
                csn,
                patient.Id,
                encounter.Id,
                user?.Id ?? patient.Id,
                user?.EpicUserId ?? patient.MyChartId,
                user?.FirstName ?? patient.FirstName,
                user?.LastName ?? patient.LastName,
                user?.Id ?? "",
                encounterProviderId,
                IsTrue(Q("useProviderZoomAccount")),
                IsTrue(Q("noRedirect")),
                Q("roomName") ?? DefaultRoomName,
                Q("roomDisplay") ?? Q("roomName") ?? "Room 101",
                time.GetUtcNow() + options.Value.LaunchTokenLifetime)
            {
                ConferenceId = conferenceId,
                Omitted = (Q("omit") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
            };
        }
    }

    private SandboxPatient SavePatient(string id, string? firstName, string? lastName, string? myChartId)
    {
        var existing = fhir.Patient(id);
        var patient = new SandboxPatient(
            id,
            firstName ?? existing?.FirstName ?? RandomIds.Pick(FirstNames),
            lastName ?? existing?.LastName ?? RandomIds.Pick(LastNames),
            existing?.MobilePhone ?? "+1555555" + RandomIds.Digits(4),
            myChartId ?? existing?.MyChartId ?? "WPR" + RandomIds.Digits(7));
        fhir.Save(patient);
        return patient;
    }

    private SandboxPractitioner SavePractitioner(string? id, string? firstName, string? lastName, string? epicUserId)
    {
        id ??= "eP" + RandomIds.Digits(10);
        var existing = fhir.Practitioner(id);
        var first = firstName ?? existing?.FirstName ?? RandomIds.Pick(FirstNames);
        var last = lastName ?? existing?.LastName ?? RandomIds.Pick(LastNames);

        // The id suffix keeps two generated clinicians with the same name from sharing a Zoom login; ids may be short (D1).
        var suffix = id.Length > 4 ? id[^4..] : id;
        var email = $"{first}.{last}.{suffix}@sandbox-hospital.example".ToLowerInvariant().Replace(' ', '-');
        var practitioner = new SandboxPractitioner(id, first, last, email, epicUserId ?? existing?.EpicUserId ?? "EMP" + RandomIds.Digits(6));
        fhir.Save(practitioner);
        return practitioner;
    }

    private SandboxEncounter SaveEncounter(SandboxEncounter? existing, string csn, string patientId, string providerId, string? userId)
    {
        var others = existing?.OtherPractitionerIds.ToList() ?? [];
        if (userId is not null && userId != providerId && !others.Contains(userId))
        {
            others.Add(userId);
        }

        var encounter = new SandboxEncounter(existing?.Id ?? NewFhirId(), csn, patientId, providerId, others);
        fhir.Save(encounter);
        return encounter;
    }

    private static string NewFhirId() => "e" + RandomIds.Alphanumeric(23);

    private static bool IsTrue(string? value) => value is not null && (bool.TryParse(value, out var flag) ? flag : value == "1");
}
