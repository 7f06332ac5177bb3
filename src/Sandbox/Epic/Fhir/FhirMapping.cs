using FhirModel = Hl7.Fhir.Model;

namespace EpicZoom.Sandbox.Epic.Fhir;

/// <summary>Turns the sandbox's records into FHIR R4 resources.</summary>
internal static class FhirMapping
{
    private const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    public static FhirModel.Patient ToResource(SandboxPatient patient) => new()
    {
        Id = patient.Id,
        Active = true,
        Name = [Name(patient.FirstName, patient.LastName, FhirModel.HumanName.NameUse.Official)],
        Telecom =
        [
            new FhirModel.ContactPoint(FhirModel.ContactPoint.ContactPointSystem.Phone, FhirModel.ContactPoint.ContactPointUse.Mobile, patient.MobilePhone),
        ],
    };

    public static FhirModel.Practitioner ToResource(SandboxPractitioner practitioner) => new()
    {
        Id = practitioner.Id,
        Active = true,
        Name = [Name(practitioner.FirstName, practitioner.LastName, FhirModel.HumanName.NameUse.Usual)],
        Telecom =
        [
            new FhirModel.ContactPoint(FhirModel.ContactPoint.ContactPointSystem.Email, FhirModel.ContactPoint.ContactPointUse.Work, practitioner.Email),
        ],
    };

    public static FhirModel.Encounter ToResource(SandboxEncounter encounter, FhirStore store)
    {
        var patient = store.Patient(encounter.PatientId);
        return new FhirModel.Encounter
        {
            Id = encounter.Id,
            Identifier = [new FhirModel.Identifier(FhirEndpoints.CsnSystem, encounter.Csn) { Use = FhirModel.Identifier.IdentifierUse.Usual }],
            Status = FhirModel.Encounter.EncounterStatus.Planned,
            Class = new FhirModel.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual"),
            Subject = new FhirModel.ResourceReference("Patient/" + encounter.PatientId, patient is null ? null : $"{patient.FirstName} {patient.LastName}"),
            Participant =
            [
                Participant(encounter.ProviderId, "ATND", "attender", "Attending", store),
                .. encounter.OtherPractitionerIds.Select(id => Participant(id, "PART", "Participation", "Participant", store)),
            ],
        };
    }

    private static FhirModel.Encounter.ParticipantComponent Participant(string practitionerId, string code, string display, string text, FhirStore store) => new()
    {
        Type = [new FhirModel.CodeableConcept(ParticipationType, code, display, text)],
        Individual = new FhirModel.ResourceReference(
            "Practitioner/" + practitionerId,
            store.Practitioner(practitionerId) is { } p ? $"{p.FirstName} {p.LastName}" : null),
    };

    private static FhirModel.HumanName Name(string first, string last, FhirModel.HumanName.NameUse use) => new()
    {
        Use = use,
        Text = $"{first} {last}",
        Family = last,
        Given = [first],
    };
}
