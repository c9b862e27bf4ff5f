using System.Collections.Concurrent;
using Isop.Data;
using Isop.Recognition.Matching;
using Microsoft.EntityFrameworkCore;

namespace Isop.Catalogue;

public sealed record MatchedWorkView(Guid Id, string ExternalId, string Title, WorkKind Kind, int? Year);

public sealed record ListingMatchView(string Input, MatchedWorkView? Work, string? Title, int? Episode, double Confidence, IReadOnlyList<string> Reasons);

/// <summary>
/// Matchers over the works each caller may see, built once and rebuilt when anything changes (the audit head moves
/// with every change, so it stamps the catalogue's state). Visibility comes from the same TLP filters as everything.
/// </summary>
public sealed class CatalogueMatchers
{
    private readonly ConcurrentDictionary<(Guid? Organisation, Guid? Member), Built> _cache = new();

    private sealed record Built(long Stamp, CatalogueMatcher Matcher, Dictionary<string, MatchedWorkView> Works);

    public const int MaxListings = 1000;

    public async Task<IReadOnlyList<ListingMatchView>> MatchAsync(IsopDb db, IEnumerable<string> listings, CancellationToken ct)
    {
        var built = await ForCallerAsync(db, ct);
        return listings.Select(listing =>
        {
            var r = built.Matcher.Match(listing);
            return new ListingMatchView(r.Input, r.WorkId is null ? null : built.Works[r.WorkId], r.Title, r.Episode, r.Confidence, r.Reasons);
        }).ToList();
    }

    private async Task<Built> ForCallerAsync(IsopDb db, CancellationToken ct)
    {
        var caller = db.Caller;
        var key = (caller.OrganisationId, caller.MemberId);
        var stamp = await db.AuditHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => h.Sequence).SingleAsync(ct);
        if (_cache.TryGetValue(key, out var cached) && cached.Stamp == stamp) return cached;
        var works = await db.Works.AsNoTracking().ToListAsync(ct);
        var matchable = works.Select(w => CatalogueMatching.ToMatchable(CatalogueImporter.ToCatalogue(w)) with { Id = w.Id.ToString(), Label = w.ExternalId });
        var views = works.ToDictionary(w => w.Id.ToString(),
            w => new MatchedWorkView(w.Id, w.ExternalId, w.OrderedTitles().FirstOrDefault()?.Text ?? w.ExternalId, w.Kind, w.Year));
        var built = new Built(stamp, new CatalogueMatcher(matchable), views);
        _cache[key] = built;
        return built;
    }
}
