using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Visits;

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
