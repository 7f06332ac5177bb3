using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Webhooks;

/// <summary>Applied by <see cref="AppDbContext"/> with its provider (the pending index's predicate is provider SQL).</summary>
internal sealed class ZoomWebhookEventConfiguration(PartialIndexes sql)
{
    public void Configure(EntityTypeBuilder<ZoomWebhookEvent> builder)
    {
        builder.ToTable("WebhookEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.EventType).HasMaxLength(ZoomWebhookEvent.MaxEventTypeLength).IsRequired();
        builder.Property(e => e.BodyHash).HasMaxLength(64).IsRequired();
        // Zoom re-delivers an event with the same body: stored once.
        builder.HasIndex(e => new { e.TenantId, e.BodyHash }).IsUnique();
        // The processor's queue: the events still to process, oldest first (ProcessWebhookEventsCommand, the queue figures).
        builder.HasIndex(e => e.ReceivedAtUtc, "IX_WebhookEvents_Pending")
            .HasFilter($"{sql.Column("ProcessedAtUtc")} IS NULL AND {sql.Column("NeedsAttentionSinceUtc")} IS NULL");
        // The leaves among them, held until they settle: the next one to settle, and the settled ones oldest first,
        // found without reading every pending join (thousands under load) on the way.
        builder.HasIndex(e => e.ReceivedAtUtc, "IX_WebhookEvents_PendingLeaves")
            .HasFilter($"{sql.Column("ProcessedAtUtc")} IS NULL AND {sql.Column("NeedsAttentionSinceUtc")} IS NULL" +
                $" AND {sql.Column("EventType")} = {sql.Text(ZoomEventNames.ParticipantLeft)}");
        builder.Property(e => e.BodyProtected).IsRequired();
        builder.Property(e => e.ProcessingNote).HasMaxLength(ZoomWebhookEvent.MaxNoteLength);
        builder.Ignore(e => e.NeedsAttention);
        builder.Property(e => e.TraceParent).HasMaxLength(ZoomWebhookEvent.MaxTraceParentLength);
        // The "Webhook events" page lists the events that need attention: only those are in it. Unfiltered, SQLite's
        // planner took it for every pending-queue query (NeedsAttentionSinceUtc IS NULL is an equality it can seek),
        // which read every row ever received, processed ones included, and sorted them.
        builder.HasIndex(e => e.NeedsAttentionSinceUtc).HasFilter($"{sql.Column("NeedsAttentionSinceUtc")} IS NOT NULL");
    }
}
