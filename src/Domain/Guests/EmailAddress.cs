using System.Text.RegularExpressions;

namespace EpicZoom.Domain.Guests;

/// <summary>
/// An address a guest is e-mailed at, as typed (trimmed): one @, a local part and a dotted domain, printable ASCII or
/// letters only, so nothing in it can break an SMTP command line or a header. Internationalised domains are allowed.
/// </summary>
public sealed partial record EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    /// <summary>What may be shown or logged: first letter of the mailbox and the top-level domain ("m•••@•••.org").</summary>
    public string Masked => Mask(Value);

    public static bool TryParse(string? input, out EmailAddress? address, out string problem)
    {
        address = null;
        var text = input?.Trim() ?? "";
        if (text.Length == 0) { problem = "Enter the guest's e-mail address."; return false; }
        if (text.Length > MaxLength) { problem = $"An e-mail address has at most {MaxLength} characters."; return false; }
        if (!Shape().IsMatch(text))
        {
            problem = "That is not an e-mail address (name@example.org, without spaces).";
            return false;
        }
        var at = text.LastIndexOf('@');
        if (at > 64) { problem = "The part before @ has at most 64 characters."; return false; }
        address = new EmailAddress(text);
        problem = "";
        return true;
    }

    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0) return "•••";
        var dot = address.LastIndexOf('.');
        var top = dot > at ? address[dot..] : "";
        return $"{address[0]}•••@•••{top}";
    }

    public override string ToString() => Masked;

    // No whitespace, controls, quotes, angle brackets, commas or semicolons (header and command injection), one @.
    [GeneratedRegex(@"^[^\s@""<>()\[\],;:\\\p{C}]+@[^\s@""<>()\[\],;:\\\p{C}]+\.[^\s@""<>()\[\],;:\\\p{C}.]{2,}$")]
    private static partial Regex Shape();
}
