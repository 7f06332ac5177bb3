using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Sms;

internal sealed class PatientLinkConfiguration : IEntityTypeConfiguration<PatientLink>
{
    public void Configure(EntityTypeBuilder<PatientLink> builder)
    {
        builder.ToTable("PatientLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.HasOne<VideoVisit>().WithMany().HasForeignKey(l => l.VisitId).OnDelete(DeleteBehavior.Cascade);
        // One link per patient of a visit: every text for that visit carries the same link.
        builder.HasIndex(l => new { l.VisitId, l.ParticipantId }).IsUnique();
    }
}
