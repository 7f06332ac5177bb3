using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.Guests;

public readonly record struct GuestInviteId(Guid Value)
{
    public static GuestInviteId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString("N");
}

public enum GuestChannel
{
    Sms,
    Email,
}

/// <summary>Where the invitation's last sending stands; only <see cref="Sending"/> is not final.</summary>
public enum GuestInviteStatus
{
    Sending,
    Sent,
    Failed,

    /// <summary>The mail server may or may not have taken it: EpicZoom never resends on its own (it could mail twice).</summary>
    Unconfirmed,

    /// <summary>EpicZoom would not send (the number replied STOP, or a limit): nothing went out.</summary>
    Refused,
}

/// <summary>
/// A guest a clinician or an admin invited into one visit: an interpreter, a family member, another clinician. The guest
/// is a <see cref="VisitParticipant"/> (role <see cref="ParticipantRole.Guest"/>, never host) so their Zoom sessions
/// light up like anyone's, but they are never reported to Epic. Their link is this invite's id, signed; it dies with
/// the visit, with <see cref="Revoke"/> or after <see cref="MaxLifetime"/> (a resend renews it). The contact is kept
/// masked for people, hashed for matching, and encrypted only for a resend.
/// </summary>
public sealed class GuestInvite
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);
    public const int MaxDisplayNameLength = 64;
    public const int MaxLanguageLength = 50;
    public const int MaxDetailLength = 300;
    public const int MaxInvitedByLength = 256;
    public const string EpicIdPrefix = "guest:";

    private GuestInvite()
    {
        DisplayName = "";
        ContactMasked = "";
        ContactHash = "";
        ContactProtected = "";
        InvitedBy = "";
    }

    public GuestInviteId Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public VisitId VisitId { get; private set; }
    public Guid ParticipantId { get; private set; }
    public GuestRole Role { get; private set; }
    public string? Language { get; private set; }
    public string DisplayName { get; private set; }
    public GuestChannel Channel { get; private set; }
    public string ContactMasked { get; private set; }
    public string ContactHash { get; private set; }
    public string ContactProtected { get; private set; }
    public string InvitedBy { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public GuestInviteStatus Status { get; private set; }
    public string? Detail { get; private set; }
    public int SendCount { get; private set; }
    public DateTime? LastSentAtUtc { get; private set; }
    public int OpenCount { get; private set; }
    public DateTime? LastOpenedAtUtc { get; private set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    /// <summary>Counts toward the tenant's guests per visit: not revoked, and not refused before anything went out.</summary>
    public bool CountsTowardLimit => !IsRevoked && Status != GuestInviteStatus.Refused;

    /// <summary>"Interpreter (Spanish)", "Family member or caregiver": the role as the Visits page shows it.</summary>
    public string RoleLabel => Label(Role, Language);

    /// <summary>The name Zoom shows: "Ana Ruiz (interpreter, Spanish)".</summary>
    public string ZoomDisplayName => Language is null ? $"{DisplayName} ({Role.Label()})" : $"{DisplayName} ({Role.Label()}, {Language})";

    public static string Label(GuestRole role, string? language)
    {
        var label = role.Label();
        label = char.ToUpperInvariant(label[0]) + label[1..];
        return language is null ? label : $"{label} ({language})";
    }

    /// <summary>
    /// Invites a guest: the visit must be on, the tenant must allow the role, and the visit must have room under the
    /// tenant's limit (<paramref name="countingInvites"/> = the visit's invites that <see cref="CountsTowardLimit"/>).
    /// The guest is enlisted in the visit at once, so their sessions map back whenever they join.
    /// </summary>
    public static GuestInvite Issue(VideoVisit visit, GuestSettings settings, int countingInvites, GuestRole role, string? language,
        string displayName, GuestChannel channel, string contactMasked, string contactHash, string contactProtected, string invitedBy, DateTime nowUtc)
    {
        if (!settings.Enabled)
            throw new DomainRuleViolationException("GuestsEnabled", "Inviting guests is switched off for this organisation.");
        if (!Enum.IsDefined(role) || !settings.Allows(role))
            throw new DomainRuleViolationException("GuestRoleAllowed", $"This organisation does not allow inviting a guest as {(Enum.IsDefined(role) ? role.Label() : "that role")}.");
        if (visit.EndedAtUtc is not null)
            throw new DomainRuleViolationException("GuestsForOpenVisits", "This visit has ended; guests can no longer be invited.");
        if (countingInvites >= settings.MaxGuestsPerVisit)
            throw new DomainRuleViolationException("GuestsPerVisit", $"This visit already has {settings.MaxGuestsPerVisit} guests, the most your organisation allows. Revoke one to invite another.");
        if (!Enum.IsDefined(channel))
            throw new DomainRuleViolationException("GuestChannelKnown", "Invite a guest by text message or e-mail.");
        var name = NameProblem(displayName) is { } nameProblem
            ? throw new DomainRuleViolationException("GuestNamed", nameProblem)
            : displayName.Trim();
        var lang = LanguageProblem(role, language) is { } languageProblem
            ? throw new DomainRuleViolationException("InterpreterLanguage", languageProblem)
            : role == GuestRole.Interpreter ? language!.Trim() : null;
        if (string.IsNullOrWhiteSpace(contactMasked) || string.IsNullOrWhiteSpace(contactHash) || string.IsNullOrWhiteSpace(contactProtected))
            throw new DomainRuleViolationException("GuestContact", "A guest needs a mobile number or an e-mail address.");
        if (string.IsNullOrWhiteSpace(invitedBy))
            throw new DomainRuleViolationException("GuestInviter", "An invitation names who sent it.");

        var id = GuestInviteId.New();
        var participant = visit.Enlist(EpicIdPrefix + id, ParticipantRole.Guest, null, isHost: false, nowUtc);
        return new GuestInvite
        {
            Id = id, TenantId = visit.TenantId, VisitId = visit.Id, ParticipantId = participant.Id, Role = role, Language = lang,
            DisplayName = name, Channel = channel, ContactMasked = contactMasked, ContactHash = contactHash, ContactProtected = contactProtected,
            InvitedBy = SafeText.Clip(invitedBy, MaxInvitedByLength), CreatedAtUtc = nowUtc, ExpiresAtUtc = nowUtc + MaxLifetime,
            Status = GuestInviteStatus.Sending, SendCount = 1, LastSentAtUtc = nowUtc,
        };
    }

    /// <summary>Why this cannot be a guest's name, or null: 1 to 64 characters on one line, no invisible characters.</summary>
    public static string? NameProblem(string? displayName)
    {
        var name = displayName?.Trim() ?? "";
        if (name.Length == 0) return "Enter the guest's name, as the clinician will see it in Zoom.";
        if (name.Length > MaxDisplayNameLength) return $"The guest's name has at most {MaxDisplayNameLength} characters.";
        return SafeText.FindUnsafeCharacter(name) is { } problem ? $"The guest's name {problem}" : null;
    }

    /// <summary>An interpreter needs the language (letters, spaces and hyphens, up to 50); other roles have none.</summary>
    public static string? LanguageProblem(GuestRole role, string? language)
    {
        if (role != GuestRole.Interpreter) return null;
        var text = language?.Trim() ?? "";
        if (text.Length == 0) return "Enter the language the interpreter interprets.";
        if (text.Length > MaxLanguageLength) return $"The language has at most {MaxLanguageLength} characters.";
        return text.All(c => char.IsLetter(c) || c is ' ' or '-') ? null : "The language may contain only letters, spaces and hyphens.";
    }

    /// <summary>The link lets the guest in while the visit is on, the invite is not revoked and not older than its lifetime.</summary>
    public bool IsValidFor(VideoVisit visit, DateTime nowUtc) =>
        visit.Id == VisitId && !IsRevoked && visit.EndedAtUtc is null && nowUtc < ExpiresAtUtc;

    /// <summary>The provider took it (or the mail server did).</summary>
    public void Sent(string? detail, DateTime nowUtc) => Finish(GuestInviteStatus.Sent, detail, nowUtc);

    public void Failed(string detail, DateTime nowUtc) => Finish(GuestInviteStatus.Failed, detail, nowUtc);

    public void Unconfirmed(string detail, DateTime nowUtc) => Finish(GuestInviteStatus.Unconfirmed, detail, nowUtc);

    public void Refused(string detail, DateTime nowUtc) => Finish(GuestInviteStatus.Refused, detail, nowUtc);

    /// <summary>A person sends the invitation again: same link, lifetime restarted. Not for a revoked invite or an ended visit.</summary>
    public void Resend(VideoVisit visit, DateTime nowUtc)
    {
        if (IsRevoked) throw new DomainRuleViolationException("RevokedInvitesStayRevoked", "This invitation was revoked; invite the guest again instead.");
        if (visit.Id != VisitId || visit.EndedAtUtc is not null)
            throw new DomainRuleViolationException("GuestsForOpenVisits", "This visit has ended; the invitation cannot be sent again.");
        if (Status == GuestInviteStatus.Sending)
            throw new DomainRuleViolationException("OneSendingAtATime", "This invitation is being sent right now.");
        Status = GuestInviteStatus.Sending;
        Detail = null;
        SendCount++;
        LastSentAtUtc = nowUtc;
        ExpiresAtUtc = nowUtc + MaxLifetime;
    }

    /// <summary>The link stops working at once; the record stays (every invite is kept).</summary>
    public void Revoke(DateTime nowUtc)
    {
        if (IsRevoked) throw new DomainRuleViolationException("RevokedInvitesStayRevoked", "This invitation is already revoked.");
        RevokedAtUtc = nowUtc;
    }

    public void Opened(DateTime nowUtc)
    {
        OpenCount++;
        LastOpenedAtUtc = nowUtc;
    }

    private void Finish(GuestInviteStatus status, string? detail, DateTime nowUtc)
    {
        if (Status != GuestInviteStatus.Sending)
            throw new DomainRuleViolationException("SendingFinishesOnce", "This sending already has its outcome.");
        Status = status;
        Detail = detail is null ? null : SafeText.Sanitize(detail, MaxDetailLength);
        LastSentAtUtc = nowUtc;
    }
}
