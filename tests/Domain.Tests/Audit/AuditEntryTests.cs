using EpicZoom.Domain.Audit;

namespace EpicZoom.Domain.Tests.Audit;

public class AuditEntryTests
{
    private static readonly DateTime At = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Record_KeepsEveryValue()
    {
        var entry = AuditEntry.Record(At, "alice", "TenantCreated", "Tenant", "acme", "all settings");

        Assert.NotEqual(Guid.Empty, entry.Id);
        Assert.Equal(At, entry.AtUtc);
        Assert.Equal("alice", entry.Actor);
        Assert.Equal("TenantCreated", entry.Action);
        Assert.Equal("Tenant", entry.EntityType);
        Assert.Equal("acme", entry.EntityId);
        Assert.Equal("all settings", entry.Summary);
    }

    [Fact]
    public void Record_GivesEachEntryItsOwnId()
    {
        Assert.NotEqual(AuditEntry.Record(At, "a", "x", "T", "1", "s").Id, AuditEntry.Record(At, "a", "x", "T", "1", "s").Id);
    }

    [Fact]
    public void Record_WhenSummaryIsTooLong_TruncatesItToTheMaximum()
    {
        var summary = new string('a', AuditEntry.MaxSummaryLength) + "TAIL";

        var entry = AuditEntry.Record(At, "alice", "TenantUpdated", "Tenant", "acme", summary);

        Assert.Equal(AuditEntry.MaxSummaryLength, entry.Summary.Length);
        Assert.Equal(summary[..AuditEntry.MaxSummaryLength], entry.Summary);
    }

    [Fact]
    public void Record_WhenSummaryFitsExactly_KeepsIt()
    {
        var summary = new string('a', AuditEntry.MaxSummaryLength);

        Assert.Equal(summary, AuditEntry.Record(At, "alice", "x", "T", "1", summary).Summary);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Record_WhenActorIsEmpty_AttributesTheChangeToSystem(string? actor)
    {
        Assert.Equal("system", AuditEntry.Record(At, actor!, "x", "T", "1", "s").Actor);
    }
}
