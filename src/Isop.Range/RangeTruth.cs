using System.Security.Cryptography;
using System.Text.Json;

namespace Isop.Range;

/// <summary>
/// The ground truth of a range: which sites are piracy platforms of which archetype, which operation runs them and
/// with which identifiers, which domains succeed which, what every listing offers, and where each release appeared first.
/// </summary>
public static class RangeTruth
{
    public static object Of(RangeWorld world) => new
    {
        seed = world.Seed,
        scale = world.Scale,
        days = RangeWorld.Days,
        sites = world.Sites.Select(s => new
        {
            id = s.Id,
            name = s.Name,
            archetype = s.Archetype.ToString(),
            piracy = s.Piracy,
            language = s.Language,
            template = s.Template,
            engine = s.Engine,
            legitimate = s.Legitimate,
            operation = s.OperationId,
            domains = s.Domains.Select(d => new { host = d.Host, fromDay = d.FromDay, untilDay = d.UntilDay, announce = d.Announce?.ToString() }),
        }),
        operations = world.Operations.Select(o => new
        {
            id = o.Id,
            name = o.Name,
            sites = world.Sites.Where(s => s.OperationId == o.Id).Select(s => s.Id),
            shared = o.Shared,
            copies = o.Copies,
            signals = new
            {
                googleAnalytics = o.Ids.Analytics,
                adsense = o.Ids.AdSense,
                bitcoin = o.Ids.Bitcoin,
                ethereum = o.Ids.Ethereum,
                tron = o.Ids.Tron,
                telegram = o.Ids.Telegram,
                email = o.Ids.Email,
                faviconSha256 = Convert.ToHexStringLower(SHA256.HashData(o.Ids.Favicon)),
            },
        }),
        domainHops = world.Sites.Where(s => s.Domains.Count > 1).Select(s => new
        {
            site = s.Id,
            from = s.Domains[0].Host,
            to = s.Domains[1].Host,
            day = s.Domains[1].FromDay,
            announce = s.Domains[0].Announce?.ToString(),
        }),
        releaseGroups = RangeWorld.Groups.Select(g => new
        {
            name = g,
            releases = world.Releases.Where(r => r.Group == g).Select(r => new
            {
                id = r.Id,
                name = r.Name,
                work = r.WorkId,
                episode = r.Episode,
                first = new { site = r.OriginSiteId, hour = r.Hour },
                spread = world.Listings.Where(l => l.ReleaseId == r.Id && l.SiteId != r.OriginSiteId).Select(l => new { site = l.SiteId, hour = l.Hour }),
            }),
        }),
        listings = world.Listings.Select(l => new
        {
            id = l.Id,
            site = l.SiteId,
            path = l.Path,
            text = l.Text,
            work = l.WorkId,
            episode = l.Episode,
            hour = l.Hour,
            release = l.ReleaseId,
            infoHash = l.InfoHash,
        }),
    };

    public static void Write(RangeWorld world, Stream output) =>
        JsonSerializer.Serialize(output, Of(world), new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
}
