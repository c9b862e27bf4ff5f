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
        var now = db.Time.GetUtcNow();
        foreach (var site in range.World.Sites.Where(s => s.Piracy))
        {
            var name = $"{site.Name} (range)";
            var existing = await db.Platforms.SingleOrDefaultAsync(p => p.Name == name && p.OwnerOrganisationId == organisationId, ct);
            if (existing is not null)
            {
                // The range listens on a new port each start: keep the platform pointed at it.
                existing.Monitor.Seeds = range.Home(site).AbsoluteUri;
                existing.Monitor.Resolve = string.Join('\n', range.ResolveEntries);
                ids.Add(existing.Id);
                continue;
            }
            var platform = new Platform
            {
                Name = name,
                Kind = site.Archetype switch
                {
                    Archetype.TorrentIndex => PlatformKind.TorrentIndex,
                    Archetype.Streaming => PlatformKind.StreamingSite,
                    Archetype.DownloadBlog or Archetype.MusicBlog => PlatformKind.DownloadBlog,
                    Archetype.IptvReseller => PlatformKind.IptvSeller,
                    _ => PlatformKind.Other,
                },
                Description = $"Range site {site.Id}: {site.Archetype}, in {site.Language}.",
                Tlp = Tlp.Green,
                OwnerOrganisationId = organisationId,
                CreatedAt = now,
                UpdatedAt = now,
                Monitor = new PlatformMonitor
                {
                    Enabled = settings.Enabled,
                    IntervalMinutes = settings.IntervalMinutes,
                    Seeds = range.Home(site).AbsoluteUri,
                    Resolve = string.Join('\n', range.ResolveEntries),
                    DelayMs = settings.DelayMs,
                    PerHost = settings.PerHost,
                    MaxPages = settings.MaxPages,
                    MaxDepth = settings.MaxDepth,
                },
            };
            platform.SetDomains(site.Domains.Select(d => d.Host), now);
            platform.Monitor.ScheduleIfEnabled(now);
            db.Platforms.Add(platform);
            ids.Add(platform.Id);
        }
        await db.SaveChangesAsync(ct);
        return ids;
    }
}

/// <summary>How range platforms are monitored when registered.</summary>
public sealed record RangeMonitoring(bool Enabled = true, int IntervalMinutes = 30, int DelayMs = 50, int PerHost = 2, int MaxPages = 1000, int MaxDepth = 3);
