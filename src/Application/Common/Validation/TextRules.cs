using EpicZoom.Domain.Common;
using FluentValidation;

namespace EpicZoom.Application.Common.Validation;

/// <summary>Rules for any text a person or a remote system types into EpicZoom.</summary>
public static class TextRules
{
    /// <summary>
    /// Refuses control characters (NUL, ESC…), line breaks, Unicode line separators, bidirectional overrides and lone
    /// surrogates, with a message on the field: they hide what a value is, break HTTP headers and CSV rows, and
    /// PostgreSQL refuses NUL and half surrogates outright. <paramref name="allowLineBreaks"/> admits CR, LF and tab
    /// for multi-line text such as a message template.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule, bool allowLineBreaks = false) =>
        rule.Custom((value, context) =>
        {
            if (SafeText.FindUnsafeCharacter(value, allowLineBreaks) is { } problem) context.AddFailure($"This field {problem}");
        });
}
