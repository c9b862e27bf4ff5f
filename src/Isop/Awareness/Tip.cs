using System.Text.Json.Serialization;
using Isop.Access;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Awareness;

[JsonConverter(typeof(JsonStringEnumConverter<TipState>))]
public enum TipState
{
    [JsonStringEnumMemberName("new")] New,
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("rejected")] Rejected,
}

/// <summary>
/// A site reported by a member of the public, waiting in the receiving organisation's triage queue: accepted (a platform
/// to monitor) or rejected, with who decided and why. AMBER+STRICT: the reporter's words and contact stay with the
/// organisation that receives tips. Reports of the same site while it waits are counted on the first.
/// </summary>
[RecordKind("tip")]
public sealed class Tip : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Tlp Tlp { get; set; } = Tlp.AmberStrict;
    public Guid OwnerOrganisationId { get; set; }
    /// <summary>What the reporter gave (trimmed).</summary>
    public required string Url { get; set; }
    /// <summary>The host as the site check reads it (ASCII, without "www.").</summary>
    public required string Host { get; set; }
    public PlatformKind? Kind { get; set; }
    public string? Details { get; set; }
    public string? Contact { get; set; }
    /// <summary>The language the reporter used: en, fr or ko.</summary>
    public required string Language { get; set; }
    public int Reports { get; set; } = 1;
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset LastReportedAt { get; set; }
    public TipState State { get; set; }
    public Guid? PlatformId { get; set; }
    public string? Reason { get; set; }
    public string? TriagedBy { get; set; }
    public DateTimeOffset? TriagedAt { get; set; }
}

internal sealed class TipModel : IEntityTypeConfiguration<Tip>
{
    public void Configure(EntityTypeBuilder<Tip> b)
    {
        b.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.Url).HasMaxLength(SiteInput.MaxLength);
        b.Property(t => t.Host).HasMaxLength(253);
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(t => t.Details).HasMaxLength(TipInput.MaxDetails);
        b.Property(t => t.Contact).HasMaxLength(TipInput.MaxContact);
        b.Property(t => t.Language).HasMaxLength(8);
        b.Property(t => t.State).HasConversion<string>().HasMaxLength(12);
        b.Property(t => t.Reason).HasMaxLength(2000);
        b.Property(t => t.TriagedBy).HasMaxLength(256);
        b.HasIndex(t => new { t.State, t.ReceivedAt });
        b.HasIndex(t => new { t.Host, t.State });
    }
}
