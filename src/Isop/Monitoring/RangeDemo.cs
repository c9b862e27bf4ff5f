using System.Text;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Platforms;
using Isop.Range;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

/// <summary>
/// Connects a running range to a database: its catalogue imported for an organisation, and each of its piracy
/// sites registered as a monitored platform (all its domains, the range's resolve map, the home page as start).
/// Registering twice changes nothing.
/// </summary>
public static class RangeDemo
{
    public static async Task<IReadOnlyList<Guid>> RegisterAsync(IsopDb db, RangeHost range, Guid organisationId, RangeMonitoring settings, CancellationToken ct)
    {
        await using (var json = new MemoryStream(Encoding.UTF8.GetBytes(RangeCatalogue.ToJson())))
        {
            var works = await CatalogueReader.ReadAsync(json, ct);
            await CatalogueImporter.ImportAsync(db, works, organisationId, Tlp.Green, null, ct);
        }
        var ids = new List<Guid>();
        // The range listens on loopback, and registering it is the local operator's act: its resolve entries are allowed.
        var writes = new PlatformWrites(db, allowPrivateResolve: true);
        // The domains known on the range's day: successors that come later are for monitoring to find.
        foreach (var site in range.World.Sites.Where(s => s.Piracy || s.Archetype == Archetype.AddressList || (settings.Legitimate && s.Legitimate)))
        {
            var name = $"{site.Name} (range)";
            // The range listens on a new port each start: keep the platform pointed at it.
            var pointed = new MonitorSettingsInput { Seeds = [range.Home(site).AbsoluteUri], Resolve = range.ResolveEntries.ToList() };
            var existing = await db.Platforms.Where(p => p.Name == name && p.OwnerOrganisationId == organisationId).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
            if (existing is { } id)
            {
                await writes.SetMonitorAsync(id, pointed, ct);
                ids.Add(id);
                continue;
            }
            var platform = await writes.CreateAsync(new PlatformInput
            {
                Name = name,
                Kind = site.Archetype switch
                {
                    Archetype.TorrentIndex => PlatformKind.TorrentIndex,
                    Archetype.Streaming => PlatformKind.StreamingSite,
                    Archetype.DownloadBlog or Archetype.MusicBlog => PlatformKind.DownloadBlog,
                    Archetype.IptvReseller => PlatformKind.IptvSeller,
                    Archetype.AddressList => PlatformKind.AddressList,
                    _ => PlatformKind.Other,
                },
                Description = site.Legitimate ? $"Range site {site.Id}: a legitimate {site.Archetype} site, registered as a control." : $"Range site {site.Id}: {site.Archetype}, in {site.Language}.",
                Tlp = Tlp.Green,
                Domains = site.Domains.Where(d => d.FromDay <= range.Day).Select(d => d.Host).ToList(),
            }, pointed with
            {
                Enabled = settings.Enabled, IntervalMinutes = settings.IntervalMinutes, DelayMs = settings.DelayMs,
                PerHost = settings.PerHost, MaxPages = settings.MaxPages, MaxDepth = settings.MaxDepth,
            }, ct, organisationId);
            ids.Add(platform.Id);
        }
        return ids;
    }
}

/// <summary>How range platforms are monitored when registered; <paramref name="Legitimate"/> registers the legitimate sites too, as controls.</summary>
public sealed record RangeMonitoring(bool Enabled = true, int IntervalMinutes = 30, int DelayMs = 50, int PerHost = 2, int MaxPages = 1000, int MaxDepth = 3, bool Legitimate = false);
