using EpicZoom.Domain.Launch;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Launch;

internal sealed class LaunchRecordConfiguration : IEntityTypeConfiguration<LaunchRecord>
{
    public void Configure(EntityTypeBuilder<LaunchRecord> builder)
    {
        builder.ToTable("LaunchRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.LaunchType).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Csn).HasMaxLength(100);
        builder.Property(r => r.Outcome).HasMaxLength(40).IsRequired();
        builder.Property(r => r.UpstreamCalls).HasMaxLength(500).IsRequired();
        builder.Property(r => r.Detail).HasMaxLength(LaunchRecord.MaxDetailLength);
        builder.Property(r => r.Notes).HasMaxLength(LaunchRecord.MaxNotesLength);
        builder.HasIndex(r => r.AtUtc);
    }
}
