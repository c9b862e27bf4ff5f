using Isop.Access;
using Isop.Catalogue;
using Isop.Platforms;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

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
    public DbSet<CatalogueVersion> CatalogueVersions => Set<CatalogueVersion>();
    public DbSet<Platform> Platforms => Set<Platform>();
    public DbSet<Monitoring.CrawlRun> CrawlRuns => Set<Monitoring.CrawlRun>();
    public DbSet<Monitoring.Observation> Observations => Set<Monitoring.Observation>();
    public DbSet<Monitoring.Recognition> Recognitions => Set<Monitoring.Recognition>();
    public DbSet<Monitoring.SignalSighting> SignalSightings => Set<Monitoring.SignalSighting>();
    public DbSet<Monitoring.LinkSighting> LinkSightings => Set<Monitoring.LinkSighting>();
    public DbSet<ReleaseGroups.PlatformRelease> PlatformReleases => Set<ReleaseGroups.PlatformRelease>();
    public DbSet<Operations.DomainSuccession> DomainSuccessions => Set<Operations.DomainSuccession>();
    public DbSet<Operations.LossModel> LossModels => Set<Operations.LossModel>();
    public DbSet<Sharing.StixObjectRecord> StixObjects => Set<Sharing.StixObjectRecord>();
    public DbSet<Sharing.StixImport> StixImports => Set<Sharing.StixImport>();
    public DbSet<Sharing.TaxiiFeed> TaxiiFeeds => Set<Sharing.TaxiiFeed>();
    public DbSet<Enforcement.BlockingDecision> BlockingDecisions => Set<Enforcement.BlockingDecision>();
    public DbSet<Enforcement.AllowedDomain> AllowedDomains => Set<Enforcement.AllowedDomain>();
    public DbSet<Enforcement.BlocklistPublication> BlocklistPublications => Set<Enforcement.BlocklistPublication>();
    public DbSet<Enforcement.Notice> Notices => Set<Enforcement.Notice>();
    public DbSet<Enforcement.AbuseContact> AbuseContacts => Set<Enforcement.AbuseContact>();
    public DbSet<Awareness.Tip> Tips => Set<Awareness.Tip>();
    public DbSet<Awareness.ShortLink> ShortLinks => Set<Awareness.ShortLink>();
    public DbSet<Cases.Case> Cases => Set<Cases.Case>();
    public DbSet<Cases.CaseLink> CaseLinks => Set<Cases.CaseLink>();
    public DbSet<Cases.CasePerson> CasePersons => Set<Cases.CasePerson>();
    public DbSet<Cases.CaseNote> CaseNotes => Set<Cases.CaseNote>();
    public DbSet<Cases.CaseTask> CaseTasks => Set<Cases.CaseTask>();
    public DbSet<Cases.CaseEvidence> CaseEvidence => Set<Cases.CaseEvidence>();

    public abstract DatabaseProvider Provider { get; }

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
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("MemberClaims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("MemberLogins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("MemberTokens");

        // Each feature describes its own records.
        var access = new AccessModel();
        builder.ApplyConfiguration<Member>(access);
        builder.ApplyConfiguration<Organisation>(access);
        builder.ApplyConfiguration<ApiToken>(access);
        builder.ApplyConfiguration<RecordShare>(access);
        var audit = new AuditModel();
        builder.ApplyConfiguration<AuditEntry>(audit);
        builder.ApplyConfiguration<AuditHead>(audit);
        var catalogue = new CatalogueModel();
        builder.ApplyConfiguration<Work>(catalogue);
        builder.ApplyConfiguration<CatalogueVersion>(catalogue);
        builder.ApplyConfiguration(new PlatformModel());
        var monitoring = new Monitoring.MonitoringModel();
        builder.ApplyConfiguration<Monitoring.CrawlRun>(monitoring);
        builder.ApplyConfiguration<Monitoring.Observation>(monitoring);
        builder.ApplyConfiguration<Monitoring.Recognition>(monitoring);
        builder.ApplyConfiguration<Monitoring.SignalSighting>(monitoring);
        builder.ApplyConfiguration<Monitoring.LinkSighting>(monitoring);
        builder.ApplyConfiguration(new Operations.OperationsModel());
        builder.ApplyConfiguration(new Operations.LossModelConfiguration());
        builder.ApplyConfiguration(new ReleaseGroups.PlatformReleaseModel());
        var sharing = new Sharing.SharingModel();
        builder.ApplyConfiguration<Sharing.StixObjectRecord>(sharing);
        builder.ApplyConfiguration<Sharing.StixImport>(sharing);
        builder.ApplyConfiguration(new Sharing.TaxiiFeedModel());
        builder.ApplyConfiguration(new Sharing.SharingGroupModel());
        var enforcement = new Enforcement.EnforcementModel();
        builder.ApplyConfiguration<Enforcement.BlockingDecision>(enforcement);
        builder.ApplyConfiguration<Enforcement.AllowedDomain>(enforcement);
        builder.ApplyConfiguration<Enforcement.BlocklistPublication>(enforcement);
        builder.ApplyConfiguration(new Enforcement.NoticeModel());
        builder.ApplyConfiguration(new Enforcement.AbuseContactModel());
        builder.ApplyConfiguration(new Awareness.TipModel());
        builder.ApplyConfiguration(new Awareness.ShortLinkModel());
        var cases = new Cases.CaseModel();
        builder.ApplyConfiguration<Cases.Case>(cases);
        builder.ApplyConfiguration<Cases.CaseLink>(cases);
        builder.ApplyConfiguration<Cases.CasePerson>(cases);
        builder.ApplyConfiguration<Cases.CaseNote>(cases);
        builder.ApplyConfiguration<Cases.CaseTask>(cases);
        builder.ApplyConfiguration<Cases.CaseEvidence>(cases);

        // Then visibility, in one place, from what each record type declares.
        ApplyVisibility(builder);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
