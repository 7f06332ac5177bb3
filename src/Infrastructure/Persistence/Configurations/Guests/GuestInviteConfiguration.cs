using EpicZoom.Domain.Guests;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Guests;

internal sealed class GuestInviteConfiguration : IEntityTypeConfiguration<GuestInvite>
{
    public void Configure(EntityTypeBuilder<GuestInvite> builder)
    {
        builder.ToTable("GuestInvites");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasOne<VideoVisit>().WithMany().HasForeignKey(i => i.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Language).HasMaxLength(GuestInvite.MaxLanguageLength);
        builder.Property(i => i.DisplayName).HasMaxLength(GuestInvite.MaxDisplayNameLength).IsRequired();
        builder.Property(i => i.ContactMasked).HasMaxLength(40).IsRequired();
        builder.Property(i => i.ContactHash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.ContactProtected).HasMaxLength(1000).IsRequired();
        builder.Property(i => i.InvitedBy).HasMaxLength(GuestInvite.MaxInvitedByLength).IsRequired();
        builder.Property(i => i.Detail).HasMaxLength(GuestInvite.MaxDetailLength);
        builder.Ignore(i => i.IsRevoked);
        builder.Ignore(i => i.CountsTowardLimit);
        builder.Ignore(i => i.RoleLabel);
        builder.Ignore(i => i.ZoomDisplayName);
        builder.HasIndex(i => new { i.VisitId, i.CreatedAtUtc });
        builder.HasIndex(i => i.ParticipantId).IsUnique();
    }
}
