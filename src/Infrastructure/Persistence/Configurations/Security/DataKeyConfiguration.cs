using EpicZoom.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Security;

internal sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKey>
{
    public void Configure(EntityTypeBuilder<DataKey> builder)
    {
        builder.ToTable("DataKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(DataKey.IdLength).ValueGeneratedNever();
        builder.Property(k => k.Purpose).HasMaxLength(100).IsRequired();
        builder.Property(k => k.WrappedKey).IsRequired();
        builder.HasIndex(k => new { k.Purpose, k.CreatedAtUtc });
    }
}
