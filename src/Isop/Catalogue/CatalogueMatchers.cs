using Isop.Data;
using Isop.Recognition.Matching;
using Microsoft.EntityFrameworkCore;

namespace Isop.Catalogue;

public sealed record MatchedWorkView(Guid Id, string ExternalId, string Title, WorkKind Kind, int? Year)
{
    public static MatchedWorkView Of(Work w) => new(w.Id, w.ExternalId, w.OrderedTitles().FirstOrDefault()?.Text ?? w.ExternalId, w.Kind, w.Year);
}

/// <remarks><paramref name="Reasons"/> are in the reader's language; <paramref name="Why"/> has them with their codes and parameters.</remarks>
public sealed record ListingMatchView(string Input, MatchedWorkView? Work, string? Title, int? Season, int? Episode, double Confidence, IReadOnlyList<string> Reasons, IReadOnlyList<Web.ReasonView> Why);

/// <summary>
/// Matchers over the works each caller may see, built once and rebuilt when anything changes (the audit head moves
/// with every change, so it stamps the catalogue's state). Visibility comes from the same TLP filters as everything.
/// </summary>
public sealed class CatalogueMatchers
{
    private readonly CallerCache<Built> _cache = new();

    /// <summary>A matcher over some works, and the works by the matcher's ids.</summary>
    public sealed record Built(CatalogueMatcher Matcher, Dictionary<string, MatchedWorkView> Works);

    public const int MaxListings = 1000;

    public async Task<IReadOnlyList<ListingMatchView>> MatchAsync(IsopDb db, IEnumerable<string> listings, Microsoft.Extensions.Localization.IStringLocalizer l, CancellationToken ct)
    {
        var built = await _cache.GetAsync(db, BuildAsync, ct);
        return listings.Select(listing =>
        {
            var r = built.Matcher.Match(listing);
            var why = Web.ReasonTexts.Views(l, r.Why);
            return new ListingMatchView(r.Input, r.WorkId is null ? null : built.Works[r.WorkId], r.Title, r.Season, r.Episode, r.Confidence, why.Select(x => x.Text).ToList(), why);
        }).ToList();
    }

    /// <summary>A matcher over the works the context's caller may see.</summary>
    public static async Task<Built> BuildAsync(IsopDb db, CancellationToken ct)
    {
        var visible = await db.Works.AsNoTracking().ToListAsync(ct);
        // The same work imported by several organisations (the same id, kind, year and titles) is one work to the
        // matcher — else two identical candidates tie and it abstains; the caller's own copy, else the oldest, stands.
        var works = visible.GroupBy(Identity, StringComparer.Ordinal)
            .Select(g => g.OrderBy(w => w.OwnerOrganisationId == db.Caller.OrganisationId ? 0 : 1).ThenBy(w => w.CreatedAt).ThenBy(w => w.Id).First())
            .ToList();
        // Reasons name a work by its first title and its catalogue id: "Oldboy (MF002)".
        var matchable = works.Select(w => CatalogueMatching.ToMatchable(CatalogueImporter.ToCatalogue(w)) with
        {
            Id = w.Id.ToString(),
            Label = w.OrderedTitles().FirstOrDefault() is { } title ? $"{title.Text} ({w.ExternalId})" : w.ExternalId,
        });
        return new Built(new CatalogueMatcher(matchable), works.ToDictionary(w => w.Id.ToString(), MatchedWorkView.Of));
    }

    private static string Identity(Work w) =>
        string.Join('\u001f', [w.ExternalId, w.Kind.ToString(), w.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", .. w.OrderedTitles().Select(t => t.Text + "\u001e" + t.Language)]);
}
