using System.Globalization;
using System.Text;

namespace Isop.Range;

public enum Archetype
{
    Streaming,
    TorrentIndex,
    DownloadBlog,
    WebtoonReader,
    MusicBlog,
    IptvReseller,
    LicensedStreaming,
    News,
    FanWiki,
    /// <summary>A link collection that announces sites' current addresses (주소모음): no offers of its own.</summary>
    AddressList,
}

/// <summary>The identifiers a site or an operation shows: analytics and ad accounts, wallets, a channel, a favicon, a contact.</summary>
public sealed record IdentifierSet(string Analytics, string AdSense, string Bitcoin, string Ethereum, string Tron, string Telegram, byte[] Favicon, string Email)
{
    /// <summary>The kinds of identifier an operation may share between its sites.</summary>
    public static readonly string[] Kinds = ["analytics", "adsense", "bitcoin", "ethereum", "telegram", "favicon", "email"];

    public static IdentifierSet Create(Random random, string stem) => new(
        Identifiers.Analytics(random), Identifiers.AdSense(random), Identifiers.Bitcoin(random), Identifiers.Ethereum(random),
        Identifiers.Tron(random), Identifiers.Telegram(random, stem), Identifiers.Favicon(random), Identifiers.Email(random, stem));

    /// <summary>These identifiers, with the kinds in <paramref name="kinds"/> taken from <paramref name="other"/>.</summary>
    public IdentifierSet With(IdentifierSet other, IReadOnlyCollection<string> kinds) => new(
        kinds.Contains("analytics") ? other.Analytics : Analytics, kinds.Contains("adsense") ? other.AdSense : AdSense,
        kinds.Contains("bitcoin") ? other.Bitcoin : Bitcoin, kinds.Contains("ethereum") ? other.Ethereum : Ethereum,
        kinds.Contains("bitcoin") ? other.Tron : Tron, kinds.Contains("telegram") ? other.Telegram : Telegram,
        kinds.Contains("favicon") ? other.Favicon : Favicon, kinds.Contains("email") ? other.Email : Email);
}

/// <summary>
/// An operator behind one or more piracy sites, and the identifiers its sites share: only the <see cref="Shared"/>
/// kinds (one to three); for the other kinds each site shows its own. A copycat copies another operation's template
/// wholesale (markup, theme credit, CDN, ad network) but keeps identifiers of its own.
/// </summary>
public sealed record Operation(string Id, string Name, IdentifierSet Ids, IReadOnlyList<string> Shared, int Template, string? Copies = null);

/// <summary>How a site announces the domain it moved to when its old one goes dark.</summary>
public enum Announcement
{
    /// <summary>The old domain answers with a permanent redirect to the new one.</summary>
    Redirect,
    /// <summary>The old domain shows a "we moved" notice (새주소 안내, nouvelle adresse…) naming the new one.</summary>
    Notice,
    /// <summary>The old domain is dark; address-list sites link the new one under the site's name.</summary>
    AddressList,
    /// <summary>The old domain is dark; the new one carries the same identifiers and is linked from other sites.</summary>
    Identifiers,
}

/// <summary>A host name a site answers on from one simulated day until (not including) another; how the next one is announced.</summary>
public sealed record SiteDomain(string Host, int FromDay, int? UntilDay, Announcement? Announce = null)
{
    public bool ActiveOn(int day) => day >= FromDay && (UntilDay is null || day < UntilDay);
}

public sealed record RangeSite(string Id, string Name, Archetype Archetype, string Language, int Template, string? OperationId, IReadOnlyList<SiteDomain> Domains, IdentifierSet Own)
{
    public const int Templates = 7;

    /// <summary>
    /// The markup a site's pages follow: three generic layouts, then the engines piracy sites run (a WordPress blog,
    /// a Gnuboard board, a phpBB forum, and a tracker script's table for a torrent index or a XenForo forum otherwise).
    /// </summary>
    public string Engine => Template switch
    {
        0 => "grid",
        1 => "list",
        2 => "items",
        3 => "wordpress",
        4 => "gnuboard",
        5 => "phpbb",
        _ => Archetype == Archetype.TorrentIndex ? "tracker" : "xenforo",
    };

    /// <summary>A site that offers works (an address list only points at such sites).</summary>
    public bool Piracy => Archetype is not (Archetype.LicensedStreaming or Archetype.News or Archetype.FanWiki or Archetype.AddressList);

    public bool Legitimate => Archetype is Archetype.LicensedStreaming or Archetype.News or Archetype.FanWiki;

    public string? HostOn(int day) => Domains.FirstOrDefault(d => d.ActiveOn(day))?.Host;
}

/// <summary>A release by a release group: first on one platform, then copied to others.</summary>
public sealed record Release(string Id, string Group, string WorkId, int? Episode, string Name, int Hour, string OriginSiteId);

/// <summary>One item a site lists: what it is (work and episode, or nothing protected), where, and from when.</summary>
public sealed record RangeListing(string Id, string SiteId, string? WorkId, int? Episode, string Text, string Path, int Hour, string? ReleaseId, string? InfoHash)
{
    public int Day => Hour / 24;
}

/// <summary>
/// A synthetic piracy ecosystem, the same for the same seed and scale: operations with shared identifiers, piracy
/// sites of every archetype (some hopping domains over the simulated days), legitimate sites, release groups whose
/// releases start on one platform and spread, and every listing with the work and episode it offers.
/// </summary>
public sealed class RangeWorld
{
    public const int Days = 14;

    public static readonly string[] Groups = ["EVO", "NTb", "NEXT", "SiGMA", "AppleTor", "FLUX"];

    /// <summary>Archetypes of the sites after the first of each: video platforms are the most common.</summary>
    private static readonly Archetype[] Common =
        [Archetype.TorrentIndex, Archetype.TorrentIndex, Archetype.Streaming, Archetype.Streaming, Archetype.DownloadBlog, Archetype.WebtoonReader, Archetype.MusicBlog];

    private static readonly string[] Stems = ["kdrama", "dorama", "hanryu", "seoul", "kflix", "asian", "drama", "kocow", "kstream", "hallyu", "torrentk", "kmovie"];
    private static readonly string[] Suffixes = ["hood", "cool", "zone", "hub", "land", "box", "fire", "wave", "nest", "spot", "bay", "lab"];

    private RangeWorld(int seed, int scale)
    {
        Seed = seed;
        Scale = scale;
    }

    public int Seed { get; }
    public int Scale { get; }
    public IReadOnlyList<RangeWork> Works => RangeCatalogue.Works;
    public List<Operation> Operations { get; } = [];
    public List<RangeSite> Sites { get; } = [];
    public List<Release> Releases { get; } = [];
    public List<RangeListing> Listings { get; } = [];

    public RangeSite? SiteFor(string host, int day) =>
        Sites.FirstOrDefault(s => s.Domains.Any(d => d.Host.Equals(host, StringComparison.OrdinalIgnoreCase) && d.ActiveOn(day)));

    public RangeSite? SiteNamed(string host) =>
        Sites.FirstOrDefault(s => s.Domains.Any(d => d.Host.Equals(host, StringComparison.OrdinalIgnoreCase)));

    public Operation? OperationOf(RangeSite site) => Operations.FirstOrDefault(o => o.Id == site.OperationId);

    /// <summary>The identifiers a site shows: its operation's for the kinds the operation shares, its own for the rest.</summary>
    public IdentifierSet IdentifiersOf(RangeSite site) => OperationOf(site) is { } operation ? site.Own.With(operation.Ids, operation.Shared) : site.Own;

    /// <summary>The piracy sites whose current addresses the address lists show (not those that move by identifiers alone).</summary>
    public IEnumerable<RangeSite> Listed => Sites.Where(s => s.Piracy && s.Domains.All(d => d.Announce != Announcement.Identifiers));

    /// <summary>The other sites a site's "partner sites" block links to (their current domains): the next three piracy sites.</summary>
    public IEnumerable<RangeSite> PartnersOf(RangeSite site)
    {
        var piracy = Sites.Where(s => s.Piracy).ToList();
        var at = piracy.IndexOf(site);
        return at < 0 || piracy.Count < 2 ? [] : Enumerable.Range(1, Math.Min(3, piracy.Count - 1)).Select(i => piracy[(at + i) % piracy.Count]);
    }

    public RangeWork Work(string id) => Works.First(w => w.Id == id);

    /// <summary>Every host name the range answers on, any day.</summary>
    public IEnumerable<string> Hosts => Sites.SelectMany(s => s.Domains.Select(d => d.Host)).Distinct();

    public IEnumerable<RangeListing> ListingsOf(RangeSite site, int day) =>
        Listings.Where(l => l.SiteId == site.Id && l.Day <= day).OrderByDescending(l => l.Hour).ThenBy(l => l.Id, StringComparer.Ordinal);

    public static RangeWorld Create(int seed = 1, int scale = 1)
    {
        if (scale is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(scale), "the scale must be from 1 to 100");
        var world = new RangeWorld(seed, scale);
        var random = new Random(seed);
        world.BuildSites(random);
        world.BuildReleases(random);
        world.BuildOtherListings(random);
        world.Listings.Sort((a, b) => a.Hour != b.Hour ? a.Hour.CompareTo(b.Hour) : string.CompareOrdinal(a.Id, b.Id));
        return world;
    }

    private void BuildSites(Random random)
    {
        var usedHosts = new HashSet<string>(StringComparer.Ordinal);
        string NewHost()
        {
            while (true)
            {
                var host = Stems[random.Next(Stems.Length)] + Suffixes[random.Next(Suffixes.Length)] + (random.Next(3) == 0 ? random.Next(2, 10).ToString(CultureInfo.InvariantCulture) : "") + ".test";
                if (usedHosts.Add(host)) return host;
            }
        }
        Archetype[] piracy = [Archetype.TorrentIndex, Archetype.Streaming, Archetype.DownloadBlog, Archetype.WebtoonReader, Archetype.MusicBlog, Archetype.IptvReseller];
        var operations = 3 + 2 * Scale;
        var siteNumber = 0;
        var hops = 0;
        // Operations take the page templates in a shuffled order, so that a range of seven operations shows every engine.
        var templates = Enumerable.Range(0, RangeSite.Templates).OrderBy(_ => random.Next()).ToArray();
        // Two copycats at every scale: each copies an operation's template wholesale and keeps its own identifiers.
        for (var o = 0; o < operations + 2; o++)
        {
            var copycat = o >= operations;
            var stem = Stems[random.Next(Stems.Length)];
            var shared = IdentifierSet.Kinds.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            var template = copycat ? Operations[o - operations].Template : templates[o % templates.Length];
            var operation = new Operation($"OP{o + 1:D2}", $"Operation {(char)('A' + o % 26)}{(o >= 26 ? o / 26 : "")}", IdentifierSet.Create(random, stem), shared, template,
                copycat ? Operations[o - operations].Id : null);
            Operations.Add(operation);
            // Every archetype appears at least once; an operation runs one to three sites (a copycat one).
            var count = copycat ? 1 : o < 2 ? 3 : random.Next(1, 4);
            for (var s = 0; s < count; s++)
            {
                var archetype = siteNumber < piracy.Length ? piracy[siteNumber] : Common[random.Next(Common.Length)];
                var language = archetype switch
                {
                    Archetype.WebtoonReader => random.Next(2) == 0 ? "ko" : "en",
                    Archetype.MusicBlog => random.Next(2) == 0 ? "fr" : "en",
                    _ => new[] { "en", "en", "ko", "fr" }[random.Next(4)],
                };
                var first = NewHost();
                List<SiteDomain> domains;
                if (random.Next(2) == 0)
                {
                    // A domain hop: the first domain goes dark and a successor takes over, announced in one of four ways (in turn).
                    var day = random.Next(3, Days - 2);
                    var announce = (Announcement)(hops++ % 4);
                    // Korean sites number their domains (site12 → site13); others often pick a new name.
                    var next = random.Next(2) == 0 ? Renumbered(first, usedHosts) : NewHost();
                    domains = [new SiteDomain(first, 0, day, announce), new SiteDomain(next, day, null)];
                }
                else domains = [new SiteDomain(first, 0, null)];
                Sites.Add(new RangeSite($"S{++siteNumber:D2}", first.Split('.')[0], archetype, language, operation.Template, operation.Id, domains, IdentifierSet.Create(random, stem)));
            }
        }
        Sites.Add(new RangeSite("L01", "K-Stream Plus", Archetype.LicensedStreaming, "en", 0, null, [new SiteDomain("kstreamplus.test", 0, null)], IdentifierSet.Create(random, "kstreamplus")));
        Sites.Add(new RangeSite("L02", "Drama Daily News", Archetype.News, "en", 0, null, [new SiteDomain("dramadaily.test", 0, null)], IdentifierSet.Create(random, "dramadaily")));
        Sites.Add(new RangeSite("L03", "K-Drama Fan Wiki", Archetype.FanWiki, "en", 0, null, [new SiteDomain("kdramawiki.test", 0, null)], IdentifierSet.Create(random, "kdramawiki")));
        Sites.Add(new RangeSite("A01", "링크모음 주소모음", Archetype.AddressList, "ko", 4, null, [new SiteDomain("linkmoa.test", 0, null)], IdentifierSet.Create(random, "linkmoa")));
    }

    /// <summary>The next number of a host: kdramahood2.test → kdramahood3.test, kflixbox.test → kflixbox2.test.</summary>
    private static string Renumbered(string host, HashSet<string> used)
    {
        var name = host.Split('.')[0];
        var digits = name.Length - name.Reverse().TakeWhile(char.IsAsciiDigit).Count();
        var stem = name[..digits];
        var number = digits < name.Length ? int.Parse(name[digits..], CultureInfo.InvariantCulture) : 1;
        while (true)
        {
            var next = $"{stem}{++number}.test";
            if (used.Add(next)) return next;
        }
    }

    private void BuildReleases(Random random)
    {
        var video = Works.Where(w => w.Kind is "series" or "film").ToList();
        var releasing = Sites.Where(s => s.Archetype is Archetype.TorrentIndex or Archetype.DownloadBlog or Archetype.Streaming).ToList();
        var origins = releasing.Where(s => s.Archetype is Archetype.TorrentIndex or Archetype.DownloadBlog).ToList();
        var perGroup = 12 * Scale;
        var taken = new HashSet<(string, string, int?)>();
        foreach (var group in Groups)
        {
            for (var r = 0; r < perGroup; r++)
            {
                var work = video[random.Next(video.Count)];
                int? episode = work.Episodes is { } episodes ? random.Next(1, episodes + 1) : null;
                if (!taken.Add((group, work.Id, episode))) continue;
                var hour = random.Next(0, (Days - 2) * 24);
                var origin = origins[random.Next(origins.Count)];
                var release = new Release($"R{Releases.Count + 1:D4}", group, work.Id, episode, ReleaseName(random, work, episode, group), hour, origin.Id);
                Releases.Add(release);
                AddListing(origin, work, episode, hour, release);
                // The release spreads to other platforms over hours and days.
                foreach (var site in releasing.Where(s => s.Id != origin.Id))
                    if (random.NextDouble() < 0.35)
                        AddListing(site, work, episode, hour + random.Next(1, 96), release);
            }
        }
    }

    private void BuildOtherListings(Random random)
    {
        foreach (var site in Sites)
        {
            switch (site.Archetype)
            {
                case Archetype.WebtoonReader:
                    foreach (var work in Works.Where(w => w.Kind == "webtoon"))
                    {
                        var latest = random.Next(20, work.Episodes!.Value - 5);
                        for (var c = latest; c < latest + 4 * Scale && c <= work.Episodes; c++)
                            AddListing(site, work, c, random.Next(0, Days * 24), null);
                    }
                    break;
                case Archetype.MusicBlog:
                    foreach (var work in Works.Where(w => w.Kind == "music"))
                        AddListing(site, work, null, random.Next(0, Days * 24), null);
                    break;
                case Archetype.LicensedStreaming or Archetype.News or Archetype.FanWiki:
                    foreach (var work in Works.Where(w => w.Kind is "series" or "film").OrderBy(_ => random.Next()).Take(10 + 2 * Scale))
                        AddListing(site, work, work.Episodes is { } e ? random.Next(1, e + 1) : null, random.Next(0, Days * 24), null);
                    break;
            }
            // Works that are not protected in this catalogue, on every piracy site that lists video or comics.
            if (site.Piracy && site.Archetype is not (Archetype.IptvReseller or Archetype.MusicBlog))
                foreach (var (kind, title, year) in RangeCatalogue.Unprotected.Where(u => site.Archetype == Archetype.WebtoonReader ? u.Kind == "webtoon" : u.Kind != "webtoon").Take(2 + Scale))
                    AddUnprotected(site, kind, title, year, random);
        }
    }

    private readonly Dictionary<string, int> listingNumbers = [];

    /// <summary>The next listing id of a site: S01-0001, S01-0002…</summary>
    private string NextId(RangeSite site)
    {
        var n = listingNumbers[site.Id] = listingNumbers.GetValueOrDefault(site.Id) + 1;
        return $"{site.Id}-{n:D4}";
    }

    private void AddListing(RangeSite site, RangeWork work, int? episode, int hour, Release? release)
    {
        var id = NextId(site);
        var text = ListingText(site, work, episode, release);
        Listings.Add(new RangeListing(id, site.Id, work.Id, episode, text, PathFor(site, id, text), hour, release?.Id, InfoHashOf(site, id, text)));
    }

    private void AddUnprotected(RangeSite site, string kind, string title, int year, Random random)
    {
        var id = NextId(site);
        var episode = kind is "series" or "webtoon" ? random.Next(1, 12) : (int?)null;
        var fake = new RangeWork("-", kind, year, episode is null ? null : 99, [new RangeTitle(title, "en"), new RangeTitle(title, "ko"), new RangeTitle(title, "fr")], []);
        var text = ListingText(site, fake, episode, null, random.Next(Groups.Length));
        Listings.Add(new RangeListing(id, site.Id, null, null, text, PathFor(site, id, text), random.Next(0, Days * 24), null, InfoHashOf(site, id, text)));
    }

    private static string? InfoHashOf(RangeSite site, string id, string text) =>
        site.Archetype == Archetype.TorrentIndex ? Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(InfoDictionary(id, text))) : null;

    /// <summary>The bencoded info dictionary of a listing's torrent: its SHA-1 is the info-hash the magnet carries.</summary>
    public static byte[] InfoDictionary(string id, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var pieces = System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(id));
        var length = 300_000_000L + BitConverter.ToUInt32(pieces) % 1_500_000_000L;
        var head = Encoding.ASCII.GetBytes($"d6:lengthi{length}e4:name{nameBytes.Length}:");
        var middle = Encoding.ASCII.GetBytes("12:piece lengthi4194304e6:pieces20:");
        return [.. head, .. nameBytes, .. middle, .. pieces, (byte)'e'];
    }

    /// <summary>A whole .torrent file for a listing.</summary>
    public static byte[] TorrentFile(string id, string name, string tracker)
    {
        var announce = Encoding.UTF8.GetBytes(tracker);
        return [.. Encoding.ASCII.GetBytes($"d8:announce{announce.Length}:"), .. announce, .. "4:info"u8, .. InfoDictionary(id, name), (byte)'e'];
    }

    private static string ReleaseName(Random random, RangeWork work, int? episode, string group)
    {
        var title = Dotted(work.Title("en"));
        var quality = new[] { "1080p", "720p", "2160p" }[random.Next(3)];
        var source = new[] { "NF.WEB-DL.DDP5.1.H.264", "DSNP.WEB-DL.DDP5.1.H.264", "WEB-DL.AAC2.0.H.264", "HDTV.x264" }[random.Next(4)];
        return episode is { } e
            ? $"{title}.S01E{e:D2}.{quality}.{source}-{group}"
            : $"{title}.{work.Year}.KOREAN.{quality}.{(random.Next(2) == 0 ? "BluRay.x264.DTS" : "WEB-DL.DDP5.1.H.264")}-{group}";
    }

    /// <summary>How a site of this archetype and language names an item.</summary>
    private static string ListingText(RangeSite site, RangeWork work, int? episode, Release? release, int groupIndex = 0)
    {
        var (ko, en, fr) = (work.Title("ko"), work.Title("en"), work.HasTitle("fr") ? work.Title("fr") : work.Title("en"));
        var e = episode ?? 0;
        return site.Archetype switch
        {
            Archetype.TorrentIndex => release?.Name ?? (episode is null ? $"{Dotted(en)}.{work.Year}.1080p.WEB-DL.x264-{Groups[groupIndex]}" : $"{Dotted(en)}.S01E{e:D2}.1080p.WEB-DL.x264-{Groups[groupIndex]}"),
            Archetype.Streaming => (site.Language, episode) switch
            {
                ("ko", null) => $"{ko} ({work.Year}) 다시보기",
                ("ko", _) => $"{ko} {e}회 다시보기",
                ("fr", null) => $"{fr} ({work.Year}) streaming VF",
                ("fr", _) => $"Regarder {fr} épisode {e} VOSTFR",
                (_, null) => $"Watch {en} ({work.Year}) Full Movie English Sub",
                _ => $"Watch {en} Episode {e} English Sub",
            },
            // Warez blogs title a release's post with its scene name; other posts in the site's words.
            Archetype.DownloadBlog when release is not null => release.Name,
            Archetype.DownloadBlog => (site.Language, episode) switch
            {
                ("ko", null) => $"{ko} ({work.Year}) 고화질 다운로드",
                ("ko", _) => $"{ko} {e}회 1080p 다운로드",
                ("fr", null) => $"{fr} ({work.Year}) 1080p VOSTFR",
                ("fr", _) => $"{fr} épisode {e} VOSTFR 1080p",
                (_, null) => $"{en} ({work.Year}) 1080p WEB-DL",
                _ => $"{en} Episode {e} 1080p WEB-DL",
            },
            Archetype.WebtoonReader => site.Language == "ko" ? $"{ko} {e}화" : $"{en} Chapter {e}",
            Archetype.MusicBlog => site.Language == "fr" ? $"{work.Aliases.FirstOrDefault() ?? en} ({work.Year}) [FLAC]" : $"{work.Aliases.FirstOrDefault() ?? en} MP3 320kbps",
            Archetype.LicensedStreaming => episode is null ? $"{en} ({work.Year})" : $"{en} – Episode {e}",
            Archetype.News => episode is null ? $"Review: why {en} still matters" : $"{en} episode {e} recap: what happened",
            Archetype.FanWiki => episode is null ? $"{en} (film)" : $"{en} – Episode {e} guide",
            _ => en,
        };
    }

    private static string PathFor(RangeSite site, string id, string text)
    {
        var slug = Slug(text);
        var number = int.Parse(id[(id.IndexOf('-') + 1)..], CultureInfo.InvariantCulture);
        return site.Archetype switch
        {
            Archetype.TorrentIndex => $"/torrent/{number}/{slug}",
            Archetype.Streaming => $"/watch/{number}-{slug}",
            Archetype.DownloadBlog => $"/post/{number}/{slug}",
            Archetype.WebtoonReader => $"/comic/{number}/{slug}",
            Archetype.MusicBlog => $"/album/{number}-{slug}",
            Archetype.News => $"/news/{number}-{slug}",
            Archetype.FanWiki => $"/wiki/{number}-{slug}",
            _ => $"/title/{number}-{slug}",
        };
    }

    public static string Dotted(string title) =>
        string.Join('.', new string([.. title.Select(c => char.IsLetterOrDigit(c) ? c : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= 60) break;
        }
        return slug.ToString().Trim('-') is { Length: > 0 } s ? s : "item";
    }
}
