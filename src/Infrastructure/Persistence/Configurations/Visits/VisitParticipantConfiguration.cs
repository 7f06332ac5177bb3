using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Visits;

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
