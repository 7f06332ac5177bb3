namespace EpicZoom.Infrastructure.Persistence.Configurations;

/// <summary>
/// Predicates of partial (SQL Server: filtered) indexes in the provider's own SQL. A queue's index holds only the rows
/// still waiting, so it stays small however long the history grows, and a row that leaves the queue (processed,
/// delivered) drops out of it instead of leaving a dead entry for every later scan to step over. The queries that use
/// one name the same conditions with literal values (constants, never parameters), which is what lets each planner
/// prove the predicate and pick the index.
/// </summary>
internal sealed class PartialIndexes(DatabaseProvider provider)
{
    public string Column(string name) => provider == DatabaseProvider.SqlServer ? $"[{name}]" : $"\"{name}\"";

    public string Text(string value) => provider == DatabaseProvider.SqlServer ? $"N'{value}'" : $"'{value}'";
}
