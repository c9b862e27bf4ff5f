using Isop.Access;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Catalogue;

public sealed record ImportResult(int Created, int Updated, int Unchanged)
{
    public int Total => Created + Updated + Unchanged;
}

/// <summary>Writes a validated catalogue: idempotent by id within the owner organisation, all-or-nothing.</summary>
public static class CatalogueImporter
{
    private const int Batch = 1000;

    public static async Task<ImportResult> ImportAsync(
        IsopDb db, IReadOnlyList<CatalogueWork> works, Guid ownerOrganisationId, Tlp tlp,
        IProgress<int>? progress, CancellationToken ct)
    {
        if (!db.Caller.CanWriteFor(ownerOrganisationId))
            throw new AccessDeniedException($"{db.Caller.Name} may not import works for this organisation.");

        int created = 0, updated = 0, unchanged = 0;
        var now = db.Time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One read of what the organisation already has; only works that differ are loaded for change.
        var existing = new Dictionary<string, CatalogueWork>(StringComparer.Ordinal);
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await foreach (var work in db.Works.AsNoTracking().Where(w => w.OwnerOrganisationId == ownerOrganisationId).AsAsyncEnumerable().WithCancellation(ct))
        {
            existing[work.ExternalId] = ToCatalogue(work);
            ids[work.ExternalId] = work.Id;
        }

        for (var start = 0; start < works.Count; start += Batch)
        {
            var chunk = works.Skip(start).Take(Batch).ToList();
            var changedIds = new List<Guid>();
            foreach (var item in chunk)
            {
                if (!existing.TryGetValue(item.Id, out var current))
                {
                    var work = new Work
                    {
                        ExternalId = item.Id,
                        OwnerOrganisationId = ownerOrganisationId,
                        Tlp = tlp,
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    Apply(work, item);
                    db.Works.Add(work);
                    created++;
                }
                else if (Same(current, item)) unchanged++;
                else changedIds.Add(ids[item.Id]);
            }
            if (changedIds.Count > 0)
            {
                var byId = chunk.ToDictionary(w => w.Id, StringComparer.Ordinal);
                foreach (var work in await db.Works.Where(w => changedIds.Contains(w.Id)).ToListAsync(ct))
                {
                    Apply(work, byId[work.ExternalId]);
                    work.UpdatedAt = now;
                    updated++;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            progress?.Report(Math.Min(start + Batch, works.Count));
        }
        await transaction.CommitAsync(ct);
        return new ImportResult(created, updated, unchanged);
    }

    private static bool Same(CatalogueWork a, CatalogueWork b) =>
        a.Kind == b.Kind && a.Year == b.Year && a.Episodes == b.Episodes && a.RightsHolder == b.RightsHolder
        && a.Titles.SequenceEqual(b.Titles) && a.Aliases.SequenceEqual(b.Aliases, StringComparer.Ordinal)
        && SameSeasons(a.SeasonList(), b.SeasonList()) && SameOffers(a.OfferList, b.OfferList);

    private static bool SameOffers(IReadOnlyList<CatalogueOffer> a, IReadOnlyList<CatalogueOffer> b) =>
        a.Count == b.Count && a.Zip(b).All(x => x.First.SameAs(x.Second));

    private static bool SameSeasons(IReadOnlyList<CatalogueSeason> a, IReadOnlyList<CatalogueSeason> b) =>
        a.Count == b.Count && a.Zip(b).All(x => x.First.SameAs(x.Second));

    /// <summary>Copies the catalogue's fields onto the work; true when anything changed.</summary>
    public static bool Apply(Work work, CatalogueWork item)
    {
        var changed = false;
        if (work.Kind != item.Kind) { work.Kind = item.Kind; changed = true; }
        if (work.Year != item.Year) { work.Year = item.Year; changed = true; }
        if (work.Episodes != item.Episodes) { work.Episodes = item.Episodes; changed = true; }
        if (work.RightsHolder != item.RightsHolder) { work.RightsHolder = item.RightsHolder; changed = true; }
        if (!work.OrderedTitles().Select(t => (t.Text, t.Language)).SequenceEqual(item.Titles.Select(t => (t.Text, t.Language))))
        {
            work.Titles.Clear();
            work.Titles.AddRange(item.Titles.Select((t, i) => new WorkTitle { Text = t.Text, Language = t.Language, Position = i }));
            changed = true;
        }
        // Only seasons the catalogue states are stored: a work of one implied season reads back the same without rows.
        var seasons = item.SeasonsImplied ? [] : item.SeasonList();
        if (!SameSeasons(work.OrderedSeasons().Select(ToCatalogue).ToList(), seasons))
        {
            work.Seasons.Clear();
            work.Seasons.AddRange(seasons.Select(x => new WorkSeason { Number = x.Number, Episodes = x.Episodes, Year = x.Year, Titles = [.. x.Titles] }));
            changed = true;
        }
        if (!work.OrderedAliases().Select(a => a.Text).SequenceEqual(item.Aliases))
        {
            work.Aliases.Clear();
            work.Aliases.AddRange(item.Aliases.Select((a, i) => new WorkAlias { Text = a, Position = i }));
            changed = true;
        }
        if (!SameOffers(work.OrderedOffers().Select(ToCatalogue).ToList(), item.OfferList))
        {
            work.Offers.Clear();
            work.Offers.AddRange(item.OfferList.Select((o, i) => new WorkOffer { Service = o.Service, Url = o.Url, Countries = string.Join(' ', o.Countries), Position = i }));
            changed = true;
        }
        return changed;
    }

    public static CatalogueWork ToCatalogue(Work work) =>
        new(work.ExternalId, work.Kind, work.Year, work.Episodes,
            work.OrderedTitles().Select(t => new CatalogueTitle(t.Text, t.Language)).ToList(),
            work.OrderedAliases().Select(a => a.Text).ToList(), work.RightsHolder, work.OrderedSeasons().Select(ToCatalogue).ToList(),
            work.OrderedOffers().Select(ToCatalogue).ToList());

    private static CatalogueOffer ToCatalogue(WorkOffer offer) => new(offer.Service, offer.Url, offer.CountryList);

    private static CatalogueSeason ToCatalogue(WorkSeason season) => new(season.Number, season.Episodes, season.Year, season.Titles);
}
