using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Notifications;

/// <summary>Applied by <see cref="AppDbContext"/> with its provider (the pending indexes' predicates are provider SQL).</summary>
internal sealed class NotificationRecordConfiguration(PartialIndexes sql)
{
    public void Configure(EntityTypeBuilder<NotificationRecord> builder)
    {
        builder.ToTable("NotificationRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Csn).HasMaxLength(VideoVisit.MaxCsnLength).IsRequired();
        builder.Property(r => r.ExternalId).HasMaxLength(256).IsRequired();
        builder.Property(r => r.ExternalIdType).HasMaxLength(10).IsRequired();
        builder.Property(r => r.StatusCode).HasMaxLength(10).IsRequired();
        builder.Property(r => r.ParticipantRole).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.LeaseOwner).HasMaxLength(100);
        builder.Property(r => r.Payload).HasMaxLength(NotificationRecord.MaxPayloadLength);
        builder.Property(r => r.TraceParent).HasMaxLength(Domain.Webhooks.ZoomWebhookEvent.MaxTraceParentLength);
        // Two processors can never write the same report twice: a participant's sequence numbers are unique.
        builder.HasIndex(r => new { r.ParticipantId, r.Sequence }).IsUnique();
        // The dispatcher's queue (INotificationClaims): pending records by next attempt, and the pending connection
        // reports per person, which the claim probes for each candidate ("is an earlier report of this person still
        // pending?"). Only pending rows are in them: the probe reads one person's few entries, never every pending row.
        var pending = $"{sql.Column("Status")} = {sql.Text(nameof(NotificationStatus.Pending))}";
        builder.HasIndex(r => r.NextAttemptAtUtc, "IX_NotificationRecords_Pending").HasFilter(pending);
        builder.HasIndex(r => new { r.ParticipantId, r.Sequence }, "IX_NotificationRecords_PendingReports")
            .HasFilter($"{pending} AND {sql.Column("Kind")} <> {sql.Text(nameof(NotificationKind.DeviceTest))}");
        // The Notification Records search (SearchNotificationsQuery: newest first by OccurredAtUtc, CreatedAtUtc, Id, keyset
        // paged) filters by CSN or meeting id, participant, Status, LastRespCode, tenant and an OccurredAtUtc range. Each
        // filter's index ends in the whole order key, so a page, however deep, is one seek to its cursor and a read in order
        // (docs/benchmarks.md, "Notification search"). CSN and meeting id match a handful of rows: sorted, not indexed so.
        builder.HasIndex(r => r.Csn);
        builder.HasIndex(r => r.ZoomMeetingId);
        builder.HasIndex(r => new { r.OccurredAtUtc, r.CreatedAtUtc, r.Id });
        builder.HasIndex(r => new { r.ExternalId, r.OccurredAtUtc, r.CreatedAtUtc, r.Id });
        builder.HasIndex(r => new { r.Status, r.OccurredAtUtc, r.CreatedAtUtc, r.Id });
        builder.HasIndex(r => new { r.LastRespCode, r.OccurredAtUtc, r.CreatedAtUtc, r.Id });
        // The tenant filter, and the cascade from Tenants (its first column).
        builder.HasIndex(r => new { r.TenantId, r.OccurredAtUtc, r.CreatedAtUtc, r.Id });
        builder.HasMany(r => r.Attempts).WithOne().HasForeignKey(a => a.NotificationRecordId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Attempts).HasField("attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
