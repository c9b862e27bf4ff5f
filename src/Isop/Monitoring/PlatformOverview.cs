using Isop.Data;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

/// <summary>A day's first sightings on a platform: how many were recognised as works the caller may see, how many not.</summary>
public sealed record SightingDay(DateOnly Day, int Recognised, int NotRecognised);

/// <summary>
/// What a caller may know of a platform's monitoring at a glance: its last runs, how many listings were seen and
/// recognised, how many works, and first sightings by day. Recognitions carry the TLP of the works they speak of, so
/// the counts and days include only those the caller may see.
/// </summary>
public sealed record PlatformOverview(Platform Platform, IReadOnlyList<CrawlRun> Runs, int Listings, int Recognised, int Works, IReadOnlyList<SightingDay> Days)
{
    /// <summary>The overview, or null when the caller may not see the platform.</summary>
    public static async Task<PlatformOverview?> LoadAsync(IsopDb db, Guid id, CancellationToken ct, int runs = 20)
    {
        var platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (platform is null) return null;
        var recent = await db.CrawlRuns.AsNoTracking().Where(r => r.PlatformId == id).OrderByDescending(r => r.StartedAt).Take(runs).ToListAsync(ct);
        var observations = db.Observations.AsNoTracking().Where(o => o.PlatformId == id);
        var recognised = db.Recognitions.AsNoTracking().Where(r => r.PlatformId == id && r.WorkId != null);
        // First sightings by day (the dates are few; they are grouped here, once read).
        var firstSeen = await observations.Select(o => new { o.FirstSeen, Recognised = o.Recognition != null && o.Recognition.WorkId != null }).ToListAsync(ct);
        var days = firstSeen.GroupBy(o => DateOnly.FromDateTime(o.FirstSeen.UtcDateTime)).OrderBy(g => g.Key)
            .Select(g => new SightingDay(g.Key, g.Count(x => x.Recognised), g.Count(x => !x.Recognised))).ToList();
        return new PlatformOverview(platform, recent, firstSeen.Count, await recognised.CountAsync(ct),
            await recognised.Select(r => r.WorkId).Distinct().CountAsync(ct), days);
    }
}
