using System.Text.Json.Serialization;
using Isop.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Sharing;

/// <summary>
/// One version of a STIX object in a collection, kept as it was received or published (its JSON text, unchanged),
/// with what TAXII filters on. Its TLP is the strictest TLP marking of the object (or of a later version of it), so
/// the central rule decides who may read it like any other record.
/// </summary>
[RecordKind("stix-object")]
public sealed class StixObjectRecord : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The collection: an organisation's id for its own collection.</summary>
    public Guid CollectionId { get; set; }
    public required string StixId { get; set; }
    public required string Type { get; set; }
    public string SpecVersion { get; set; } = "2.1";
    public DateTimeOffset? Created { get; set; }
    public DateTimeOffset? Modified { get; set; }
    /// <summary>What tells this version apart: its <c>modified</c> time, else (objects without versions) a hash of its content.</summary>
    public required string VersionKey { get; set; }
    /// <summary>When the collection received it: unique within the store, the order of TAXII pages.</summary>
    public DateTimeOffset DateAdded { get; set; }
    /// <summary>The newest version of the object in the collection.</summary>
    public bool Latest { get; set; }
    public bool Revoked { get; set; }
    /// <summary>SHA-256 of the object's content without its version times: a publication that changed nothing adds no version.</summary>
    public required string ContentHash { get; set; }
    public required string Json { get; set; }
    /// <summary>Published from Isop's own records, or imported from a partner.</summary>
    public StixOrigin Origin { get; set; }
    /// <summary>The import (or publication) that brought it: who sent it, when, through which channel.</summary>
    public Guid ImportId { get; set; }
    public Tlp Tlp { get; set; }
    public Guid OwnerOrganisationId { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<StixOrigin>))]
public enum StixOrigin
{
    [JsonStringEnumMemberName("published")] Published,
    [JsonStringEnumMemberName("imported")] Imported,
}

[JsonConverter(typeof(JsonStringEnumConverter<StixChannel>))]
public enum StixChannel
{
    /// <summary>A bundle file given to <c>isop stix import</c>.</summary>
    [JsonStringEnumMemberName("file")] File,
    /// <summary>A bundle posted to the API.</summary>
    [JsonStringEnumMemberName("api")] Api,
    /// <summary>An envelope posted to a TAXII collection.</summary>
    [JsonStringEnumMemberName("taxii")] Taxii,
    /// <summary>Pulled from a partner's TAXII collection.</summary>
    [JsonStringEnumMemberName("feed")] Feed,
    /// <summary>Isop's own records, published into the organisation's collection.</summary>
    [JsonStringEnumMemberName("publish")] Publish,
}

/// <summary>
/// Provenance of a batch of STIX objects: who sent it (the caller, and the producer the bundle names), when, through
/// which channel and source, and what came of it. Also the status resource of a TAXII POST. The organisation's own.
/// </summary>
[RecordKind("stix-import")]
public sealed class StixImport : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CollectionId { get; set; }
    public StixChannel Channel { get; set; }
    /// <summary>The file name, the feed's collection URL, or the TAXII collection posted to.</summary>
    public string? Source { get; set; }
    /// <summary>Who sent it: the member or token behind the request, or the feed's name.</summary>
    public required string SentBy { get; set; }
    /// <summary>The identities the objects name as their creators (created_by_ref), most frequent first.</summary>
    public string? Producers { get; set; }
    public string? BundleId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>SHA-256 of the bytes received.</summary>
    public string? Digest { get; set; }
    public int Total { get; set; }
    public int Added { get; set; }
    public int Duplicates { get; set; }
    public int Failed { get; set; }
    /// <summary>Objects of types STIX 2.1 does not define, kept as they are: JSON {type: count}.</summary>
    public string? UnknownTypes { get; set; }
    /// <summary>Per-object outcomes for a TAXII status resource: JSON [{id, version, message?}] for successes and failures.</summary>
    public string? Successes { get; set; }
    public string? Failures { get; set; }
    public Tlp Tlp { get; set; } = Tlp.AmberStrict;
    public Guid OwnerOrganisationId { get; set; }
}

internal sealed class SharingModel : IEntityTypeConfiguration<StixObjectRecord>, IEntityTypeConfiguration<StixImport>
{
    public void Configure(EntityTypeBuilder<StixObjectRecord> b)
    {
        b.ToTable("StixObjects");
        b.Property(o => o.StixId).HasMaxLength(300);
        b.Property(o => o.Type).HasMaxLength(250);
        b.Property(o => o.SpecVersion).HasMaxLength(10);
        b.Property(o => o.VersionKey).HasMaxLength(80);
        b.Property(o => o.ContentHash).HasMaxLength(64);
        b.Property(o => o.Origin).HasConversion<string>().HasMaxLength(16);
        // Few indexes, each used: a version once per owner and collection (and the owner's foreign key), TAXII's pages of
        // last versions, and of all versions. ImportId is provenance to look up, not a constraint to check on every row.
        b.HasIndex(o => new { o.OwnerOrganisationId, o.CollectionId, o.StixId, o.VersionKey }).IsUnique();
        b.HasIndex(o => new { o.CollectionId, o.Latest, o.DateAdded });
        b.HasIndex(o => new { o.CollectionId, o.DateAdded });
        b.HasOne<Organisation>().WithMany().HasForeignKey(o => o.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<StixImport> b)
    {
        b.ToTable("StixImports");
        b.Property(i => i.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Source).HasMaxLength(2000);
        b.Property(i => i.SentBy).HasMaxLength(300);
        b.Property(i => i.Producers).HasMaxLength(4000);
        b.Property(i => i.BundleId).HasMaxLength(300);
        b.Property(i => i.Digest).HasMaxLength(64);
        b.Property(i => i.UnknownTypes).HasMaxLength(20_000);
        b.HasIndex(i => new { i.OwnerOrganisationId, i.ReceivedAt });
        b.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
