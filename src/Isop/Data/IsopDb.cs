using System.Linq.Expressions;
using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Platforms;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Isop.Data;

/// <summary>
/// The one database context. TLP visibility is decided here, once, by global query filters bound to the
/// caller; the write guard and the audit chain run in <see cref="SaveChangesAsync(bool, CancellationToken)"/>.
/// </summary>
public abstract partial class IsopDb : IdentityUserContext<Member, Guid>
{
    private readonly ICallerAccessor _caller;

    protected IsopDb(DbContextOptions options, ICallerAccessor caller, TimeProvider time, AuditSealHolder seal) : base(options)
    {
        _caller = caller;
        Time = time;
        Seal = seal.Seal;
    }

    public TimeProvider Time { get; }

    /// <summary>Seals the audit head with the key outside the database; null only at design time.</summary>
    public AuditSeal? Seal { get; }
    public Caller Caller => _caller.Current;

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<RecordShare> Shares => Set<RecordShare>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<Work> Works => Set<Work>();
    public DbSet<Platform> Platforms => Set<Platform>();
    public DbSet<Monitoring.CrawlRun> CrawlRuns => Set<Monitoring.CrawlRun>();
    public DbSet<Monitoring.Observation> Observations => Set<Monitoring.Observation>();
    public DbSet<Monitoring.Recognition> Recognitions => Set<Monitoring.Recognition>();
    public DbSet<Monitoring.SignalSighting> SignalSightings => Set<Monitoring.SignalSighting>();

    // Read by the query filters at execution time: EF turns these into parameters.
    private bool CallerIsSystem => _caller.Current.IsSystem;
    private Guid? CallerOrganisationId => _caller.Current.OrganisationId;
    private Guid? CallerMemberId => _caller.Current.MemberId;

    public abstract DatabaseProvider Provider { get; }

    private static readonly JsonSerializerOptions SeasonTitleJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Tlp>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OrganisationKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<MemberRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<WorkKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PlatformKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Monitoring.CrawlRunStatus>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Member>(b =>
        {
            b.ToTable("Members");
            b.Property(m => m.DisplayName).HasMaxLength(200);
            b.HasOne(m => m.Organisation).WithMany(o => o.Members).HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("MemberClaims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("MemberLogins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("MemberTokens");

        builder.Entity<Organisation>(b =>
        {
            b.Property(o => o.Name).HasMaxLength(200);
            b.HasIndex(o => o.Name).IsUnique();
            b.Property(o => o.Country).HasMaxLength(2);
        });

        builder.Entity<ApiToken>(b =>
        {
            b.Property(t => t.Name).HasMaxLength(200);
            b.Property(t => t.Hash).HasMaxLength(64);
            b.Property(t => t.Hint).HasMaxLength(16);
            b.HasIndex(t => t.Hash).IsUnique();
            b.HasOne(t => t.Member).WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RecordShare>(b =>
        {
            b.ToTable("Shares");
            b.Property(s => s.RecordKind).HasMaxLength(32);
            b.HasIndex(s => new { s.RecordKind, s.RecordId });
        });

        builder.Entity<AuditEntry>(b =>
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
        });
        builder.Entity<AuditHead>(b =>
        {
            b.Property(h => h.Id).ValueGeneratedNever();
            b.Property(h => h.Hash).HasMaxLength(64);
            b.Property(h => h.Seal).HasMaxLength(64);
            b.HasData(new AuditHead { Id = 1, Sequence = 0, Hash = AuditEntry.Genesis });
        });

        builder.Entity<Work>(b =>
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
                    new ValueComparer<List<CatalogueTitle>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t)), v => v.ToList()));
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
        });

        builder.Entity<Platform>(b =>
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
        });

        // Monitoring data is bulk: observations and sightings are written by idempotent upserts, each batch audited
        // through its run; they are visible exactly when their platform is.
        builder.Entity<Monitoring.CrawlRun>(b =>
        {
            b.HasOne<Platform>().WithMany().HasForeignKey(r => r.PlatformId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(r => new { r.PlatformId, r.StartedAt });
            b.HasIndex(r => r.Status);
            b.Property(r => r.EvidenceFolder).HasMaxLength(400);
            b.Property(r => r.Problem).HasMaxLength(4000);
            b.Property(r => r.IngestDigest).HasMaxLength(64);
            b.HasQueryFilter(r => Platforms.Any(p => p.Id == r.PlatformId));
        });
        builder.Entity<Monitoring.Observation>(b =>
        {
            b.HasOne<Platform>().WithMany().HasForeignKey(o => o.PlatformId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(o => new { o.PlatformId, o.Key }).IsUnique();
            b.HasIndex(o => new { o.PlatformId, o.LastSeen });
            b.Property(o => o.Key).HasMaxLength(64);
            b.Property(o => o.Text).HasMaxLength(1000);
            b.Property(o => o.Href).HasMaxLength(4096);
            b.Property(o => o.Kind).HasMaxLength(16);
            b.Property(o => o.InfoHash).HasMaxLength(64);
            b.Property(o => o.PageUrl).HasMaxLength(4096);
            b.Property(o => o.Counters).HasMaxLength(1000);
            b.Property(o => o.EvidenceDigest).HasMaxLength(80);
            b.Property(o => o.WarcFile).HasMaxLength(400);
            b.HasQueryFilter(o => Platforms.Any(p => p.Id == o.PlatformId));
        });
        // Derived from the platform and from works: visible when the platform and every work it speaks of are.
        builder.Entity<Monitoring.Recognition>(b =>
        {
            b.HasKey(r => new { r.PlatformId, r.Key });
            b.Property(r => r.Key).HasMaxLength(64);
            b.Property(r => r.Reasons).HasMaxLength(4000);
            b.HasOne(r => r.Observation).WithOne(o => o.Recognition)
                .HasForeignKey<Monitoring.Recognition>(r => new { r.PlatformId, r.Key })
                .HasPrincipalKey<Monitoring.Observation>(o => new { o.PlatformId, o.Key })
                .OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(r => r.WorkId);
            b.HasQueryFilter(r => Platforms.Any(p => p.Id == r.PlatformId)
                                  && (r.WorkId == null || Works.Any(w => w.Id == r.WorkId))
                                  && (r.AboutWorkId == null || Works.Any(w => w.Id == r.AboutWorkId))
                                  && (r.OtherWorkId == null || Works.Any(w => w.Id == r.OtherWorkId))
                                  && (!r.OwnerOnly || CallerIsSystem || Platforms.Any(p => p.Id == r.PlatformId && p.OwnerOrganisationId == CallerOrganisationId)));
        });
        builder.Entity<Monitoring.SignalSighting>(b =>
        {
            b.HasOne<Platform>().WithMany().HasForeignKey(s => s.PlatformId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(s => new { s.PlatformId, s.Type, s.Value }).IsUnique();
            b.HasIndex(s => new { s.Type, s.Value });
            b.Property(s => s.Type).HasMaxLength(40);
            b.Property(s => s.Value).HasMaxLength(500);
            b.Property(s => s.Context).HasMaxLength(400);
            b.Property(s => s.PageUrl).HasMaxLength(4096);
            b.HasQueryFilter(s => Platforms.Any(p => p.Id == s.PlatformId));
        });

        builder.Entity<Work>().HasQueryFilter(Visible<Work>(RecordKinds.Work));
        builder.Entity<Platform>().HasQueryFilter(Visible<Platform>(RecordKinds.Platform));
    }

    /// <summary>
    /// The TLP 2.0 read rule, the only one in the code base: CLEAR to anyone; GREEN to every member;
    /// AMBER to the owner and organisations it is shared with; AMBER+STRICT to the owner only;
    /// RED to the owner and the named members it is shared with.
    /// </summary>
    private Expression<Func<T, bool>> Visible<T>(string kind) where T : class, IShareable =>
        e => CallerIsSystem
             || e.Tlp == Tlp.Clear
             || (CallerOrganisationId != null
                 && (e.Tlp == Tlp.Green
                     || e.OwnerOrganisationId == CallerOrganisationId
                     || (e.Tlp == Tlp.Amber && Shares.Any(s => s.RecordKind == kind && s.RecordId == e.Id && s.OrganisationId == CallerOrganisationId))
                     || (e.Tlp == Tlp.Red && Shares.Any(s => s.RecordKind == kind && s.RecordId == e.Id && s.MemberId == CallerMemberId))));
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
