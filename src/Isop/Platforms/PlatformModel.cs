using Isop.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Platforms;

/// <summary>How platforms, their domains and their monitor settings are stored.</summary>
internal sealed class PlatformModel : IEntityTypeConfiguration<Platform>
{
    public void Configure(EntityTypeBuilder<Platform> b)
    {
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Description).HasMaxLength(4000);
        b.HasIndex(p => p.Name);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(p => p.Domains, d =>
        {
            d.ToTable("PlatformDomains");
            d.WithOwner(x => x.Platform);
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).ValueGeneratedNever();
            d.Property(x => x.Name).HasMaxLength(253);
            d.Property(x => x.DarkReason).HasMaxLength(200);
            d.HasIndex(x => x.Name);
        });
        b.Navigation(p => p.Domains).AutoInclude();
        b.OwnsOne(p => p.Monitor, m =>
        {
            m.ToTable("PlatformMonitors");
            m.WithOwner(x => x.Platform);
            m.Property(x => x.Seeds).HasMaxLength(20_000);
            m.Property(x => x.Resolve).HasMaxLength(20_000);
            m.Property(x => x.Profile).HasMaxLength(20_000);
            m.HasIndex(x => x.NextRunAt);
        });
        b.Navigation(p => p.Monitor).IsRequired().AutoInclude();
    }
}
