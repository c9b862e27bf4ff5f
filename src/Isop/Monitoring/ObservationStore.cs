using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

/// <summary>A listing ready to be stored: what was seen, what it was recognised as, and where the evidence is.</summary>
/// <remarks>
/// <paramref name="AboutWorkId"/> and <paramref name="OtherWorkId"/> are the works the reasons speak of, so that the
/// stored recognition is visible only to callers who may see them.
/// </remarks>
public sealed record ObservationInput(
    string Text, string? Href, string? Item, string Kind, string? InfoHash, string? PageUrl, Guid? WorkId, int? Season, int? Episode, double Confidence,
    IReadOnlyList<Isop.Recognition.Matching.MatchReason> Reasons, IReadOnlyDictionary<string, long> Counters, string? EvidenceDigest, string? WarcFile, long? WarcOffset,
    Guid? AboutWorkId = null, Guid? OtherWorkId = null, bool OwnerOnly = false, string? Release = null, string? ReleaseGroup = null, DateTimeOffset? PostedAt = null)
{
    /// <summary>
    /// The offer's identity on a platform, hashed: its info-hash where it has one (the same torrent from a list row,
    /// its detail page and the .torrent file), else its item page (a list entry and the players or locker links of its
    /// page are one offer), else its link, else its text.
    /// </summary>
    public string Key(Guid platformId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{platformId:N}\n{(InfoHash is not null ? "btih:" + InfoHash : Item ?? Href ?? "text:" + Text)}")));
}

public sealed record LinkInput(string Host, string Url, string? Label, string? PageUrl, string? WarcFile, long? WarcOffset);

public sealed record SignalInput(string Type, string Value, string? Context, string? PageUrl, string? WarcFile = null, long? WarcOffset = null);

/// <summary>
/// Writes observations and signal sightings in batches with one idempotent upsert per batch (the same on SQLite and
/// PostgreSQL): a listing already known only moves its last-seen time, counters and evidence location forward, so
/// re-running a crawl, or resuming one, never duplicates anything.
/// </summary>
public static class ObservationStore
{
    public const int BatchSize = 400;

    private const string ObservationColumns =
        "\"Id\", \"PlatformId\", \"Key\", \"Text\", \"Href\", \"Kind\", \"InfoHash\", \"PageUrl\", \"Counters\", " +
        "\"FirstSeen\", \"LastSeen\", \"FirstRunId\", \"LastRunId\", \"EvidenceDigest\", \"WarcFile\", \"WarcOffset\", \"Release\", \"ReleaseGroup\", \"PostedAt\", \"Views\", \"Downloads\"";

    // A later sighting moves last-seen and the evidence forward; it keeps counters that it lacks (a .torrent file has no seeders).
    private const string ObservationUpdate =
        "ON CONFLICT (\"PlatformId\", \"Key\") DO UPDATE SET \"LastSeen\" = excluded.\"LastSeen\", \"LastRunId\" = excluded.\"LastRunId\", " +
        "\"Counters\" = COALESCE(excluded.\"Counters\", \"Observations\".\"Counters\"), \"Views\" = COALESCE(excluded.\"Views\", \"Observations\".\"Views\"), " +
        "\"Downloads\" = COALESCE(excluded.\"Downloads\", \"Observations\".\"Downloads\"), \"PageUrl\" = excluded.\"PageUrl\", " +
        "\"EvidenceDigest\" = excluded.\"EvidenceDigest\", \"WarcFile\" = excluded.\"WarcFile\", \"WarcOffset\" = excluded.\"WarcOffset\", " +
        // The release name and the stated posting time, once known, stay: the first statement is the one that counts.
        "\"Release\" = COALESCE(\"Observations\".\"Release\", excluded.\"Release\"), \"ReleaseGroup\" = COALESCE(\"Observations\".\"ReleaseGroup\", excluded.\"ReleaseGroup\"), " +
        "\"PostedAt\" = COALESCE(\"Observations\".\"PostedAt\", excluded.\"PostedAt\") " +
        "WHERE excluded.\"LastSeen\" >= \"Observations\".\"LastSeen\"";

    private const string RecognitionColumns =
        "\"PlatformId\", \"Key\", \"WorkId\", \"AboutWorkId\", \"OtherWorkId\", \"OwnerOnly\", \"Season\", \"Episode\", \"Confidence\", \"Reasons\", \"SeenAt\"";

    // A later sighting replaces the recognition, unless it lacks a work the earlier one had (a detail page's link text
    // may say less than the list row).
    private const string RecognitionUpdate =
        "ON CONFLICT (\"PlatformId\", \"Key\") DO UPDATE SET \"WorkId\" = excluded.\"WorkId\", \"AboutWorkId\" = excluded.\"AboutWorkId\", " +
        "\"OtherWorkId\" = excluded.\"OtherWorkId\", \"OwnerOnly\" = excluded.\"OwnerOnly\", \"Season\" = excluded.\"Season\", \"Episode\" = excluded.\"Episode\", " +
        "\"Confidence\" = excluded.\"Confidence\", \"Reasons\" = excluded.\"Reasons\", \"SeenAt\" = excluded.\"SeenAt\" " +
        "WHERE excluded.\"SeenAt\" >= \"Recognitions\".\"SeenAt\" AND (excluded.\"WorkId\" IS NOT NULL OR \"Recognitions\".\"WorkId\" IS NULL)";

    private const string SignalColumns =
        "\"Id\", \"PlatformId\", \"Type\", \"Value\", \"Identity\", \"Context\", \"PageUrl\", \"FirstSeen\", \"LastSeen\", \"FirstRunId\", \"LastRunId\", \"WarcFile\", \"WarcOffset\"";

    private const string SignalUpdate =
        "ON CONFLICT (\"PlatformId\", \"Type\", \"Value\") DO UPDATE SET \"LastSeen\" = excluded.\"LastSeen\", \"LastRunId\" = excluded.\"LastRunId\", " +
        "\"PageUrl\" = excluded.\"PageUrl\", \"Context\" = excluded.\"Context\", \"WarcFile\" = excluded.\"WarcFile\", \"WarcOffset\" = excluded.\"WarcOffset\" WHERE excluded.\"LastSeen\" >= \"SignalSightings\".\"LastSeen\"";

    /// <summary>Upserts observations; returns how many were new to the platform. Call inside the batch's transaction.</summary>
    public static async Task<int> UpsertAsync(IsopDb db, Guid platformId, Guid runId, DateTimeOffset seen, IReadOnlyList<ObservationInput> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return 0;
        var rows = batch.GroupBy(o => o.Key(platformId)).Select(g => (Key: g.Key, Input: g.Aggregate(Merge))).ToList();
        var keys = rows.Select(r => r.Key).ToList();
        var known = await db.Observations.IgnoreQueryFilters().Where(o => o.PlatformId == platformId && keys.Contains(o.Key)).CountAsync(ct);
        var sql = new StringBuilder("INSERT INTO \"Observations\" (").Append(ObservationColumns).Append(") VALUES ");
        var parameters = new List<object?>();
        foreach (var (key, o) in rows)
        {
            if (sql[^1] == ')') sql.Append(", ");
            sql.Append('(');
            var counters = o.Counters.Count == 0 ? null : CountersJson(o.Counters);
            var audience = counters is null ? ((long, long)?)null : Audience.OfJson(counters);
            AppendValues(sql, parameters,
                Guid.CreateVersion7(), platformId, key, Clip(o.Text, 1000), Clip(o.Href, 4096), o.Kind, o.InfoHash, Clip(o.PageUrl, 4096),
                counters,
                Time(db, seen), Time(db, seen), runId, runId, o.EvidenceDigest, Clip(o.WarcFile, 400), o.WarcOffset,
                Clip(o.Release, 300), Clip(o.ReleaseGroup, 100), o.PostedAt is { } posted ? Time(db, posted) : null, audience?.Item1, audience?.Item2);
            sql.Append(')');
        }
        sql.Append(' ').Append(ObservationUpdate);
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters.Cast<object>(), ct);

        var recognitions = new StringBuilder("INSERT INTO \"Recognitions\" (").Append(RecognitionColumns).Append(") VALUES ");
        parameters.Clear();
        foreach (var (key, o) in rows)
        {
            if (recognitions[^1] == ')') recognitions.Append(", ");
            recognitions.Append('(');
            AppendValues(recognitions, parameters, platformId, key, o.WorkId, o.AboutWorkId ?? o.WorkId, o.OtherWorkId, o.OwnerOnly, o.Season, o.Episode, o.Confidence,
                Web.ReasonTexts.Serialize(o.Reasons), Time(db, seen));
            recognitions.Append(')');
        }
        recognitions.Append(' ').Append(RecognitionUpdate);
        await db.Database.ExecuteSqlRawAsync(recognitions.ToString(), parameters.Cast<object>(), ct);
        // Releases fold in as the observations now stand: the first statement of a posting time and the first sighting
        // count, so that a page edited later cannot move a release earlier (and the rows are what a rebuild would give).
        if (rows.Any(r => r.Input.Release is not null))
        {
            var stored = await db.Observations.IgnoreQueryFilters().AsNoTracking().Where(o => o.PlatformId == platformId && keys.Contains(o.Key) && o.Release != null)
                .Select(o => new ReleaseGroups.ReleaseInput(o.Key, o.Release!, o.ReleaseGroup, o.PostedAt, o.PageUrl ?? o.Href, o.WarcFile, o.WarcOffset, o.FirstSeen, o.LastSeen))
                .ToListAsync(ct);
            await ReleaseGroups.PlatformReleases.UpsertAsync(db, platformId, stored, ct);
        }
        return rows.Count - known;
    }

    /// <summary>Two sightings of one offer in a batch: the later wins, keeping what only the earlier had (as the upsert does).</summary>
    private static ObservationInput Merge(ObservationInput earlier, ObservationInput later)
    {
        var merged = later.Counters.Count == 0 && earlier.Counters.Count > 0 ? later with { Counters = earlier.Counters } : later;
        merged = merged with
        {
            Release = earlier.Release ?? later.Release, ReleaseGroup = earlier.Release is not null ? earlier.ReleaseGroup : later.ReleaseGroup,
            PostedAt = earlier.PostedAt is { } e && (later.PostedAt is null || e <= later.PostedAt) ? e : later.PostedAt,
        };
        return merged.WorkId is null && earlier.WorkId is not null
            ? merged with
            {
                WorkId = earlier.WorkId, Season = earlier.Season, Episode = earlier.Episode, Confidence = earlier.Confidence, Reasons = earlier.Reasons,
                AboutWorkId = earlier.AboutWorkId, OtherWorkId = earlier.OtherWorkId, OwnerOnly = earlier.OwnerOnly,
            }
            : merged;
    }

    public static async Task UpsertSignalsAsync(IsopDb db, Guid platformId, Guid runId, DateTimeOffset seen, IReadOnlyList<SignalInput> batch, CancellationToken ct)
    {
        var rows = batch.GroupBy(s => (s.Type, s.Value)).Select(g => g.Last()).ToList();
        if (rows.Count == 0) return;
        var sql = new StringBuilder("INSERT INTO \"SignalSightings\" (").Append(SignalColumns).Append(") VALUES ");
        var parameters = new List<object?>();
        foreach (var s in rows)
        {
            if (sql[^1] == ')') sql.Append(", ");
            sql.Append('(');
            var type = Clip(s.Type, 40)!;
            var value = Clip(s.Value, 500)!;
            AppendValues(sql, parameters, Guid.CreateVersion7(), platformId, type, value, Clip(Operations.SignalIdentity.KeyOf(type, value), 560), Clip(s.Context, 400), Clip(s.PageUrl, 4096),
                Time(db, seen), Time(db, seen), runId, runId, Clip(s.WarcFile, 400), s.WarcOffset);
            sql.Append(')');
        }
        sql.Append(' ').Append(SignalUpdate);
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters.Cast<object>(), ct);
    }

    private const string LinkColumns =
        "\"Id\", \"PlatformId\", \"Host\", \"Label\", \"Url\", \"PageUrl\", \"FirstSeen\", \"LastSeen\", \"LastRunId\", \"WarcFile\", \"WarcOffset\"";

    private const string LinkUpdate =
        "ON CONFLICT (\"PlatformId\", \"Host\") DO UPDATE SET \"LastSeen\" = excluded.\"LastSeen\", \"LastRunId\" = excluded.\"LastRunId\", \"Label\" = excluded.\"Label\", " +
        "\"Url\" = excluded.\"Url\", \"PageUrl\" = excluded.\"PageUrl\", \"WarcFile\" = excluded.\"WarcFile\", \"WarcOffset\" = excluded.\"WarcOffset\" " +
        "WHERE excluded.\"LastSeen\" >= \"LinkSightings\".\"LastSeen\"";

    /// <summary>Upserts links to other sites, one row per platform and host (the last label and page win).</summary>
    public static async Task UpsertLinksAsync(IsopDb db, Guid platformId, Guid runId, DateTimeOffset seen, IReadOnlyList<LinkInput> batch, CancellationToken ct)
    {
        // A labelled link says more than a bare one (an address list's entry, not its icon).
        // A host longer than a host may be is dropped, not cut: two cut alike would collide in one statement.
        var rows = batch.Where(l => l.Host.Length <= 253).GroupBy(l => l.Host, StringComparer.Ordinal).Select(g => g.LastOrDefault(l => !string.IsNullOrEmpty(l.Label)) ?? g.Last()).ToList();
        if (rows.Count == 0) return;
        var sql = new StringBuilder("INSERT INTO \"LinkSightings\" (").Append(LinkColumns).Append(") VALUES ");
        var parameters = new List<object?>();
        foreach (var l in rows)
        {
            if (sql[^1] == ')') sql.Append(", ");
            sql.Append('(');
            AppendValues(sql, parameters, Guid.CreateVersion7(), platformId, Clip(l.Host, 253), Clip(l.Label, 200), Clip(l.Url, 4096), Clip(l.PageUrl, 4096), Time(db, seen), Time(db, seen), runId, Clip(l.WarcFile, 400), l.WarcOffset);
            sql.Append(')');
        }
        sql.Append(' ').Append(LinkUpdate);
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters.Cast<object>(), ct);
    }

    internal static void AppendValues(StringBuilder sql, List<object?> parameters, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) sql.Append(", ");
            if (values[i] is null)
            {
                sql.Append("NULL");
                continue;
            }
            sql.Append('{').Append(parameters.Count).Append('}');
            parameters.Add(values[i]);
        }
    }

    /// <summary>Instants as each provider stores them: UTC ticks on SQLite, timestamptz on PostgreSQL.</summary>
    internal static object Time(IsopDb db, DateTimeOffset value) =>
        db.Provider == DatabaseProvider.Sqlite ? value.UtcTicks : value.ToUniversalTime();

    /// <summary>At most <paramref name="max"/> characters, never ending on half of a surrogate pair (PostgreSQL refuses those).</summary>
    internal static string? Clip(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end];
    }

    /// <summary>The counters as JSON within <paramref name="max"/> characters: counters that do not fit are left out, never cut.</summary>
    internal static string? CountersJson(IReadOnlyDictionary<string, long> counters, int max = 1000)
    {
        var kept = counters.Where(c => c.Key.Length <= 100).ToList();
        for (var count = kept.Count; count > 0; count--)
        {
            var json = JsonSerializer.Serialize(kept.Take(count).ToDictionary(c => c.Key, c => c.Value));
            if (json.Length <= max) return json;
        }
        return null;
    }
}
