using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations;

internal sealed class LaunchSessionConfiguration : IEntityTypeConfiguration<LaunchSession>
{
    public void Configure(EntityTypeBuilder<LaunchSession> builder)
    {
        builder.ToTable("LaunchSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.StateHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => s.StateHash).IsUnique();
        builder.HasIndex(s => s.ExpiresAtUtc);
        builder.Property(s => s.TenantId).HasConversion(id => id.Value, value => new TenantId(value));
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.LaunchType).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.CodeVerifierProtected).HasMaxLength(4096).IsRequired();
        builder.Property(s => s.QueryContextProtected).HasMaxLength(16384).IsRequired();
    }
}

internal sealed class LaunchRecordConfiguration : IEntityTypeConfiguration<LaunchRecord>
{
    public void Configure(EntityTypeBuilder<LaunchRecord> builder)
    {
        builder.ToTable("LaunchRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.TenantId).HasConversion(id => id!.Value.Value, value => new TenantId(value));
        builder.Property(r => r.LaunchType).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Csn).HasMaxLength(100);
        builder.Property(r => r.Outcome).HasMaxLength(40).IsRequired();
        builder.Property(r => r.UpstreamCalls).HasMaxLength(500).IsRequired();
        builder.Property(r => r.Detail).HasMaxLength(LaunchRecord.MaxDetailLength);
        builder.Property(r => r.Notes).HasMaxLength(LaunchRecord.MaxNotesLength);
        builder.HasIndex(r => r.AtUtc);
    }
}
