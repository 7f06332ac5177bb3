using FluentValidation.Results;

namespace EpicZoom.Application.Common.Exceptions;

/// <summary>Input broke one or more rules; errors are grouped by property name so a form can show each on its field.</summary>
public sealed class ValidationException : AppException
{
    public ValidationException(IEnumerable<ValidationFailure> failures)
        : base(CommonErrors.Validation)
    {
        Errors = failures
            .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
    }

    public ValidationException(string propertyName, string message)
        : this([new ValidationFailure(propertyName, message)])
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
