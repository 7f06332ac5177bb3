using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations;

internal sealed class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public void Configure(EntityTypeBuilder<SmsMessage> builder)
    {
        builder.ToTable("SmsMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.TenantId).HasConversion(id => id.Value, value => new TenantId(value));
        builder.Property(m => m.VisitId).HasConversion(id => id.Value, value => new VisitId(value));
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

internal sealed class SmsOptOutConfiguration : IEntityTypeConfiguration<SmsOptOut>
{
    public void Configure(EntityTypeBuilder<SmsOptOut> builder)
    {
        builder.ToTable("SmsOptOuts");
        builder.Property(o => o.TenantId).HasConversion(id => id.Value, value => new TenantId(value));
        builder.HasKey(o => new { o.TenantId, o.NumberHash });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(o => o.NumberHash).HasMaxLength(64);
        builder.Property(o => o.NumberMasked).HasMaxLength(20).IsRequired();
    }
}

internal sealed class PatientLinkConfiguration : IEntityTypeConfiguration<PatientLink>
{
    public void Configure(EntityTypeBuilder<PatientLink> builder)
    {
        builder.ToTable("PatientLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(l => l.TenantId).HasConversion(id => id.Value, value => new TenantId(value));
        builder.Property(l => l.VisitId).HasConversion(id => id.Value, value => new VisitId(value));
        builder.HasOne<VideoVisit>().WithMany().HasForeignKey(l => l.VisitId).OnDelete(DeleteBehavior.Cascade);
        // One link per patient of a visit: every text for that visit carries the same link.
        builder.HasIndex(l => new { l.VisitId, l.ParticipantId }).IsUnique();
    }
}
