using EpicZoom.Application.Common.Interfaces.External;
using FhirModel = Hl7.Fhir.Model;

namespace EpicZoom.Infrastructure.External.Epic.Fhir;

/// <summary>Firely's Patient, Practitioner and Encounter reduced to the few facts the Application reads.</summary>
internal static class FhirResourceMapping
{
    public static FhirPerson ToPerson(string id, IEnumerable<FhirModel.HumanName> names, IEnumerable<FhirModel.ContactPoint> telecom)
    {
        var name = PreferredName(names);
        var contacts = telecom.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToList();
        var email = contacts.FirstOrDefault(t => t.System == FhirModel.ContactPoint.ContactPointSystem.Email)?.Value;
        var phones = contacts
            .Where(t => t.System is FhirModel.ContactPoint.ContactPointSystem.Phone or FhirModel.ContactPoint.ContactPointSystem.Sms)
            .ToList();
        var mobile = phones.FirstOrDefault(t =>
                t.Use == FhirModel.ContactPoint.ContactPointUse.Mobile || t.System == FhirModel.ContactPoint.ContactPointSystem.Sms)
            ?? phones.FirstOrDefault();
        return new FhirPerson(id, name?.Given.FirstOrDefault(g => !string.IsNullOrWhiteSpace(g)), name?.Family, email, mobile?.Value);
    }

    public static FhirEncounter ToEncounter(string id, FhirModel.Encounter encounter)
    {
        var practitioners = encounter.Participant
            .Select(p => ReferencedId(p.Individual?.Reference, "Practitioner"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new FhirEncounter(id, ReferencedId(encounter.Subject?.Reference, "Patient"), practitioners);
    }

    /// <summary>official, then usual, then one without a use; never old or maiden names unless nothing else exists.</summary>
    private static FhirModel.HumanName? PreferredName(IEnumerable<FhirModel.HumanName> names) =>
        names
            .OrderBy(n => n.Use switch
            {
                FhirModel.HumanName.NameUse.Official => 0,
                FhirModel.HumanName.NameUse.Usual => 1,
                null => 2,
                FhirModel.HumanName.NameUse.Old or FhirModel.HumanName.NameUse.Maiden => 4,
                _ => 3,
            })
            .FirstOrDefault();

    /// <summary>The id of "Patient/{id}" or of an absolute ".../Patient/{id}" reference; null for other types.</summary>
    private static string? ReferencedId(string? reference, string resourceType)
    {
        var parts = reference?.Split('/') ?? [];
        return parts.Length >= 2 && parts[^2] == resourceType && parts[^1].Length > 0 ? parts[^1] : null;
    }
}
