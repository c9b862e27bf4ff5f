using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Access;

/// <summary>How members, organisations, tokens and shares are stored.</summary>
internal sealed class AccessModel :
    IEntityTypeConfiguration<Member>, IEntityTypeConfiguration<Organisation>,
    IEntityTypeConfiguration<ApiToken>, IEntityTypeConfiguration<RecordShare>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("Members");
        b.Property(m => m.DisplayName).HasMaxLength(200);
        b.HasOne(m => m.Organisation).WithMany(o => o.Members).HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.HasIndex(o => o.Name).IsUnique();
        b.Property(o => o.Country).HasMaxLength(2);
    }

    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.Property(t => t.Hint).HasMaxLength(16);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => t.ParentId);
        b.HasOne(t => t.Member).WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RecordShare> b)
    {
        b.ToTable("Shares");
        b.Property(s => s.RecordKind).HasMaxLength(32);
        b.HasIndex(s => new { s.RecordKind, s.RecordId });
    }
}
