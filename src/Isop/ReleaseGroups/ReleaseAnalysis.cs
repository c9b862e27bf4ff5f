using Isop.Access;
using Isop.Data;
using Isop.Operations;
using Microsoft.EntityFrameworkCore;

namespace Isop.ReleaseGroups;

/// <summary>Where and when a release was on one platform: the time the page states when it states one, else the first sighting; and the evidence.</summary>
public sealed record ReleaseSighting(Guid Platform, string PlatformName, string? Domain, DateTimeOffset At, string Source, DateTimeOffset FirstSeen, string? PageUrl, string? WarcFile, long? WarcOffset);

/// <summary>A release: its name and group, where it appeared first, and how it spread (one sighting per platform, in time order).</summary>
public sealed record ReleaseView(string Release, string? Group, Tlp Tlp, ReleaseSighting First, IReadOnlyList<ReleaseSighting> Platforms, Guid? WorkId, int? Episode);

/// <summary>How often a platform carries a group's releases, and how often it has them first (a likely insider or operator).</summary>
public sealed record GroupPlatform(Guid Platform, string Name, int Releases, int First);

/// <summary>A release group's profile: its spellings, works, episodes, platforms and volume by day.</summary>
public sealed record GroupProfile(
    string Group, IReadOnlyList<string> Aliases, int Releases, IReadOnlyList<Guid> Works, int Episodes, IReadOnlyList<GroupPlatform> Platforms,
    IReadOnlyList<DayCount> Volume, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, Tlp Tlp);

public sealed record DayCount(DateOnly Day, int Count);

/// <summary>
/// Release first-seen and spread, and release-group profiles, from the observations the caller may see: a release
/// seen first on a platform the caller may not see has its first sighting where the caller can see it, and its TLP is
/// the strictest of the platforms it rests on.
/// </summary>
public sealed class ReleaseAnalysis(IsopDb db)
{
    private sealed record Row(Guid PlatformId, string Key, string Release, string? Group, DateTimeOffset At, bool Posted, DateTimeOffset FirstSeen, string? PageUrl, string? WarcFile, long? WarcOffset, Guid? WorkId, int? Episode);

    /// <summary>One row per platform and release (kept by ingest), with the work its first observation was recognised as, where the caller may see it.</summary>
    private IQueryable<PlatformRelease> Of(IReadOnlyCollection<string>? groups)
    {
        var query = db.PlatformReleases.AsNoTracking();
        if (groups is null) return query;
        var keys = groups.Select(g => g.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        return keys.Count == 1 ? query.Where(r => r.GroupKey == keys[0]) : query.Where(r => keys.Contains(r.GroupKey!));
    }

    private async Task<List<Row>> RowsAsync(IReadOnlyCollection<string>? groups, IReadOnlyCollection<string>? releaseKeys, CancellationToken ct)
    {
        var query = Of(groups);
        if (releaseKeys is not null)
        {
            var keys = releaseKeys.ToList();
            query = keys.Count == 1 ? query.Where(r => r.Key == keys[0]) : query.Where(r => keys.Contains(r.Key));
        }
        return await (from r in query
                      join g in db.Recognitions on new { r.PlatformId, Key = r.ObservationKey } equals new { g.PlatformId, g.Key } into recognised
                      from g in recognised.DefaultIfEmpty()
                      select new Row(r.PlatformId, r.Key, r.Release, r.ReleaseGroup, r.At, r.Posted, r.FirstSeen, r.PageUrl, r.WarcFile, r.WarcOffset,
                          g != null ? g.WorkId : null, g != null ? g.Episode : null)).ToListAsync(ct);
    }

    private async Task<Dictionary<Guid, (string Name, Tlp Tlp, Guid Owner)>> PlatformsAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Platforms.AsNoTracking().Where(p => list.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (p.Name, p.Tlp, p.OwnerOrganisationId), ct);
    }

    private async Task<Dictionary<Guid, (Tlp Tlp, Guid Owner)>> WorksAsync(CancellationToken ct) =>
        await db.Works.AsNoTracking().ToDictionaryAsync(w => w.Id, w => (w.Tlp, w.OwnerOrganisationId), ct);

    /// <summary>Every release the caller may see (optionally of one group, or one name), first appearance first.</summary>
    public async Task<IReadOnlyList<ReleaseView>> ReleasesAsync(string? group, CancellationToken ct, string? release = null) =>
        await ViewsAsync(await RowsAsync(group is null ? null : [Releases.Canonical(group)], release is null ? null : [Releases.Key(release)], ct), ct);

    /// <summary>
    /// One page of the releases the caller may see, ordered by first appearance (oldest or newest first), and how many
    /// there are: the order and the count come from the database, and only the page's releases are read whole.
    /// </summary>
    public Task<(IReadOnlyList<ReleaseView> Items, int Total)> PageAsync(string? group, bool newestFirst, int page, int size, CancellationToken ct) =>
        PageAsync(group, byName: false, newestFirst, page, size, ct);

    /// <summary>A page of releases, by when each appeared first or by name (<paramref name="descending"/> reverses either).</summary>
    public async Task<(IReadOnlyList<ReleaseView> Items, int Total)> PageAsync(string? group, bool byName, bool descending, int page, int size, CancellationToken ct)
    {
        var firsts = Of(group is null ? null : [Releases.Canonical(group)]).GroupBy(r => r.Key).Select(g => new { g.Key, First = g.Min(r => r.At) });
        var total = await firsts.CountAsync(ct);
        var ordered = (byName, descending) switch
        {
            (true, false) => firsts.OrderBy(f => f.Key),
            (true, true) => firsts.OrderByDescending(f => f.Key),
            (false, true) => firsts.OrderByDescending(f => f.First).ThenByDescending(f => f.Key),
            (false, false) => firsts.OrderBy(f => f.First).ThenBy(f => f.Key),
        };
        var skip = (Math.Max(1L, page) - 1) * size;
        if (skip >= total) return ([], total);
        var keys = await ordered.Skip((int)skip).Take(size).Select(f => f.Key).ToListAsync(ct);
        if (keys.Count == 0) return ([], total);
        var views = await ViewsAsync(await RowsAsync(group is null ? null : [Releases.Canonical(group)], keys, ct), ct);
        var position = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        return ([.. views.OrderBy(v => position.GetValueOrDefault(Releases.Key(v.Release), int.MaxValue))], total);
    }

    private async Task<IReadOnlyList<ReleaseView>> ViewsAsync(List<Row> rows, CancellationToken ct)
    {
        var platforms = await PlatformsAsync(rows.Select(r => r.PlatformId), ct);
        var works = await WorksAsync(ct);
        return [.. rows.Where(r => platforms.ContainsKey(r.PlatformId)).GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => View(g.ToList(), platforms, works))
            .OrderBy(v => v.First.At).ThenBy(v => v.Release, StringComparer.Ordinal)];
    }

    private static ReleaseView View(List<Row> rows, Dictionary<Guid, (string Name, Tlp Tlp, Guid Owner)> platforms, Dictionary<Guid, (Tlp Tlp, Guid Owner)> works)
    {
        var sightings = rows.Select(r => Sighting(r, platforms[r.PlatformId].Name))
            .OrderBy(s => s.At).ThenBy(s => s.FirstSeen).ThenBy(s => s.Platform).ToList();
        var named = rows.GroupBy(r => r.Release, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var work = rows.Where(r => r.WorkId is not null).GroupBy(r => (r.WorkId, r.Episode)).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
        // Derived from its platforms' observations and the work it is recognised as: the strictest of them.
        var tlp = DerivedTlp.Of(rows.Select(r => (platforms[r.PlatformId].Tlp, platforms[r.PlatformId].Owner))
            .Concat(work?.WorkId is { } w && works.TryGetValue(w, out var x) ? [x] : []));
        return new ReleaseView(named, rows.Select(r => r.Group).FirstOrDefault(x => x is not null), tlp,
            sightings[0], sightings, work?.WorkId, work?.Episode);
    }

    private static ReleaseSighting Sighting(Row r, string name)
    {
        var domain = r.PageUrl is not null && Uri.TryCreate(r.PageUrl, UriKind.Absolute, out var u) ? u.IdnHost : null;
        return new ReleaseSighting(r.PlatformId, name, domain, r.At, r.Posted ? "posted" : "sighted", r.FirstSeen, r.PageUrl, r.WarcFile, r.WarcOffset);
    }

    /// <summary>Every group the caller may see, most releases first.</summary>
    public async Task<IReadOnlyList<GroupProfile>> GroupsAsync(CancellationToken ct) =>
        [.. (await ProfilesAsync(null, ct)).OrderByDescending(g => g.Releases).ThenBy(g => g.Group, StringComparer.Ordinal)];

    public async Task<GroupProfile?> GroupAsync(string group, CancellationToken ct) => (await ProfilesAsync([Releases.Canonical(group)], ct)).FirstOrDefault();

    /// <summary>The profiles of the groups whose first release the caller may see falls in [from, to): new groups.</summary>
    public async Task<IReadOnlyList<GroupProfile>> FirstSeenBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var keys = await db.PlatformReleases.Where(r => r.GroupKey != null).GroupBy(r => r.GroupKey!)
            .Select(g => new { g.Key, First = g.Min(r => r.At) }).Where(g => g.First >= from && g.First < to).Select(g => g.Key).ToListAsync(ct);
        if (keys.Count == 0) return [];
        return [.. (await ProfilesAsync(keys, ct)).Where(g => g.FirstSeen >= from && g.FirstSeen < to).OrderBy(g => g.FirstSeen)];
    }

    private async Task<IEnumerable<GroupProfile>> ProfilesAsync(IReadOnlyCollection<string>? groups, CancellationToken ct)
    {
        // Narrow rows (no URL, no evidence): a profile needs only where and when each release was, and which work it is.
        var query = Of(groups).Where(r => r.GroupKey != null);
        var rows = await query.Select(r => new { r.PlatformId, r.Key, Group = r.ReleaseGroup!, GroupKey = r.GroupKey!, r.At, r.FirstSeen }).ToListAsync(ct);
        var recognised = await (from r in query
                                join g in db.Recognitions on new { r.PlatformId, Key = r.ObservationKey } equals new { g.PlatformId, g.Key }
                                where g.WorkId != null
                                select new { r.PlatformId, r.Key, WorkId = g.WorkId!.Value, g.Episode }).ToListAsync(ct);
        var platforms = await PlatformsAsync(rows.Select(r => r.PlatformId), ct);
        var works = await WorksAsync(ct);
        rows = [.. rows.Where(r => platforms.ContainsKey(r.PlatformId))];
        // A release's work, as its view has it: the work and episode most of its platforms' listings are recognised as.
        var workOf = recognised.Where(r => platforms.ContainsKey(r.PlatformId)).GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => (r.WorkId, r.Episode)).OrderByDescending(x => x.Count()).First().Key, StringComparer.Ordinal);
        return rows.GroupBy(r => r.GroupKey, StringComparer.Ordinal).Select(g =>
        {
            var releases = g.GroupBy(r => r.Key, StringComparer.Ordinal).Select(x =>
            {
                var first = x.OrderBy(r => r.At).ThenBy(r => r.FirstSeen).ThenBy(r => r.PlatformId).First();
                return (x.Key, First: first, Last: x.Max(r => r.At), Carriers: x.Select(r => r.PlatformId).ToList(), Work: workOf.TryGetValue(x.Key, out var w) ? w : ((Guid, int?)?)null);
            }).ToList();
            var carriers = releases.SelectMany(r => r.Carriers.Select(p => (Platform: p, First: p == r.First.PlatformId)))
                .GroupBy(p => p.Platform)
                .Select(p => new GroupPlatform(p.Key, platforms[p.Key].Name, p.Count(), p.Count(x => x.First)))
                .OrderByDescending(p => p.First).ThenByDescending(p => p.Releases).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
            var volume = releases.GroupBy(r => DateOnly.FromDateTime(r.First.At.UtcDateTime)).OrderBy(d => d.Key).Select(d => new DayCount(d.Key, d.Count())).ToList();
            var spellings = g.Select(r => r.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var groupWorks = releases.Where(r => r.Work is not null).Select(r => r.Work!.Value.Item1).Distinct().ToList();
            return new GroupProfile(
                g.GroupBy(r => r.Group, StringComparer.Ordinal).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key,
                spellings, releases.Count, groupWorks, releases.Count(r => r.Work?.Item2 is not null), carriers, volume,
                releases.Min(r => r.First.At), releases.Max(r => r.Last),
                DerivedTlp.Of(g.Select(r => r.PlatformId).Distinct().Select(id => (platforms[id].Tlp, platforms[id].Owner))
                    .Concat(groupWorks.Where(works.ContainsKey).Select(w => works[w]))));
        });
    }
}
