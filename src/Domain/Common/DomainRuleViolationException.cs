namespace EpicZoom.Domain.Common;

/// <summary>Thrown when a behaviour method would break a named invariant of an aggregate.</summary>
public sealed class DomainRuleViolationException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}
