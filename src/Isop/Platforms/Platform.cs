using System.Text.Json.Serialization;
using Isop.Access;

namespace Isop.Platforms;

[JsonConverter(typeof(JsonStringEnumConverter<PlatformKind>))]
public enum PlatformKind
{
    [JsonStringEnumMemberName("streaming-site")] StreamingSite,
    [JsonStringEnumMemberName("torrent-index")] TorrentIndex,
    [JsonStringEnumMemberName("download-blog")] DownloadBlog,
    [JsonStringEnumMemberName("cyberlocker")] Cyberlocker,
    [JsonStringEnumMemberName("iptv-seller")] IptvSeller,
    [JsonStringEnumMemberName("forum")] Forum,
    /// <summary>A link collection that announces other sites' current addresses (주소모음): where successors of blocked domains are announced.</summary>
    [JsonStringEnumMemberName("address-list")] AddressList,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>A site that distributes (or is suspected of distributing) protected works; one or more domains.</summary>
[RecordKind("platform")]
public sealed class Platform : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public PlatformKind Kind { get; set; }
    public string? Description { get; set; }
    public List<PlatformDomain> Domains { get; set; } = [];
    public Monitoring.PlatformMonitor Monitor { get; set; } = new();
    public Tlp Tlp { get; set; }
    public Guid OwnerOrganisationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Makes the domains exactly these (normalised) names; a domain kept keeps its first-seen time.</summary>
    public void SetDomains(IEnumerable<string> names, DateTimeOffset now)
    {
        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        Domains.RemoveAll(d => !wanted.Contains(d.Name));
        foreach (var name in wanted.Where(n => Domains.All(d => d.Name != n))) Domains.Add(new PlatformDomain { Name = name, FirstSeen = now });
    }
}

public sealed class PlatformDomain : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Lower-case ASCII (IDNA) host name.</summary>
    public required string Name { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    /// <summary>Found by monitoring as the successor of another domain (see the platform's successions), to be reviewed by a person.</summary>
    public bool Discovered { get; set; }
    /// <summary>Since when the domain has been dark (connection failing, 404/410, parked, or only a "we moved" notice); null while it answers.</summary>
    public DateTimeOffset? DarkSince { get; set; }
    public string? DarkReason { get; set; }
    /// <summary>When a successor was last looked for (a dark domain whose successor is not found is searched again later).</summary>
    public DateTimeOffset? SuccessorSearchedAt { get; set; }
    public Platform? Platform { get; set; }
    IShareable? IRecordPart.Record => Platform;
}
