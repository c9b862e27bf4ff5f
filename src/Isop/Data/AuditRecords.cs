using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Isop.Data;

/// <summary>
/// Compares the records in the database with their last audited state: the audit log's entries of a record, replayed
/// (create, then each update's new values, or delete), must give the values the record has now. A record edited, added
/// or removed behind Isop's back (directly in the database) shows here even when the chain itself is intact, and so do
/// its parts (titles, aliases, seasons, fingerprints, domains). Values the log keeps redacted (hashes, stamps) and
/// one-to-one parts (a platform's monitor settings) are not compared.
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

    private static async Task<Dictionary<string, Audited>> ReplayAsync(IsopDb db, string name, CancellationToken ct)
    {
        var states = new Dictionary<string, Audited>(StringComparer.Ordinal);
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
            if (entry.Action == "create" || !states.TryGetValue(entry.EntityId, out var state)) state = new Audited();
            state.Sequence = entry.Sequence;
            foreach (var (field, value) in changes)
            {
                if (IsopDb.Redacted.Contains(field)) { state.Values[field] = Unknown; continue; }
                // A record's parts (titles, domains…) are folded into its entry: {"Titles": {"added": [...], "removed": [...], "changed": [...]}}.
                if (value is JsonObject group && (group.ContainsKey("added") || group.ContainsKey("removed") || (group.ContainsKey("changed") && group["changed"] is JsonArray)))
                {
                    Replay(state, field, group);
                    continue;
                }
                state.Values[field] = entry.Action == "create" ? value?.DeepClone()
                    : value is JsonObject change && change.ContainsKey("new") ? change["new"]?.DeepClone()
                    : Unknown;
            }
            states[entry.EntityId] = state;
        }
        return states;
    }

    /// <summary>A record's last audited state: its values, and its parts by navigation and id (null: not followable).</summary>
    private sealed class Audited
    {
        public long Sequence;
        public readonly Dictionary<string, JsonNode?> Values = new(StringComparer.Ordinal);
        public readonly Dictionary<string, Dictionary<string, Dictionary<string, JsonNode?>>?> Parts = new(StringComparer.Ordinal);
    }

    private static void Replay(Audited state, string navigation, JsonObject group)
    {
        if (!state.Parts.TryGetValue(navigation, out var parts)) state.Parts[navigation] = parts = new(StringComparer.Ordinal);
        if (parts is null) return;
        foreach (var (bucket, items) in group)
        {
            foreach (var item in items as JsonArray ?? [])
            {
                // A part without an id of its own (a one-to-one part) cannot be followed: its navigation is not compared.
                if (item is not JsonObject part || part["Id"]?.GetValue<string>() is not { } id)
                {
                    state.Parts[navigation] = null;
                    return;
                }
                if (bucket == "removed") { parts.Remove(id); continue; }
                if (!parts.TryGetValue(id, out var values)) parts[id] = values = new(StringComparer.Ordinal);
                foreach (var (field, value) in part)
                {
                    if (field == "Id") continue;
                    values[field] = IsopDb.Redacted.Contains(field) ? Unknown
                        : bucket == "added" ? value?.DeepClone()
                        : value is JsonObject change && change.ContainsKey("new") ? change["new"]?.DeepClone()
                        : Unknown;
                }
            }
        }
    }

    private static async Task CompareAsync(IsopDb db, IEntityType type, string name, Dictionary<string, Audited> states,
        List<string> problems, int limit, CancellationToken ct)
    {
        var key = type.FindPrimaryKey()!.Properties;
        var properties = type.GetProperties().Where(p => !p.IsShadowProperty()).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var collections = type.GetNavigations().Where(n => n.IsCollection && n.TargetEntityType.IsOwned() && n.TargetEntityType.FindProperty("Id") is not null).ToList();
        var rows = (IQueryable<object>)typeof(AuditRecords).GetMethod(nameof(Rows), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [db, collections.Select(n => n.Name).ToArray()])!;
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
            foreach (var navigation in collections)
            {
                if (!state.Parts.TryGetValue(navigation.Name, out var parts)) parts = [];
                if (parts is null) continue;
                var partProperties = navigation.TargetEntityType.GetProperties().Where(p => !p.IsShadowProperty() && p.Name != "Id").ToList();
                var present = new HashSet<string>(StringComparer.Ordinal);
                foreach (var part in (System.Collections.IEnumerable?)navigation.PropertyInfo!.GetValue(row) ?? Array.Empty<object>())
                {
                    var partId = Convert.ToString(navigation.TargetEntityType.FindProperty("Id")!.PropertyInfo!.GetValue(part), CultureInfo.InvariantCulture)!;
                    present.Add(partId);
                    if (!parts.TryGetValue(partId, out var values))
                    {
                        problems.Add($"{name} {id}: {navigation.Name} {partId} is in the database but not in the audit log: it was added outside Isop");
                        if (problems.Count >= limit) return;
                        continue;
                    }
                    foreach (var p in partProperties)
                    {
                        if (!values.TryGetValue(p.Name, out var audited) || ReferenceEquals(audited, Unknown)) continue;
                        var current = IsopDb.ToNode(p.PropertyInfo!.GetValue(part));
                        if (Same(audited, current)) continue;
                        problems.Add($"{name} {id}: {navigation.Name} {partId}: {p.Name} is {Show(current)} in the database, but the audit log last recorded {Show(audited)}: it was changed outside Isop");
                        if (problems.Count >= limit) return;
                    }
                }
                foreach (var missing in parts.Keys.Where(k => !present.Contains(k)))
                {
                    problems.Add($"{name} {id}: {navigation.Name} {missing} is in the audit log but not in the database: it was removed outside Isop");
                    if (problems.Count >= limit) return;
                }
            }
        }
        foreach (var missing in states.Keys.Where(k => !seen.Contains(k)).Take(limit - problems.Count))
            problems.Add($"{name} {missing} is in the audit log but not in the database: it was removed outside Isop");
    }

    // Every row, visibility aside: the check runs as the local system.
    private static IQueryable<object> Rows<T>(IsopDb db, string[] parts) where T : class
    {
        var query = db.Set<T>().AsNoTracking().IgnoreAutoIncludes();
        foreach (var part in parts) query = query.Include(part);
        return query.AsSplitQuery();
    }

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
