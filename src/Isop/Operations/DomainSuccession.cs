using Isop.Access;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Operations;

/// <summary>How a successor domain was found.</summary>
public static class SuccessionVia
{
    /// <summary>The old domain redirected to the new one.</summary>
    public const string Redirect = "redirect";
    /// <summary>The old domain showed a "we moved" notice naming the new one.</summary>
    public const string Notice = "notice";
    /// <summary>An address-list platform links the new one under the platform's name.</summary>
    public const string AddressList = "address-list";
    /// <summary>A host linked from crawled pages carries the platform's own strong identifiers.</summary>
    public const string Identifiers = "identifiers";

    public static readonly string[] All = [Redirect, Notice, AddressList, Identifiers];
}

/// <summary>
/// A platform's move from a domain that went dark to its successor, found by monitoring: when, how, and the evidence
/// (WARC records of the redirect, the notice, the list entry or the successor's identifiers). The successor is a
/// domain of the same platform (registered as discovered) unless it already belonged to another platform.
/// </summary>
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class DomainSuccession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlatformId { get; set; }
    public required string FromDomain { get; set; }
    public required string ToDomain { get; set; }
    /// <summary>The platform the successor belongs to, when it is not <see cref="PlatformId"/> (it was registered before).</summary>
    public Guid? ToPlatformId { get; set; }
    public required string Via { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid RunId { get; set; }
    /// <summary>The evidence, as JSON: a list of { kind, url, detail, warcFile, warcOffset }.</summary>
    public required string Evidence { get; set; }
}

/// <summary>One piece of evidence of a succession.</summary>
public sealed record SuccessionEvidence(string Kind, string? Url, string? Detail, string? WarcFile, long? WarcOffset, Guid? Source = null);

internal sealed class OperationsModel : IEntityTypeConfiguration<DomainSuccession>
{
    public void Configure(EntityTypeBuilder<DomainSuccession> b)
    {
        b.HasOne<Platform>().WithMany().HasForeignKey(s => s.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.PlatformId, s.FromDomain, s.ToDomain }).IsUnique();
        b.HasIndex(s => s.At);
        b.Property(s => s.FromDomain).HasMaxLength(253);
        b.Property(s => s.ToDomain).HasMaxLength(253);
        b.Property(s => s.Via).HasMaxLength(20);
        b.Property(s => s.Evidence).HasMaxLength(8000);
    }
}
