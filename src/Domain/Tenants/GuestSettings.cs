using System.Text.RegularExpressions;

namespace EpicZoom.Domain.Tenants;

/// <summary>The kind of person a clinician invites into a visit besides the patient.</summary>
public enum GuestRole
{
    FamilyCaregiver,
    Interpreter,
    Clinician,
}

/// <summary>The guest roles a tenant allows, as a set.</summary>
[Flags]
public enum GuestRoles
{
    None = 0,
    FamilyCaregiver = 1,
    Interpreter = 2,
    Clinician = 4,
    All = FamilyCaregiver | Interpreter | Clinician,
}

public static class GuestRoleNames
{
    /// <summary>The role as a guest, a clinician and the invitation read it.</summary>
    public static string Label(this GuestRole role) => role switch
    {
        GuestRole.FamilyCaregiver => "family member or caregiver",
        GuestRole.Interpreter => "interpreter",
        GuestRole.Clinician => "clinician",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static GuestRoles AsSet(this GuestRole role) => role switch
    {
        GuestRole.FamilyCaregiver => GuestRoles.FamilyCaregiver,
        GuestRole.Interpreter => GuestRoles.Interpreter,
        GuestRole.Clinician => GuestRoles.Clinician,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

/// <summary>
/// Whether clinicians may invite guests (a family member, an interpreter, another clinician) into a visit, which roles,
/// how many per visit, and the invitation texts. The templates may name only <c>{link}</c>, <c>{organization}</c> and
/// <c>{role}</c>, so no invitation can carry PHI whatever an admin types.
/// </summary>
public sealed partial record GuestSettings(
    bool Enabled, GuestRoles AllowedRoles, int MaxGuestsPerVisit, string SmsTemplate, string EmailSubject, string EmailTemplate)
{
    public const string LinkPlaceholder = "{link}";
    public const string OrganizationPlaceholder = "{organization}";
    public const string RolePlaceholder = "{role}";
    public const int DefaultMaxGuests = 5;
    public const int MaxGuestsLimit = 20;
    public const int MaxSmsTemplateLength = 320;
    public const int MaxEmailSubjectLength = 200;
    public const int MaxEmailTemplateLength = 4000;

    public const string DefaultSmsTemplate = "{organization} invites you to a video visit as {role}. Join here: {link} Reply STOP to opt out.";
    public const string DefaultEmailSubject = "Your video visit invitation from {organization}";
    public const string DefaultEmailTemplate =
        "Hello,\n\n{organization} invites you to join a video visit as {role}.\n\nJoin here: {link}\n\n" +
        "The link opens a waiting room; the clinician lets you in. It works only for this visit and stops working when the visit ends.";

    /// <summary>Guests are off until an admin switches them on; every role allowed, five per visit.</summary>
    public static GuestSettings Default { get; } =
        new(false, GuestRoles.All, DefaultMaxGuests, DefaultSmsTemplate, DefaultEmailSubject, DefaultEmailTemplate);

    public bool Allows(GuestRole role) => Enabled && AllowedRoles.HasFlag(role.AsSet());

    /// <summary>Why these settings cannot be saved, or null; each problem names its field.</summary>
    public string? Problem()
    {
        if (MaxGuestsPerVisit is < 1 or > MaxGuestsLimit) return $"Guests per visit must be between 1 and {MaxGuestsLimit}.";
        if (Enabled && AllowedRoles == GuestRoles.None) return "Allow at least one guest role, or switch guests off.";
        if ((AllowedRoles & ~GuestRoles.All) != 0) return "Unknown guest role.";
        return TemplateProblem("SMS invitation", SmsTemplate, MaxSmsTemplateLength, requireLink: true)
            ?? TemplateProblem("E-mail subject", EmailSubject, MaxEmailSubjectLength, requireLink: false)
            ?? TemplateProblem("E-mail invitation", EmailTemplate, MaxEmailTemplateLength, requireLink: true);
    }

    /// <summary>Why a template cannot be used, or null: a text body holds {link} exactly once; only the three placeholders are known.</summary>
    public static string? TemplateProblem(string what, string template, int maxLength, bool requireLink)
    {
        if (string.IsNullOrWhiteSpace(template)) return $"The {what} is required.";
        if (template.Length > maxLength) return $"The {what} must be at most {maxLength} characters.";
        if (template.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') || (!requireLink && template.Any(c => c is '\r' or '\n')))
            return $"The {what} contains control characters{(requireLink ? "" : " or line breaks")}.";
        var placeholders = Placeholder().Matches(template).Select(m => m.Value).ToList();
        var links = placeholders.Count(p => p == LinkPlaceholder);
        if (requireLink && links != 1) return $"The {what} must contain {{link}} exactly once.";
        if (!requireLink && links != 0) return $"The {what} may not contain {{link}}.";
        var unknown = placeholders.FirstOrDefault(p => p is not LinkPlaceholder and not OrganizationPlaceholder and not RolePlaceholder);
        return unknown is null ? null
            : $"The {what} may use only {{link}}, {{organization}} and {{role}}; '{unknown}' is not allowed (it could carry patient data).";
    }

    public string RenderSms(string link, string organization, GuestRole role) => Render(SmsTemplate, link, organization, role);

    public string RenderEmailSubject(string organization, GuestRole role) => Render(EmailSubject, "", organization, role);

    public string RenderEmail(string link, string organization, GuestRole role) => Render(EmailTemplate, link, organization, role);

    private static string Render(string template, string link, string organization, GuestRole role) =>
        template.Replace(OrganizationPlaceholder, organization, StringComparison.Ordinal)
            .Replace(RolePlaceholder, role.Label(), StringComparison.Ordinal)
            .Replace(LinkPlaceholder, link, StringComparison.Ordinal);

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
