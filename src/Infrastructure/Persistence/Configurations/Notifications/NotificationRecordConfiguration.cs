using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Notifications;

internal sealed class NotificationRecordConfiguration : IEntityTypeConfiguration<NotificationRecord>
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
        // Two processors can never write the same report twice: a participant's sequence numbers are unique.
        builder.HasIndex(r => new { r.ParticipantId, r.Sequence }).IsUnique();
        builder.HasIndex(r => new { r.Status, r.NextAttemptAtUtc });
        // The Notification Records search (SearchNotificationsQuery: all tenants, newest OccurredAtUtc first) filters by
        // CSN or meeting id, participant, Status, LastRespCode and an OccurredAtUtc range; each filter's index carries
        // OccurredAtUtc, so a page is read in order instead of sorting every match (docs/benchmarks.md, "Notification search").
        builder.HasIndex(r => r.Csn);
        builder.HasIndex(r => r.ZoomMeetingId);
        builder.HasIndex(r => r.OccurredAtUtc);
        builder.HasIndex(r => new { r.ExternalId, r.OccurredAtUtc });
        builder.HasIndex(r => new { r.Status, r.OccurredAtUtc });
        builder.HasIndex(r => new { r.LastRespCode, r.OccurredAtUtc });
        // The cascade from Tenants.
        builder.HasIndex(r => r.TenantId);
        builder.HasMany(r => r.Attempts).WithOne().HasForeignKey(a => a.NotificationRecordId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Attempts).HasField("attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
