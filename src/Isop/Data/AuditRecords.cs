using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Isop.Data;

/// <summary>
/// Compares the records in the database with their last audited state: the audit log's entries of a record, replayed
/// (create, then each update's new values, or delete), must give the values the record has now. A record edited, added
/// or removed behind Isop's back (directly in the database) shows here even when the chain itself is intact. Values
/// the log keeps redacted (hashes, stamps) and records' parts (titles, domains) are not compared.
/// </summary>
public static class AuditRecords
{
    private static readonly HashSet<Type> Unaudited = [typeof(AuditEntry), typeof(AuditHead), typeof(Catalogue.CatalogueVersion)];

    // A value the log says changed without saying what it is.
    private static readonly JsonNode Unknown = JsonValue.Create("(unknown)");

    /// <summary>The first differences found (at most <paramref name="limit"/>), each naming the record and the field.</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(IsopDb db, CancellationToken ct, int limit = 20)
    {
        var problems = new List<string>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !Unaudited.Contains(t.ClrType) && t.FindPrimaryKey() is not null))
        {
            if (problems.Count >= limit) break;
            var name = IsopDb.AuditName(type.ClrType);
            var states = await ReplayAsync(db, name, ct);
            // Bulk monitoring data (observations, sightings) is audited through its runs, not record by record.
            if (states.Count == 0 && !await db.AuditEntries.AnyAsync(a => a.EntityType == name, ct)) continue;
            await CompareAsync(db, type, name, states, problems, limit, ct);
        }
        return problems;
    }

    private static async Task<Dictionary<string, (long Sequence, Dictionary<string, JsonNode?> Values)>> ReplayAsync(IsopDb db, string name, CancellationToken ct)
    {
        var states = new Dictionary<string, (long Sequence, Dictionary<string, JsonNode?> Values)>(StringComparer.Ordinal);
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.EntityType == name).OrderBy(a => a.Sequence)
            .Select(a => new { a.Sequence, a.EntityId, a.Action, a.Changes }).AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(ct))
        {
            if (entry.Action == "delete")
            {
                states.Remove(entry.EntityId);
                continue;
            }
            var changes = JsonNode.Parse(entry.Changes) as JsonObject ?? [];
            if (entry.Action == "create" || !states.TryGetValue(entry.EntityId, out var state)) state = (entry.Sequence, new Dictionary<string, JsonNode?>(StringComparer.Ordinal));
            foreach (var (field, value) in changes)
            {
                if (IsopDb.Redacted.Contains(field)) { state.Values[field] = Unknown; continue; }
                state.Values[field] = entry.Action == "create" ? value?.DeepClone()
                    : value is JsonObject change && change.ContainsKey("new") ? change["new"]?.DeepClone()
                    : Unknown;
            }
            states[entry.EntityId] = (entry.Sequence, state.Values);
        }
        return states;
    }

    private static async Task CompareAsync(IsopDb db, IEntityType type, string name, Dictionary<string, (long Sequence, Dictionary<string, JsonNode?> Values)> states,
        List<string> problems, int limit, CancellationToken ct)
    {
        var key = type.FindPrimaryKey()!.Properties;
        var properties = type.GetProperties().Where(p => !p.IsShadowProperty()).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = (IQueryable<object>)typeof(AuditRecords).GetMethod(nameof(Rows), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [db])!;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var id = string.Join(",", key.Select(p => Convert.ToString(p.PropertyInfo!.GetValue(row), CultureInfo.InvariantCulture)));
            seen.Add(id);
            if (!states.TryGetValue(id, out var state))
            {
                problems.Add($"{name} {id} is in the database but not in the audit log: it was added outside Isop");
                if (problems.Count >= limit) return;
                continue;
            }
            foreach (var p in properties)
            {
                if (!state.Values.TryGetValue(p.Name, out var audited) || ReferenceEquals(audited, Unknown)) continue;
                var current = IsopDb.ToNode(p.PropertyInfo!.GetValue(row));
                if (Same(audited, current)) continue;
                problems.Add($"{name} {id}: {p.Name} is {Show(current)} in the database, but the audit log last recorded {Show(audited)} (entry {state.Sequence} or later): it was changed outside Isop");
                if (problems.Count >= limit) return;
            }
        }
        foreach (var missing in states.Keys.Where(k => !seen.Contains(k)).Take(limit - problems.Count))
            problems.Add($"{name} {missing} is in the audit log but not in the database: it was removed outside Isop");
    }

    // Every row, visibility aside: the check runs as the local system.
    private static IQueryable<object> Rows<T>(IsopDb db) where T : class => db.Set<T>().AsNoTracking().IgnoreAutoIncludes();

    private static bool Same(JsonNode? audited, JsonNode? current)
    {
        if (JsonNode.DeepEquals(audited, current)) return true;
        // PostgreSQL keeps times to the microsecond; .NET to a tenth of one.
        return audited is JsonValue a && current is JsonValue c && a.TryGetValue<string>(out var x) && c.TryGetValue<string>(out var y)
               && DateTimeOffset.TryParse(x, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dx)
               && DateTimeOffset.TryParse(y, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dy)
               && Math.Abs((dx - dy).Ticks) < 10;
    }

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..77] + "…";
    }
}
