using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.DataProtection;

/// <summary>The key ring in the database (PostgreSQL, SQL Server): one row per key or revocation XML element.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    /// <summary>Data Protection names elements "key-{guid}" and "revocation-{guid or date}".</summary>
    public const int MaxFriendlyNameLength = 100;

    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(MaxFriendlyNameLength);
        // Instances starting together each import the old keys folder: a key goes in once, the others' inserts fail.
        builder.HasIndex(k => k.FriendlyName).IsUnique();
    }
}
