using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Visits;

internal sealed class VideoVisitConfiguration : IEntityTypeConfiguration<VideoVisit>
{
    public void Configure(EntityTypeBuilder<VideoVisit> builder)
    {
        builder.ToTable("VideoVisits");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Csn).HasMaxLength(VideoVisit.MaxCsnLength).IsRequired();
        // One visit per encounter: concurrent first launches race on this index, and exactly one insert wins.
        builder.HasIndex(v => new { v.TenantId, v.Csn }).IsUnique();
        builder.HasIndex(v => v.ZoomMeetingId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.ZoomMeetingUuid).HasMaxLength(100);
        builder.Property(v => v.HostZoomUserId).HasMaxLength(100);
        builder.Property(v => v.HostEpicId).HasMaxLength(256);
        builder.Property(v => v.JoinUrlProtected).HasMaxLength(8192);
        builder.Property(v => v.MeetingPasswordProtected).HasMaxLength(4096);
        builder.Property(v => v.MeetingClaim).HasMaxLength(VideoVisit.MaxClaimLength);
        // The aggregate raises it on every change of the visit row: a save from a stale view fails and is redone.
        builder.Property(v => v.Version).IsConcurrencyToken().HasDefaultValue(0);
        builder.Property(v => v.SettingsWarning).HasMaxLength(1000);

        builder.HasMany(v => v.Participants).WithOne().HasForeignKey("VisitId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Participants).HasField("participants").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
