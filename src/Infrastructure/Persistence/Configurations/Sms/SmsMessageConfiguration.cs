using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Sms;

internal sealed class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public void Configure(EntityTypeBuilder<SmsMessage> builder)
    {
        builder.ToTable("SmsMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<VideoVisit>().WithMany().HasForeignKey(m => m.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.LinkId).HasMaxLength(32).IsRequired();
        builder.Property(m => m.ToMasked).HasMaxLength(20).IsRequired();
        builder.Property(m => m.ToHash).HasMaxLength(64).IsRequired();
        builder.Property(m => m.ToProtected).HasMaxLength(1000).IsRequired();
        builder.Property(m => m.SentBy).HasMaxLength(256).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(64);
        builder.Property(m => m.Detail).HasMaxLength(SmsMessage.MaxDetailLength);
        builder.Ignore(m => m.CountsTowardsLimits);
        builder.HasIndex(m => new { m.VisitId, m.CreatedAtUtc });
        builder.HasIndex(m => new { m.TenantId, m.ToHash, m.CreatedAtUtc });
        builder.HasIndex(m => m.ProviderMessageId);
    }
}
