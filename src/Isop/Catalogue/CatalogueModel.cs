using System.Text.Json;
using Isop.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Catalogue;

/// <summary>How works and their titles, aliases, seasons and fingerprints are stored.</summary>
internal sealed class CatalogueModel : IEntityTypeConfiguration<Work>, IEntityTypeConfiguration<CatalogueVersion>
{
    private static readonly JsonSerializerOptions SeasonTitleJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Configure(EntityTypeBuilder<CatalogueVersion> b)
    {
        b.HasKey(v => v.OrganisationId);
        b.Property(v => v.OrganisationId).ValueGeneratedNever();
        b.HasOne<Organisation>().WithMany().HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Work> b)
    {
        b.Property(w => w.ExternalId).HasMaxLength(100);
        b.Property(w => w.RightsHolder).HasMaxLength(200);
        b.HasIndex(w => new { w.OwnerOrganisationId, w.ExternalId }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(w => w.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(w => w.Titles, t =>
        {
            t.ToTable("WorkTitles");
            t.WithOwner(x => x.Work);
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).ValueGeneratedNever();
            t.Property(x => x.Text).HasMaxLength(500);
            t.Property(x => x.Language).HasMaxLength(35);
        });
        b.OwnsMany(w => w.Aliases, a =>
        {
            a.ToTable("WorkAliases");
            a.WithOwner(x => x.Work);
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.Text).HasMaxLength(500);
        });
        b.OwnsMany(w => w.Seasons, x =>
        {
            x.ToTable("WorkSeasons");
            x.WithOwner(y => y.Work);
            x.HasKey(y => y.Id);
            x.Property(y => y.Id).ValueGeneratedNever();
            // A season's few titles are kept with it, as JSON: [{"Text": "스위트홈 2", "Language": "ko"}].
            x.Property(y => y.Titles).HasMaxLength(8000).HasConversion(
                v => JsonSerializer.Serialize(v, SeasonTitleJson),
                v => JsonSerializer.Deserialize<List<CatalogueTitle>>(v, SeasonTitleJson) ?? new List<CatalogueTitle>(),
                new ValueComparer<List<CatalogueTitle>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t)), v => v.ToList()));
        });
        b.OwnsMany(w => w.Offers, o =>
        {
            o.ToTable("WorkOffers");
            o.WithOwner(x => x.Work);
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.Service).HasMaxLength(100);
            o.Property(x => x.Url).HasMaxLength(2100);
            o.Property(x => x.Countries).HasMaxLength(760);
            o.Ignore(x => x.CountryList);
        });
        b.OwnsMany(w => w.Fingerprints, f =>
        {
            f.ToTable("WorkFingerprints");
            f.WithOwner(x => x.Work);
            f.HasKey(x => x.Id);
            f.Property(x => x.Id).ValueGeneratedNever();
            f.Property(x => x.Pdq).HasMaxLength(64);
            f.Property(x => x.Source).HasMaxLength(260);
        });
        b.Navigation(w => w.Titles).AutoInclude();
        b.Navigation(w => w.Aliases).AutoInclude();
        b.Navigation(w => w.Seasons).AutoInclude();
        b.Navigation(w => w.Offers).AutoInclude();
    }
}
