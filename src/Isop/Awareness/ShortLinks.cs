using System.Collections.Frozen;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Awareness;

/// <summary>
/// A short link (bit.ly/…, han.gl/…) that monitoring followed to a platform: one of the platform's start pages was the
/// short link, and it led there. Kept once per platform and link, first and last seen, with the evidence record.
/// Visible where its platform is; the public check reads the CLEAR platforms' ones, and never opens a link itself.
/// </summary>
[Access.DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class ShortLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlatformId { get; set; }
    /// <summary>The link without its scheme, as <see cref="ShortLinks.KeyOf(string, string)"/> writes it: "bit.ly/3xYz".</summary>
    public required string Link { get; set; }
    /// <summary>Where it led.</summary>
    public required string Target { get; set; }
    public required string TargetHost { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public string? WarcFile { get; set; }
    public long? WarcOffset { get; set; }
}

internal sealed class ShortLinkModel : IEntityTypeConfiguration<ShortLink>
{
    public void Configure(EntityTypeBuilder<ShortLink> b)
    {
        b.HasOne<Platform>().WithMany().HasForeignKey(s => s.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.PlatformId, s.Link }).IsUnique();
        b.HasIndex(s => s.Link);
        b.Property(s => s.Link).HasMaxLength(2100);
        b.Property(s => s.Target).HasMaxLength(4096);
        b.Property(s => s.TargetHost).HasMaxLength(253);
        b.Property(s => s.WarcFile).HasMaxLength(400);
    }
}

/// <summary>Link shorteners, and the key a short link is known by.</summary>
public static class ShortLinks
{
    /// <summary>Shorteners, including the ad-paying ones piracy sites use for their download links.</summary>
    public static readonly FrozenSet<string> Shorteners = FrozenSet.Create(StringComparer.Ordinal,
        "bit.ly", "bitly.com", "j.mp", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "v.gd", "buff.ly", "cutt.ly", "rebrand.ly", "t.ly",
        "shorturl.at", "rb.gy", "tiny.cc", "s.id", "bit.do", "han.gl", "me2.do", "vo.la", "url.kr", "naver.me", "lrl.kr", "c11.kr",
        "adf.ly", "shorte.st", "sh.st", "ouo.io", "ouo.press", "exe.io", "linkvertise.com", "link-to.net", "shrinkme.io", "shrtco.de", "gg.gg");

    public static bool IsShortener(string host) => Shorteners.Contains(host);

    /// <summary>
    /// A short link's key: its host and path, without scheme, "www.", query (tracking parameters) or a trailing slash;
    /// the path keeps its case (shorteners' codes are case-sensitive). Null when the host is no shortener or the path empty.
    /// </summary>
    public static string? KeyOf(string host, string pathAndQuery)
    {
        if (!IsShortener(host)) return null;
        var query = pathAndQuery.IndexOfAny(['?', '#']);
        var path = (query < 0 ? pathAndQuery : pathAndQuery[..query]).TrimEnd('/');
        return path.Length <= 1 || path.Length > 2000 ? null : host + path;
    }

    /// <summary>The key of a link given as a URL (null: not a short link).</summary>
    public static string? KeyOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && SiteInput.TryRead(url, out var site, out _)
            ? KeyOf(site.Host, uri.PathAndQuery) : null;

    /// <summary>Records the start pages that were short links and led elsewhere, once per platform and link.</summary>
    public static async Task RecordAsync(Data.IsopDb db, Guid platformId, IEnumerable<Operations.SeedResult> seeds, DateTimeOffset now, CancellationToken ct)
    {
        var seen = new Dictionary<string, Operations.SeedResult>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            if (seed.FinalUrl is null || KeyOf(seed.Url) is not { } key) continue;
            if (!SiteInput.TryRead(seed.FinalUrl, out var target, out _) || IsShortener(target.Host) || target.Host == SiteInput.HostOf(seed.Url)) continue;
            seen[key] = seed;
        }
        if (seen.Count == 0) return;
        var keys = seen.Keys.ToList();
        var known = await db.Set<ShortLink>().Where(s => s.PlatformId == platformId && keys.Contains(s.Link)).ToDictionaryAsync(s => s.Link, StringComparer.Ordinal, ct);
        foreach (var (key, seed) in seen)
        {
            SiteInput.TryRead(seed.FinalUrl, out var target, out _);
            if (!known.TryGetValue(key, out var link))
            {
                link = new ShortLink { PlatformId = platformId, Link = key, Target = seed.FinalUrl!, TargetHost = target.Host, FirstSeen = now };
                db.Add(link);
            }
            (link.Target, link.TargetHost, link.LastSeen) = (seed.FinalUrl!, target.Host, now);
            (link.WarcFile, link.WarcOffset) = (seed.RedirectWarcFile ?? seed.WarcFile, seed.RedirectWarcFile is null ? seed.WarcOffset : seed.RedirectWarcOffset);
        }
        await db.SaveChangesAsync(ct);
    }
}
