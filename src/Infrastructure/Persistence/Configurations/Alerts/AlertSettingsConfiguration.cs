using EpicZoom.Domain.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Alerts;

internal sealed class AlertSettingsConfiguration : IEntityTypeConfiguration<AlertSettings>
{
    public void Configure(EntityTypeBuilder<AlertSettings> builder)
    {
        builder.ToTable("AlertSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.WebhookUrlProtected).HasMaxLength(4000);
        builder.Property(s => s.WebhookHost).HasMaxLength(AlertSettings.MaxHostLength);
    }
}
