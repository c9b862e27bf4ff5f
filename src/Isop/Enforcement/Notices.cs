using System.Text.Json;
using System.Text.Json.Serialization;
using Isop.Access;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Enforcement;

/// <summary>The law a notice rests on; each has its own required elements, which its templates give.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeBasis>))]
public enum NoticeBasis
{
    /// <summary>US Copyright Act, 17 U.S.C. §512(c)(3): the six elements of a DMCA notification.</summary>
    [JsonStringEnumMemberName("dmca")] Dmca,
    /// <summary>EU Digital Services Act, Regulation (EU) 2022/2065, Article 16(2): a notice of illegal content.</summary>
    [JsonStringEnumMemberName("dsa")] Dsa,
    /// <summary>Korean Copyright Act, Article 103: a request to stop reproduction and transmission.</summary>
    [JsonStringEnumMemberName("kr-copyright-103")] KrCopyright103,
}

/// <summary>Where a notice stands: drafted, approved by a person, sent, then what the recipient did (or did not).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeState>))]
public enum NoticeState
{
    [JsonStringEnumMemberName("drafted")] Drafted,
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("acknowledged")] Acknowledged,
    [JsonStringEnumMemberName("content-removed")] ContentRemoved,
    [JsonStringEnumMemberName("refused")] Refused,
    [JsonStringEnumMemberName("no-answer")] NoAnswer,
    /// <summary>Withdrawn by its organisation before it was sent; it can no longer be approved or sent.</summary>
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}

/// <summary>
/// A takedown notice: to whom, on which legal basis, for which URLs and works, with which evidence; who drafted it,
/// who approved it (not the drafter, with four-eyes on), when it was sent, the digest of what was sent, and what
/// came of it. Its TLP is at least the strictest of what it was drafted from.
/// </summary>
[RecordKind("notice")]
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class Notice : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlatformId { get; set; }
    public required string Recipient { get; set; }
    public string? RecipientName { get; set; }
    public NoticeBasis Basis { get; set; }
    /// <summary>"en", "fr" or "ko".</summary>
    public required string Language { get; set; }
    /// <summary>The URLs concerned, as a JSON array of strings.</summary>
    public required string Urls { get; set; }
    /// <summary>The works concerned, as JSON: [{ id, title, rightsHolder }].</summary>
    public required string Works { get; set; }
    /// <summary>The evidence, as JSON: [{ url, kind, text, capturedAt, warcFile, warcOffset, digest }].</summary>
    public required string Evidence { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public NoticeState State { get; set; }
    public Guid? DraftedById { get; set; }
    public required string DraftedBy { get; set; }
    public DateTimeOffset DraftedAt { get; set; }
    public Guid? ApprovedById { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    /// <summary>SHA-256 of the approved content (recipient, subject, body, evidence): what is sent must be what was approved.</summary>
    public string? ContentDigest { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? SentBy { get; set; }
    public string? SentFrom { get; set; }
    public string? MessageId { get; set; }
    /// <summary>SHA-256 of the message exactly as it went to the SMTP server (the .eml).</summary>
    public string? MessageDigest { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    /// <summary>What came of it, or why it was withdrawn.</summary>
    public string? OutcomeNote { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    /// <summary>The notice this one repeats against a successor of its platform.</summary>
    public Guid? FollowUpOf { get; set; }
    public Tlp Tlp { get; set; }
    public Guid OwnerOrganisationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> UrlList => JsonSerializer.Deserialize<List<string>>(Urls) ?? [];
    public IReadOnlyList<NoticeWork> WorkList => JsonSerializer.Deserialize<List<NoticeWork>>(Works, JsonSerializerOptions.Web) ?? [];
    public IReadOnlyList<NoticeEvidence> EvidenceList => JsonSerializer.Deserialize<List<NoticeEvidence>>(Evidence, JsonSerializerOptions.Web) ?? [];
}

public sealed record NoticeWork(Guid Id, string Title, string? RightsHolder);

/// <summary>One capture behind a notice: the listing or link seen at a URL, and where its WARC record is.</summary>
public sealed record NoticeEvidence(string Url, string Kind, string? Text, DateTimeOffset CapturedAt, string? WarcFile, long? WarcOffset, string? Digest);

internal sealed class NoticeModel : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        // No foreign key to the platform: a notice sent stays on record when its platform is deleted (hidden with it).
        b.HasOne<Organisation>().WithMany().HasForeignKey(n => n.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(n => n.Basis).HasConversion<string>().HasMaxLength(24);
        b.Property(n => n.State).HasConversion<string>().HasMaxLength(24);
        b.Property(n => n.Recipient).HasMaxLength(320);
        b.Property(n => n.RecipientName).HasMaxLength(200);
        b.Property(n => n.Language).HasMaxLength(8);
        b.Property(n => n.Urls).HasMaxLength(1_100_000);
        b.Property(n => n.Works).HasMaxLength(200_000);
        b.Property(n => n.Evidence).HasMaxLength(2_000_000);
        b.Property(n => n.Subject).HasMaxLength(500);
        b.Property(n => n.Body).HasMaxLength(2_000_000);
        b.Property(n => n.DraftedBy).HasMaxLength(256);
        b.Property(n => n.ApprovedBy).HasMaxLength(256);
        b.Property(n => n.SentBy).HasMaxLength(256);
        b.Property(n => n.WithdrawnBy).HasMaxLength(256);
        b.Property(n => n.SentFrom).HasMaxLength(320);
        b.Property(n => n.MessageId).HasMaxLength(300);
        b.Property(n => n.ContentDigest).HasMaxLength(64);
        b.Property(n => n.MessageDigest).HasMaxLength(64);
        b.Property(n => n.OutcomeNote).HasMaxLength(2000);
        b.Ignore(n => n.UrlList);
        b.Ignore(n => n.WorkList);
        b.Ignore(n => n.EvidenceList);
        b.HasIndex(n => new { n.State, n.CreatedAt });
        b.HasIndex(n => n.PlatformId);
    }
}
