using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Data;

/// <summary>How the audit chain and its head are stored.</summary>
internal sealed class AuditModel : IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.HasKey(a => a.Sequence);
        b.Property(a => a.Sequence).ValueGeneratedNever();
        b.Property(a => a.Actor).HasMaxLength(320);
        b.Property(a => a.Action).HasMaxLength(16);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(200);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        // Two writers that read the same head cannot both append: the chain never forks.
        b.HasIndex(a => a.PreviousHash).IsUnique();
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }

    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Hash).HasMaxLength(64);
        b.Property(h => h.Seal).HasMaxLength(64);
        b.HasData(new AuditHead { Id = 1, Sequence = 0, Hash = AuditEntry.Genesis });
    }
}
