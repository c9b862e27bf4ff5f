using Isop.Access;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Enforcement;

/// <summary>
/// A decision to block a platform in a jurisdiction: who decided (a court, a regulator), on which legal basis, when,
/// and until when. Its platform's domains, and those of the platform's successors, go into the jurisdiction's
/// blocklist while it is in force. Visible only to a caller who may see both the decision and its platform.
/// </summary>
[RecordKind("blocking-decision")]
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class BlockingDecision : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlatformId { get; set; }
    /// <summary>ISO 3166-1 alpha-2 code, upper case ("KR").</summary>
    public required string Jurisdiction { get; set; }
    public required string Basis { get; set; }
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    /// <summary>When the decision lapses; null while it stands.</summary>
    public DateTimeOffset? Until { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    /// <summary>Who recorded it in Isop (a member or the command line).</summary>
    public required string RecordedBy { get; set; }
    public Tlp Tlp { get; set; }
    public Guid OwnerOrganisationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether the decision is in force at <paramref name="at"/>.</summary>
    public bool InForce(DateTimeOffset at) => RevokedAt is null && DecidedAt <= at && (Until is null || Until > at);
}

/// <summary>
/// A domain that may never be noticed or blocked (a licensed service, a major platform): it covers itself and its
/// subdomains. Removing it keeps the row (when, by whom), so the history of the list stays in the database.
/// </summary>
public sealed class AllowedDomain
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Lower-case ASCII (IDNA) host name.</summary>
    public required string Name { get; set; }
    public string? Reason { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    public string? RemovedBy { get; set; }
}

/// <summary>
/// What one audience (a member, an organisation's service, the local operator) was last given as a jurisdiction's
/// blocklist: the digest of its content and the zone serial. The serial grows when, and only when, what that audience
/// sees changes, so a change it may not see never shows in its serial.
/// </summary>
public sealed class BlocklistPublication
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Jurisdiction { get; set; }
    public required string Audience { get; set; }
    public required string ContentDigest { get; set; }
    public long Serial { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

internal sealed class EnforcementModel :
    IEntityTypeConfiguration<BlockingDecision>, IEntityTypeConfiguration<AllowedDomain>, IEntityTypeConfiguration<BlocklistPublication>
{
    public void Configure(EntityTypeBuilder<BlockingDecision> b)
    {
        // No foreign key to the platform: deleting a platform (its owner's act) never deletes another organisation's
        // decisions. They stay, audited, and hidden with the platform (the read rule needs the platform visible).
        b.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.Jurisdiction).HasMaxLength(2);
        b.Property(d => d.Basis).HasMaxLength(DecisionInput.MaxText);
        b.Property(d => d.DecidedBy).HasMaxLength(DecisionInput.MaxName);
        b.Property(d => d.RevokedReason).HasMaxLength(DecisionInput.MaxText);
        b.Property(d => d.RecordedBy).HasMaxLength(256);
        b.HasIndex(d => new { d.Jurisdiction, d.RevokedAt });
        b.HasIndex(d => d.PlatformId);
    }

    public void Configure(EntityTypeBuilder<AllowedDomain> b)
    {
        b.Property(a => a.Name).HasMaxLength(253);
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.Property(a => a.AddedBy).HasMaxLength(256);
        b.Property(a => a.RemovedBy).HasMaxLength(256);
        b.HasIndex(a => new { a.Name, a.RemovedAt });
    }

    public void Configure(EntityTypeBuilder<BlocklistPublication> b)
    {
        b.Property(p => p.Jurisdiction).HasMaxLength(2);
        b.Property(p => p.Audience).HasMaxLength(80);
        b.Property(p => p.ContentDigest).HasMaxLength(64);
        b.HasIndex(p => new { p.Jurisdiction, p.Audience }).IsUnique();
        b.Property(p => p.Serial).IsConcurrencyToken();
    }
}
