namespace EpicZoom.Sandbox.Epic.Fhir;

/// <summary>Turns the sandbox's records into FHIR R4 resources.</summary>
internal static class FhirMapping
{
    private static readonly FhirCodeableConcept Attender = new(
        [new FhirCoding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND", "attender")], "Attending");

    private static readonly FhirCodeableConcept Participant = new(
        [new FhirCoding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PART", "Participation")], "Participant");

    public static FhirPatientResource ToResource(SandboxPatient patient) => new(
        patient.Id,
        true,
        [Name(patient.FirstName, patient.LastName, "official")],
        [new FhirContactPoint("phone", patient.MobilePhone, "mobile")]);

    public static FhirPractitionerResource ToResource(SandboxPractitioner practitioner) => new(
        practitioner.Id,
        true,
        [Name(practitioner.FirstName, practitioner.LastName, "usual")],
        [new FhirContactPoint("email", practitioner.Email, "work")]);

    public static FhirEncounterResource ToResource(SandboxEncounter encounter, FhirStore store)
    {
        var participants = new List<FhirEncounterParticipant> { new([Attender], PractitionerReference(encounter.ProviderId, store)) };
        participants.AddRange(encounter.OtherPractitionerIds.Select(id => new FhirEncounterParticipant([Participant], PractitionerReference(id, store))));
        var patient = store.Patient(encounter.PatientId);
        return new FhirEncounterResource(
            encounter.Id,
            [new FhirIdentifier("usual", FhirEndpoints.CsnSystem, encounter.Csn)],
            "planned",
            new FhirCoding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual"),
            new FhirReference("Patient/" + encounter.PatientId, patient is null ? null : $"{patient.FirstName} {patient.LastName}"),
            participants);
    }

    private static FhirReference PractitionerReference(string id, FhirStore store) =>
        new("Practitioner/" + id, store.Practitioner(id) is { } p ? $"{p.FirstName} {p.LastName}" : null);

    private static FhirHumanName Name(string first, string last, string use) => new(use, $"{first} {last}", last, [first]);
}
