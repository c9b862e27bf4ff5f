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
        var ids = await db.Works.AsNoTracking()
            .Where(w => w.OwnerOrganisationId == ownerOrganisationId)
            .Select(w => new { w.ExternalId, w.Id })
            .ToDictionaryAsync(w => w.ExternalId, w => w.Id, StringComparer.Ordinal, ct);

        for (var start = 0; start < works.Count; start += Batch)
        {
            var chunk = works.Skip(start).Take(Batch).ToList();
            var existingIds = chunk.Where(w => ids.ContainsKey(w.Id)).Select(w => ids[w.Id]).ToList();
            var existing = existingIds.Count == 0
                ? new Dictionary<string, Work>(StringComparer.Ordinal)
                : await db.Works.Where(w => existingIds.Contains(w.Id)).ToDictionaryAsync(w => w.ExternalId, StringComparer.Ordinal, ct);
            foreach (var item in chunk)
            {
                if (existing.TryGetValue(item.Id, out var work))
                {
                    if (Apply(work, item)) { work.UpdatedAt = now; updated++; }
                    else unchanged++;
                }
                else
                {
                    work = new Work
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
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            progress?.Report(Math.Min(start + Batch, works.Count));
        }
        await transaction.CommitAsync(ct);
        return new ImportResult(created, updated, unchanged);
    }

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
        if (!work.OrderedAliases().Select(a => a.Text).SequenceEqual(item.Aliases))
        {
            work.Aliases.Clear();
            work.Aliases.AddRange(item.Aliases.Select((a, i) => new WorkAlias { Text = a, Position = i }));
            changed = true;
        }
        return changed;
    }

    public static CatalogueWork ToCatalogue(Work work) =>
        new(work.ExternalId, work.Kind, work.Year, work.Episodes,
            work.OrderedTitles().Select(t => new CatalogueTitle(t.Text, t.Language)).ToList(),
            work.OrderedAliases().Select(a => a.Text).ToList(), work.RightsHolder);
}
