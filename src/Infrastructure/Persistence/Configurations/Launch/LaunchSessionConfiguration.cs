using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Launch;

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
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.LaunchType).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.CodeVerifierProtected).HasMaxLength(4096).IsRequired();
        builder.Property(s => s.QueryContextProtected).HasMaxLength(16384).IsRequired();
    }
}
