using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Epic.Fhir;

internal sealed record SandboxPatient(string Id, string FirstName, string LastName, string MobilePhone, string MyChartId);

internal sealed record SandboxPractitioner(string Id, string FirstName, string LastName, string Email, string EpicUserId);

/// <summary>A visit: the CSN is the contact serial number Epic reports status against.</summary>
internal sealed record SandboxEncounter(
    string Id,
    string Csn,
    string PatientId,
    string ProviderId,
    IReadOnlyList<string> OtherPractitionerIds);

/// <summary>The records behind the FHIR reads; the launch simulator is their only writer.</summary>
internal sealed class FhirStore(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, SandboxPatient> patients = new(options.Value.MaxStoredItems, StringComparer.Ordinal);
    private readonly BoundedStore<string, SandboxPractitioner> practitioners = new(options.Value.MaxStoredItems, StringComparer.Ordinal);
    private readonly BoundedStore<string, SandboxEncounter> encounters = new(options.Value.MaxStoredItems, StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> lastByCsn = new(StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Epic;

    public SandboxPatient? Patient(string id) => patients.TryGet(id, out var value) ? value : null;

    public SandboxPractitioner? Practitioner(string id) => practitioners.TryGet(id, out var value) ? value : null;

    public SandboxEncounter? Encounter(string id) => encounters.TryGet(id, out var value) ? value : null;

    /// <summary>
    /// The encounter of the CSN saved last, as a scan of every encounter newest first would find it; looked up by the
    /// CSN's last saved encounter instead of scanned (every launch asks).
    /// </summary>
    public SandboxEncounter? EncounterByCsn(string csn)
    {
        if (lastByCsn.TryGetValue(csn, out var id) && encounters.TryGet(id, out var encounter) && encounter.Csn == csn) return encounter;
        // Forgotten by the store's cap, or saved since under another CSN: the scan decides.
        return encounters.Values().LastOrDefault(e => e.Csn == csn);
    }

    public void Save(SandboxPatient patient) => patients.Set(patient.Id, patient);

    public void Save(SandboxPractitioner practitioner) => practitioners.Set(practitioner.Id, practitioner);

    public void Save(SandboxEncounter encounter)
    {
        encounters.Set(encounter.Id, encounter);
        // Bounded like the store: past twice its cap the index starts again (a miss falls back to the scan).
        if (lastByCsn.Count >= 2 * Math.Max(1, options.Value.MaxStoredItems)) lastByCsn.Clear();
        lastByCsn[encounter.Csn] = encounter.Id;
    }

    public void Reset()
    {
        patients.Clear();
        practitioners.Clear();
        encounters.Clear();
        lastByCsn.Clear();
    }
}
