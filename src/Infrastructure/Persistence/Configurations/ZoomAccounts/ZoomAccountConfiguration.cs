using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.ZoomAccounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.ZoomAccounts;

internal sealed class ZoomAccountConfiguration : IEntityTypeConfiguration<ZoomAccount>
{
    public void Configure(EntityTypeBuilder<ZoomAccount> builder)
    {
        builder.ToTable("ZoomAccounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.EpicId).HasMaxLength(300).IsRequired();
        builder.Property(a => a.ZoomUserId).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Email).HasMaxLength(320).IsRequired();
        builder.HasIndex(a => new { a.TenantId, a.Kind, a.EpicId, a.ZoomUserId }).IsUnique();
        builder.HasIndex(a => a.ZoomUserId);
        builder.HasIndex(a => a.DeleteAfterUtc);
    }
}
