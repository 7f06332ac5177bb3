using EpicZoom.Domain.DeviceTests;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.DeviceTests;

internal sealed class DeviceTestResultConfiguration : IEntityTypeConfiguration<DeviceTestResult>
{
    public void Configure(EntityTypeBuilder<DeviceTestResult> builder)
    {
        builder.ToTable("DeviceTestResults");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<VideoVisit>().WithMany().HasForeignKey(r => r.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Csn).HasMaxLength(VideoVisit.MaxCsnLength).IsRequired();
        builder.Property(r => r.EpicId).HasMaxLength(256).IsRequired();
        builder.Ignore(r => r.Passed);
        builder.HasIndex(r => r.TestedAtUtc);
    }
}
