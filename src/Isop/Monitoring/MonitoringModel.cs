using Isop.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Monitoring;

/// <summary>
/// How monitoring data is stored. It is bulk: observations and sightings are written by idempotent upserts, each
/// batch audited through its run. What each record may be seen with is declared on its type ([DerivedFrom]).
/// </summary>
internal sealed class MonitoringModel :
    IEntityTypeConfiguration<CrawlRun>, IEntityTypeConfiguration<Observation>,
    IEntityTypeConfiguration<Recognition>, IEntityTypeConfiguration<SignalSighting>, IEntityTypeConfiguration<LinkSighting>
{
    public void Configure(EntityTypeBuilder<CrawlRun> b)
    {
        b.HasOne<Platform>().WithMany().HasForeignKey(r => r.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PlatformId, r.StartedAt });
        b.HasIndex(r => r.Status);
        b.Property(r => r.EvidenceFolder).HasMaxLength(400);
        b.Property(r => r.Problem).HasMaxLength(4000);
        b.Property(r => r.IngestDigest).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<Observation> b)
    {
        b.HasOne<Platform>().WithMany().HasForeignKey(o => o.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => new { o.PlatformId, o.Key }).IsUnique();
        b.HasIndex(o => new { o.PlatformId, o.LastSeen });
        // Windows of first sightings (the weekly digest: new listings this week and the week before).
        b.HasIndex(o => o.FirstSeen);
        b.Property(o => o.Key).HasMaxLength(64);
        b.Property(o => o.Text).HasMaxLength(1000);
        b.Property(o => o.Href).HasMaxLength(4096);
        b.Property(o => o.Kind).HasMaxLength(16);
        b.Property(o => o.InfoHash).HasMaxLength(64);
        b.Property(o => o.PageUrl).HasMaxLength(4096);
        b.Property(o => o.Counters).HasMaxLength(1000);
        b.Property(o => o.EvidenceDigest).HasMaxLength(80);
        b.Property(o => o.WarcFile).HasMaxLength(400);
        b.Property(o => o.Release).HasMaxLength(300);
        b.Property(o => o.ReleaseGroup).HasMaxLength(100);
        b.HasIndex(o => o.Release);
        b.HasIndex(o => o.ReleaseGroup);
    }

    public void Configure(EntityTypeBuilder<Recognition> b)
    {
        b.HasKey(r => new { r.PlatformId, r.Key });
        b.Property(r => r.Key).HasMaxLength(64);
        b.Property(r => r.Reasons).HasMaxLength(4000);
        b.HasOne(r => r.Observation).WithOne(o => o.Recognition)
            .HasForeignKey<Recognition>(r => new { r.PlatformId, r.Key })
            .HasPrincipalKey<Observation>(o => new { o.PlatformId, o.Key })
            .OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.WorkId);
    }

    public void Configure(EntityTypeBuilder<SignalSighting> b)
    {
        b.HasOne<Platform>().WithMany().HasForeignKey(s => s.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.PlatformId, s.Type, s.Value }).IsUnique();
        b.HasIndex(s => new { s.Type, s.Value });
        b.HasIndex(s => s.Identity);
        b.Property(s => s.Identity).HasMaxLength(560);
        b.Property(s => s.WarcFile).HasMaxLength(400);
        b.Property(s => s.Type).HasMaxLength(40);
        b.Property(s => s.Value).HasMaxLength(500);
        b.Property(s => s.Context).HasMaxLength(400);
        b.Property(s => s.PageUrl).HasMaxLength(4096);
    }

    public void Configure(EntityTypeBuilder<LinkSighting> b)
    {
        b.HasOne<Platform>().WithMany().HasForeignKey(s => s.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.PlatformId, s.Host }).IsUnique();
        b.HasIndex(s => s.Host);
        b.Property(s => s.Host).HasMaxLength(253);
        b.Property(s => s.Label).HasMaxLength(200);
        b.Property(s => s.Url).HasMaxLength(4096);
        b.Property(s => s.PageUrl).HasMaxLength(4096);
        b.Property(s => s.WarcFile).HasMaxLength(400);
    }
}
