using System.Text;
using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Isop.Sharing;

/// <summary>A STIX object ready to be stored: its JSON text and what the store filters and versions it by.</summary>
public sealed record StixItem(string Id, string Type, string SpecVersion, DateTimeOffset? Created, DateTimeOffset? Modified, bool Revoked, string Json, string ContentHash, Tlp Tlp)
{
    /// <summary>Its version: <c>modified</c>, else <c>created</c>, else (unversioned objects) its content.</summary>
    public string VersionKey => Modified is { } m ? StixJson.Microseconds(m) : Created is { } c ? StixJson.Microseconds(c) : "h:" + ContentHash[..32];
}

/// <summary>What became of one object of a batch.</summary>
public sealed record StixOutcome(string Id, string Version, bool Added);

public sealed record StixWriteResult(int Added, int Duplicates, IReadOnlyList<StixOutcome> Outcomes);

/// <summary>
/// Writes batches of STIX objects into a collection: new versions are added once (by id and version), the newest
/// version of each object is marked, and an older version never stays less restricted than a newer one. One
/// transaction, after the audit log's lock, so writers take turns and <c>date_added</c> only grows.
/// </summary>
public static class StixStore
{
    private const int Rows = 500;

    private const string Columns =
        "\"Id\", \"CollectionId\", \"StixId\", \"Type\", \"SpecVersion\", \"Created\", \"Modified\", \"VersionKey\", \"DateAdded\", \"Latest\", \"Revoked\", " +
        "\"ContentHash\", \"Json\", \"Origin\", \"ImportId\", \"Tlp\", \"OwnerOrganisationId\"";

    private sealed record Stored(Guid Id, string StixId, string VersionKey, DateTimeOffset? Modified, DateTimeOffset DateAdded, bool Latest, Tlp Tlp);

    /// <summary>
    /// Stores the items (the import row is added and saved with them, so the audit log records the batch once) and
    /// returns what was added. The caller must be allowed to write for <paramref name="import"/>'s owner.
    /// </summary>
    public static async Task<StixWriteResult> WriteAsync(IsopDb db, StixImport import, StixOrigin origin, IReadOnlyList<StixItem> items, IProgress<int>? progress, CancellationToken ct)
    {
        if (!db.Caller.CanWriteFor(import.OwnerOrganisationId))
            throw new AccessDeniedException("Only analysts and admins of the collection's organisation add objects to it.");
        var owner = import.OwnerOrganisationId;
        var collection = import.CollectionId;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Writers one at a time (the audit head's lock, which SaveChanges takes anyway): date_added grows, duplicates are seen.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditHeads" SET "Sequence" = "Sequence" WHERE "Id" = 1""", ct);

        // The same version twice in one batch is one object.
        var distinct = new List<StixItem>(items.Count);
        var seen = new HashSet<(string, string)>();
        foreach (var item in items) if (seen.Add((item.Id, item.VersionKey))) distinct.Add(item);

        var stored = new Dictionary<string, List<Stored>>(StringComparer.Ordinal);
        var ids = distinct.Select(i => i.Id).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in ids.Chunk(Rows))
        {
            var rows = await db.Set<StixObjectRecord>().IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.CollectionId == collection && o.OwnerOrganisationId == owner && chunk.Contains(o.StixId))
                .Select(o => new Stored(o.Id, o.StixId, o.VersionKey, o.Modified, o.DateAdded, o.Latest, o.Tlp))
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                if (!stored.TryGetValue(row.StixId, out var list)) stored[row.StixId] = list = [];
                list.Add(row);
            }
        }

        var last = await db.Set<StixObjectRecord>().IgnoreQueryFilters().Where(o => o.CollectionId == collection)
            .OrderByDescending(o => o.DateAdded).Select(o => (DateTimeOffset?)o.DateAdded).FirstOrDefaultAsync(ct);
        var now = db.Time.GetUtcNow();
        var added = Microsecond(last is { } l && l >= now ? l.AddTicks(10) : now);

        var outcomes = new List<StixOutcome>(items.Count);
        var fresh = new List<(StixItem Item, DateTimeOffset Added, bool Latest)>();
        var notLatest = new List<Guid>();
        var tighten = new Dictionary<Tlp, List<Guid>>();
        foreach (var group in distinct.GroupBy(i => i.Id, StringComparer.Ordinal))
        {
            stored.TryGetValue(group.Key, out var versions);
            versions ??= [];
            var newOnes = new List<StixItem>();
            foreach (var item in group)
            {
                var duplicate = versions.Any(v => v.VersionKey == item.VersionKey);
                outcomes.Add(new StixOutcome(item.Id, item.VersionKey, !duplicate));
                if (!duplicate) newOnes.Add(item);
            }
            if (newOnes.Count == 0) continue;
            // The newest version: the latest modified time; among versions without one, the last received.
            var current = versions.FirstOrDefault(v => v.Latest);
            var candidates = newOnes.Select((item, i) => (item, i)).ToList();
            var newest = candidates.OrderBy(c => c.item.Modified ?? c.item.Created ?? DateTimeOffset.MinValue).ThenBy(c => c.i).Last();
            var newestWins = current is null || (newest.item.Modified ?? newest.item.Created ?? DateTimeOffset.MaxValue) >= (current.Modified ?? DateTimeOffset.MinValue);
            foreach (var (item, i) in candidates)
            {
                fresh.Add((item, added, newestWins && i == newest.i));
                added = added.AddTicks(10);
            }
            if (newestWins && current is not null) notLatest.Add(current.Id);
            // No older version stays readable by someone a newer one's marking excludes.
            var strictest = newOnes.Max(i => i.Tlp);
            foreach (var v in versions.Where(v => v.Tlp < strictest))
            {
                if (!tighten.TryGetValue(strictest, out var list)) tighten[strictest] = list = [];
                list.Add(v.Id);
            }
        }

        foreach (var chunk in notLatest.Chunk(Rows))
            await db.Set<StixObjectRecord>().IgnoreQueryFilters().Where(o => chunk.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Latest, false), ct);
        foreach (var (tlp, list) in tighten)
            foreach (var chunk in list.Chunk(Rows))
                await db.Set<StixObjectRecord>().IgnoreQueryFilters().Where(o => chunk.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Tlp, tlp), ct);

        var done = 0;
        foreach (var chunk in fresh.Chunk(Rows))
        {
            var sql = new StringBuilder("INSERT INTO \"StixObjects\" (").Append(Columns).Append(") VALUES ");
            var parameters = new List<object?>(chunk.Length * 17);
            foreach (var (item, at, latest) in chunk)
            {
                if (sql[^1] == ')') sql.Append(", ");
                sql.Append('(');
                ObservationStore.AppendValues(sql, parameters,
                    Guid.CreateVersion7(), collection, item.Id, item.Type, item.SpecVersion,
                    item.Created is { } c ? ObservationStore.Time(db, c) : null, item.Modified is { } m ? ObservationStore.Time(db, m) : null,
                    item.VersionKey, ObservationStore.Time(db, at), latest, item.Revoked, item.ContentHash, item.Json, origin.ToString(), import.Id,
                    item.Tlp.ToString(), owner);
                sql.Append(')');
            }
            // Import rows go in after the objects' batch is known; the import row must exist first for the foreign key.
            if (done == 0) await SaveImportAsync(db, import, outcomes, ct);
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters.Cast<object>(), ct);
            done += chunk.Length;
            progress?.Report(done);
        }
        if (fresh.Count == 0) await SaveImportAsync(db, import, outcomes, ct);
        await transaction.CommitAsync(ct);
        return new StixWriteResult(fresh.Count, outcomes.Count(o => !o.Added), outcomes);
    }

    private static async Task SaveImportAsync(IsopDb db, StixImport import, List<StixOutcome> outcomes, CancellationToken ct)
    {
        import.Added = outcomes.Count(o => o.Added);
        import.Duplicates = outcomes.Count - import.Added;
        db.Add(import);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An instant to the microsecond (what PostgreSQL keeps), so that date_added reads back as written.</summary>
    private static DateTimeOffset Microsecond(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }
}
