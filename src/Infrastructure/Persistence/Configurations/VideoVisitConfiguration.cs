using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations;

internal sealed class VideoVisitConfiguration : IEntityTypeConfiguration<VideoVisit>
{
    public void Configure(EntityTypeBuilder<VideoVisit> builder)
    {
        builder.ToTable("VideoVisits");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasConversion(id => id.Value, value => new VisitId(value));
        builder.Property(v => v.TenantId).HasConversion(id => id.Value, value => new TenantId(value));
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
        builder.Property(v => v.MeetingClaim).HasMaxLength(64);
        builder.Property(v => v.SettingsWarning).HasMaxLength(1000);

        builder.HasMany(v => v.Participants).WithOne().HasForeignKey("VisitId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Participants).HasField("participants").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class VisitParticipantConfiguration : IEntityTypeConfiguration<VisitParticipant>
{
    public void Configure(EntityTypeBuilder<VisitParticipant> builder)
    {
        builder.ToTable("VisitParticipants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.EpicId).HasMaxLength(256).IsRequired();
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ZoomUserId).HasMaxLength(100);
        builder.HasIndex(p => p.ZoomUserId);
        // Concurrent launches of one person in one visit enlist them once.
        builder.HasIndex("VisitId", nameof(VisitParticipant.EpicId), nameof(VisitParticipant.Role)).IsUnique();
        builder.Property(p => p.ConnectionVersion).IsConcurrencyToken().HasDefaultValue(0);
        builder.Ignore(p => p.CustomerKey);
        builder.HasMany(p => p.Sessions).WithOne().HasForeignKey(s => s.ParticipantId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Sessions).HasField("sessions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ParticipantSessionConfiguration : IEntityTypeConfiguration<ParticipantSession>
{
    public void Configure(EntityTypeBuilder<ParticipantSession> builder)
    {
        builder.ToTable("ParticipantSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Key).HasMaxLength(ParticipantSession.MaxKeyLength).IsRequired();
        // Two processors seeing a person's new session at once insert it once; the loser retries and finds it.
        builder.HasIndex(s => new { s.ParticipantId, s.Key }).IsUnique();
    }
}
