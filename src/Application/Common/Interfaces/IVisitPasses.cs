namespace EpicZoom.Application.Common.Interfaces;

/// <summary>
/// What a signed visit link grants: one participant of one visit, for one purpose; <paramref name="ActorId"/> is who
/// acts for them (the clinician texting the patient a link), when that is someone else.
/// </summary>
public sealed record VisitPass(Guid VisitId, Guid ParticipantId, string Purpose, Guid? ActorId = null)
{
    public const string WaitingRoom = "wait";
    public const string DeviceTest = "devicetest";
    public const string TextPatient = "sms";

    /// <summary>The clinician's "Invite a guest" panel: the participant is the clinician who invites.</summary>
    public const string InviteGuests = "guests";
}

/// <summary>
/// Signed, expiring, tamper-proof tokens for links patients open without signing in (the waiting page, the device
/// test). Nothing is stored; a tampered or expired token reads as null.
/// </summary>
public interface IVisitPasses
{
    string Issue(VisitPass pass, TimeSpan lifetime);

    VisitPass? Read(string token);
}
