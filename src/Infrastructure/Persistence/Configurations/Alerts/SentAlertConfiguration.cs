using EpicZoom.Domain.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Alerts;

internal sealed class SentAlertConfiguration : IEntityTypeConfiguration<SentAlert>
{
    public void Configure(EntityTypeBuilder<SentAlert> builder)
    {
        builder.ToTable("SentAlerts");
        // The key is the claim: two instances inserting the first delivery of an alert at once, one wins.
        builder.HasKey(d => d.Key);
        builder.Property(d => d.Key).HasMaxLength(SentAlert.MaxKeyLength).ValueGeneratedNever();
    }
}
