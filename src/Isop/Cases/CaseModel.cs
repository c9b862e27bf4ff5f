using Isop.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Cases;

/// <summary>
/// How cases and their parts are stored. Links and evidence keep no foreign key to the platform or work they name: a
/// case stays on record when a platform is deleted (what it names is hidden with it, and its WARC files are kept).
/// </summary>
internal sealed class CaseModel :
    IEntityTypeConfiguration<Case>, IEntityTypeConfiguration<CaseLink>, IEntityTypeConfiguration<CasePerson>,
    IEntityTypeConfiguration<CaseNote>, IEntityTypeConfiguration<CaseTask>, IEntityTypeConfiguration<CaseEvidence>
{
    public const int MaxTitle = 300, MaxSummary = 20_000, MaxNote = 20_000, MaxValue = 500, MaxName = 200, MaxLines = 4000;

    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("Cases");
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Title).HasMaxLength(MaxTitle);
        b.Property(c => c.Summary).HasMaxLength(MaxSummary);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.StatusChangedBy).HasMaxLength(320);
        b.Property(c => c.CreatedBy).HasMaxLength(320);
        b.HasIndex(c => c.Status);
        b.HasIndex(c => c.UpdatedAt);
    }

    public void Configure(EntityTypeBuilder<CaseLink> b)
    {
        b.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.Value).HasMaxLength(MaxValue);
        b.Property(l => l.Note).HasMaxLength(2000);
        b.Property(l => l.AddedBy).HasMaxLength(320);
        b.HasIndex(l => l.CaseId);
        b.HasIndex(l => l.PlatformId);
        b.HasIndex(l => l.WorkId);
        b.HasIndex(l => l.Value);
    }

    public void Configure(EntityTypeBuilder<CasePerson> b)
    {
        b.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Name).HasMaxLength(MaxName);
        b.Property(p => p.Aliases).HasMaxLength(MaxLines);
        b.Property(p => p.Handles).HasMaxLength(MaxLines);
        b.Property(p => p.Role).HasMaxLength(MaxName);
        b.Property(p => p.AddedBy).HasMaxLength(320);
        b.HasIndex(p => p.CaseId);
    }

    public void Configure(EntityTypeBuilder<CaseNote> b)
    {
        b.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(n => n.Text).HasMaxLength(MaxNote);
        b.Property(n => n.Author).HasMaxLength(320);
        b.Property(n => n.Mentions).HasMaxLength(4000);
        b.HasIndex(n => n.CaseId);
    }

    public void Configure(EntityTypeBuilder<CaseTask> b)
    {
        b.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(t => t.Title).HasMaxLength(MaxTitle);
        b.Property(t => t.Assignee).HasMaxLength(320);
        b.Property(t => t.DoneBy).HasMaxLength(320);
        b.Property(t => t.CreatedBy).HasMaxLength(320);
        b.HasIndex(t => t.CaseId);
        b.HasIndex(t => t.AssigneeId);
    }

    public void Configure(EntityTypeBuilder<CaseEvidence> b)
    {
        b.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(e => e.WarcFile).HasMaxLength(400);
        b.Property(e => e.Url).HasMaxLength(4096);
        b.Property(e => e.Description).HasMaxLength(2000);
        b.Property(e => e.Digest).HasMaxLength(100);
        b.Property(e => e.AddedBy).HasMaxLength(320);
        b.HasIndex(e => new { e.CaseId, e.WarcFile, e.WarcOffset }).IsUnique();
    }
}
