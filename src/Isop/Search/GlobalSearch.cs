using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Isop.Access;
using Isop.Data;
using Isop.Operations;
using Isop.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Search;

/// <summary>One thing found: what kind it is, what it is called, where it is shown, and its TLP.</summary>
public sealed record SearchHit(string Kind, string Id, string Title, string? Subtitle, string Href, string Tlp);

public sealed record SearchAnswer(string Query, IReadOnlyList<SearchHit> Results);

/// <summary>The kinds of record search finds, in the order their groups are shown when they rank alike.</summary>
public static class SearchKinds
{
    public const string Work = "work";
    public const string Platform = "platform";
    public const string Domain = "domain";
    public const string Identifier = "identifier";
    public const string ReleaseGroup = "release-group";
    public const string Release = "release";
    public const string Case = "case";

    public static readonly IReadOnlyList<string> All = [Work, Platform, Domain, Identifier, ReleaseGroup, Release, Case];

    /// <summary>A group's heading, as a key of the shared resources.</summary>
    public static string Label(string kind) => kind switch
    {
        Work => "Works",
        Platform => "Platforms",
        Domain => "Domains",
        Identifier => "Identifiers",
        ReleaseGroup => "Release groups",
        Release => "Releases",
        Case => "Cases",
        _ => kind,
    };
}

/// <summary>
/// Global search over works, platforms, domains, identifiers, release groups, releases and cases, through
/// <see cref="IsopDb"/> and so under the caller's TLP: what the caller may not see is neither found nor counted.
/// <para>
/// Bounded on large databases: the database narrows the candidates first, case-insensitively on what both providers
/// fold alike (<c>lower(text) LIKE '%fragment%'</c> on ASCII or caseless fragments: the query's words, then its
/// two- or three-character pieces, which survive a typo or a missing space), at most <see cref="CandidateCap"/> rows
/// per kind and pass; the ranking (exact &gt; prefix &gt; substring &gt; fuzzy) is then done here, on normalised text,
/// identically for SQLite and PostgreSQL. A kind whose first pass already fills its results with exact, prefix or
/// substring matches skips the second.
/// </para>
/// </summary>
public sealed partial class GlobalSearch(IsopDb db, IStringLocalizer<SharedResource> l)
{
    public const int DefaultLimit = 8;
    public const int MaxLimit = 20;

    /// <summary>Rows a kind reads from the database per pass, at most (a broad fragment on a large table stops there).</summary>
    public const int CandidateCap = 400;

    private const int MaxFragments = 8;

    /// <summary>
    /// Finds what the caller may see that matches <paramref name="q"/>: at most <paramref name="limit"/> results per kind,
    /// groups ordered by their best result. An empty query finds nothing; a query longer than
    /// <see cref="SearchText.MaxQueryLength"/> is refused.
    /// </summary>
    public async Task<SearchAnswer> SearchAsync(string? q, int? limit, CancellationToken ct)
    {
        var text = q?.Trim() ?? "";
        if (text.Length > SearchText.MaxQueryLength)
            throw new InvalidInputException(new Dictionary<string, string[]> { ["q"] = [$"the query is too long: at most {SearchText.MaxQueryLength} characters, got {text.Length}"] });
        if (limit is < 1 or > MaxLimit)
            throw new InvalidInputException(new Dictionary<string, string[]> { ["limit"] = [$"expected 1 to {MaxLimit} results per kind, got {limit}"] });
        var query = SearchText.Of(text);
        if (query.IsEmpty) return new SearchAnswer(text, []);
        var search = new Pass(query, limit ?? DefaultLimit);

        var groups = new List<List<Ranked>>
        {
            await WorksAsync(search, ct),
        };
        groups.AddRange(await PlatformsAsync(search, ct));
        groups.Add(await IdentifiersAsync(search, text, ct));
        groups.Add(await ReleaseGroupsAsync(search, ct));
        groups.Add(await ReleasesAsync(search, ct));
        groups.Add(await CasesAsync(search, ct));

        var results = groups.Where(g => g.Count > 0)
            .Select((g, order) => (Hits: g, Best: g[0].Match, Order: order))
            .OrderByDescending(g => g.Best.Quality).ThenBy(g => g.Best.Distance).ThenBy(g => g.Order)
            .SelectMany(g => g.Hits.Select(h => h.Hit))
            .ToList();
        return new SearchAnswer(text, results);
    }

    /// <summary>The query, its SQL fragments and the per-kind limit.</summary>
    private sealed class Pass(SearchText query, int limit)
    {
        public SearchText Query { get; } = query;
        public int Limit { get; } = limit;

        /// <summary>First pass: the query's words.</summary>
        public IReadOnlyList<string> Words { get; } = Fragments(query.Words.Where(w => w.Length > 0));

        /// <summary>Second pass, for typos and spaces: pieces of the whole query (none when it is too short to be fuzzy).</summary>
        public IReadOnlyList<string> Pieces { get; } = query.Compact.Length < 4 ? [] : Fragments(PiecesOf(query.Compact));

        /// <summary>Whether the second pass can still improve on the first pass's matches.</summary>
        public bool Full(IReadOnlyList<Ranked> ranked) => ranked.Count(r => r.Match.Quality >= MatchQuality.Substring) >= Limit;

        private static IEnumerable<string> PiecesOf(string compact)
        {
            var size = compact.Length >= 6 ? 3 : 2;
            for (var i = 0; i + size <= compact.Length; i++) yield return compact.Substring(i, size);
        }

        /// <summary>
        /// Fragments both databases fold alike (ASCII and caseless scripts such as Hangul: SQLite's <c>lower</c> folds
        /// ASCII only), distinct, at most <see cref="MaxFragments"/> spread over the query, as LIKE patterns. They
        /// hold only letters, digits and marks, so never a LIKE wildcard.
        /// </summary>
        private static List<string> Fragments(IEnumerable<string> candidates)
        {
            var all = candidates.Where(f => f.All(c => c < 128 || char.ToUpperInvariant(c) == c && char.ToLowerInvariant(c) == c))
                .Distinct(StringComparer.Ordinal).ToList();
            if (all.Count > MaxFragments) all = [.. Enumerable.Range(0, MaxFragments).Select(i => all[i * (all.Count - 1) / (MaxFragments - 1)]).Distinct(StringComparer.Ordinal)];
            return all.Select(f => "%" + f + "%").ToList();
        }
    }

    private sealed record Ranked(SearchHit Hit, TextMatch Match, int Length);

    /// <summary>The best match among a record's texts, and the text that gave it.</summary>
    private static (TextMatch Match, string Text) Best(SearchText query, IEnumerable<string?> texts)
    {
        var best = (Match: TextMatch.None, Text: "");
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text)) continue;
            var match = query.Match(SearchText.Of(text));
            if (match.IsBetterThan(best.Match)) best = (match, text);
        }
        return best;
    }

    /// <summary>A kind's results: matched, best first (then shorter, then by title), at most the limit.</summary>
    private static List<Ranked> Top(IEnumerable<Ranked> ranked, int limit) =>
        ranked.Where(r => r.Match.Quality != MatchQuality.None)
            .OrderByDescending(r => r.Match.Quality).ThenBy(r => r.Match.Distance).ThenBy(r => r.Length)
            .ThenBy(r => r.Hit.Title, StringComparer.Ordinal).ThenBy(r => r.Hit.Id, StringComparer.Ordinal)
            .Take(limit).ToList();

    /// <summary>Both passes of one kind: candidates by the query's words, then, if still needed, by its pieces.</summary>
    private static async Task<List<T>> CandidatesAsync<T>(Pass search, Func<IReadOnlyList<string>, Task<List<T>>> load, Func<List<T>, bool> full)
    {
        var candidates = search.Words.Count > 0 ? await load(search.Words) : [];
        if (search.Pieces.Count > 0 && !full(candidates)) candidates.AddRange(await load(search.Pieces));
        return candidates;
    }

    private async Task<List<Ranked>> WorksAsync(Pass search, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(search, patterns =>
            db.Works.AsNoTracking().Where(Like<Catalogue.Work>(patterns, w => w.ExternalId, nameof(Catalogue.Work.Titles), nameof(Catalogue.Work.Aliases)))
                .OrderBy(w => w.Id).Take(CandidateCap)
                .Select(w => new WorkRow(w.Id, w.ExternalId, w.Kind, w.Year, w.Tlp,
                    w.Titles.OrderBy(t => t.Position).Select(t => t.Text).ToList(), w.Aliases.OrderBy(a => a.Position).Select(a => a.Text).ToList()))
                .ToListAsync(ct), rows => search.Full(RankWorks(search, rows)));
        return RankWorks(search, candidates.DistinctBy(w => w.Id));
    }

    private sealed record WorkRow(Guid Id, string ExternalId, Catalogue.WorkKind Kind, int? Year, Tlp Tlp, List<string> Titles, List<string> Aliases);

    private List<Ranked> RankWorks(Pass search, IEnumerable<WorkRow> rows) => Top(rows.Select(w =>
    {
        var (match, text) = Best(search.Query, [.. w.Titles, .. w.Aliases, w.ExternalId]);
        var first = w.Titles.FirstOrDefault() ?? w.ExternalId;
        var subtitle = string.Join(" · ", new[] { w.ExternalId, text == first ? null : first, l[WorkKindLabel(w.Kind)].Value, w.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Where(s => !string.IsNullOrEmpty(s) && s != text));
        return new Ranked(new SearchHit(SearchKinds.Work, w.Id.ToString(), text, subtitle, "/Catalogue?q=" + Uri.EscapeDataString(w.ExternalId), w.Tlp.Label()), match, text.Length);
    }), search.Limit);

    private static string WorkKindLabel(Catalogue.WorkKind kind) => kind switch
    {
        Catalogue.WorkKind.Film => "Film",
        Catalogue.WorkKind.Series => "Series",
        Catalogue.WorkKind.Music => "Music",
        _ => "Webtoon",
    };

    /// <summary>Platforms by name, and their domains by name: two groups from one read.</summary>
    private async Task<List<List<Ranked>>> PlatformsAsync(Pass search, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(search, patterns =>
            db.Platforms.AsNoTracking().Where(Like<Platforms.Platform>(patterns, p => p.Name, nameof(Platforms.Platform.Domains)))
                .OrderBy(p => p.Id).Take(CandidateCap)
                .Select(p => new PlatformRow(p.Id, p.Name, p.Kind, p.Tlp, p.Domains.OrderBy(d => d.Name).Select(d => d.Name).ToList()))
                .ToListAsync(ct), rows => search.Full(RankPlatforms(search, rows)) && search.Full(RankDomains(search, rows)));
        var distinct = candidates.DistinctBy(p => p.Id).ToList();
        return [RankPlatforms(search, distinct), RankDomains(search, distinct)];
    }

    private sealed record PlatformRow(Guid Id, string Name, Platforms.PlatformKind Kind, Tlp Tlp, List<string> Domains);

    private List<Ranked> RankPlatforms(Pass search, IEnumerable<PlatformRow> rows) => Top(rows.Select(p =>
    {
        var match = search.Query.Match(SearchText.Of(p.Name));
        var subtitle = string.Join(" · ", new[] { l[KindLabels.Of(p.Kind)].Value, p.Domains.FirstOrDefault() }.Where(s => !string.IsNullOrEmpty(s)));
        return new Ranked(new SearchHit(SearchKinds.Platform, p.Id.ToString(), p.Name, subtitle, $"/Platforms/{p.Id}", p.Tlp.Label()), match, p.Name.Length);
    }), search.Limit);

    private List<Ranked> RankDomains(Pass search, IEnumerable<PlatformRow> rows) => Top(rows.SelectMany(p => p.Domains.Select(d =>
        new Ranked(new SearchHit(SearchKinds.Domain, d, d, l["Domain of {0}", p.Name].Value, $"/Platforms/{p.Id}", p.Tlp.Label()), search.Query.Match(SearchText.Of(d)), d.Length))), search.Limit);

    /// <summary>
    /// Identifiers seen on platforms (wallets, analytics and ad accounts, channels, contacts…), and info-hashes of
    /// listings. Each carries the TLP of the platforms the caller may see it on (the strictest), and counts only those.
    /// </summary>
    private async Task<List<Ranked>> IdentifiersAsync(Pass search, string text, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(search, patterns =>
            db.SignalSightings.AsNoTracking().Where(Like<Monitoring.SignalSighting>(patterns, s => s.Value))
                .OrderBy(s => s.Id).Take(CandidateCap)
                .Select(s => new IdentifierRow(s.Type, s.Value))
                .ToListAsync(ct), rows => search.Full(RankIdentifiers(search, rows)));
        // Only identifiers the pivot opens: a weak signal such as a server header or an Open Graph site name (whose type
        // holds a colon) would lead to a page that answers 400.
        var top = RankIdentifiers(search, candidates.Where(r => Pivots.PivotId.Types.Contains(r.Type)).Distinct());

        var values = top.Select(r => r.Hit.Title).Distinct(StringComparer.Ordinal).ToList();
        var seen = await db.SignalSightings.AsNoTracking().Where(s => values.Contains(s.Value))
            .Select(s => new { s.Type, s.Value, s.PlatformId }).Distinct().Take(CandidateCap * MaxLimit).ToListAsync(ct);
        var derivedOf = await DerivedAsync(seen.Select(s => ($"{s.Type}:{s.Value}", s.PlatformId)), ct);
        var hits = new List<Ranked>();
        foreach (var ranked in top)
        {
            if (!derivedOf.TryGetValue(ranked.Hit.Id, out var derived)) continue;
            // Signal types never hold a colon: the first one ends the type.
            var type = ranked.Hit.Id[..ranked.Hit.Id.IndexOf(':', StringComparison.Ordinal)];
            hits.Add(ranked with { Hit = ranked.Hit with { Subtitle = Seen(KindLabels.OfSignal(type), derived), Tlp = derived.Tlp.Label() } });
        }

        // An info-hash (40 or 64 hexadecimal digits): listings keep it on the observation, compared exactly (the
        // column has no index of its own: a scan, for a query that is a whole info-hash only).
        if (InfoHashPattern().Match(text) is { Success: true } hash)
        {
            var infoHash = hash.Groups[1].Value.ToLowerInvariant();
            var platforms = await db.Observations.AsNoTracking().Where(o => o.InfoHash == infoHash)
                .Select(o => o.PlatformId).Distinct().Take(CandidateCap).ToListAsync(ct);
            if ((await DerivedAsync(platforms.Select(p => (infoHash, p)), ct)).TryGetValue(infoHash, out var derived))
                hits.Insert(0, new Ranked(new SearchHit(SearchKinds.Identifier, "infohash:" + infoHash, infoHash, Seen("Info-hash", derived),
                    "/Pivot?id=" + Uri.EscapeDataString("infohash:" + infoHash), derived.Tlp.Label()), new TextMatch(MatchQuality.Exact, 0), infoHash.Length));
        }
        return hits.Take(search.Limit).ToList();
    }

    private sealed record IdentifierRow(string Type, string Value);

    private static List<Ranked> RankIdentifiers(Pass search, IEnumerable<IdentifierRow> rows) => Top(rows.Select(r =>
    {
        // The value alone, or as cases and pivots name it (wallet-bitcoin:bc1…).
        var id = $"{r.Type}:{r.Value}";
        var (match, _) = Best(search.Query, [r.Value, id]);
        return new Ranked(new SearchHit(SearchKinds.Identifier, id, r.Value, null, "/Pivot?id=" + Uri.EscapeDataString(id), ""), match, r.Value.Length);
    }), search.Limit);

    private async Task<List<Ranked>> ReleaseGroupsAsync(Pass search, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(search, patterns =>
            db.PlatformReleases.AsNoTracking().Where(r => r.ReleaseGroup != null).Where(Like<ReleaseGroups.PlatformRelease>(patterns, r => r.ReleaseGroup!))
                .OrderBy(r => r.Id).Take(CandidateCap)
                .Select(r => new GroupRow(r.GroupKey!, r.ReleaseGroup!))
                .ToListAsync(ct), rows => search.Full(RankGroups(search, rows)));
        var top = RankGroups(search, candidates);
        var keys = top.Select(r => r.Hit.Id).ToList();
        var counts = await db.PlatformReleases.AsNoTracking().Where(r => keys.Contains(r.GroupKey!))
            .GroupBy(r => r.GroupKey!).Select(g => new { g.Key, Releases = g.Select(r => r.Key).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Releases, ct);
        var seen = await db.PlatformReleases.AsNoTracking().Where(r => keys.Contains(r.GroupKey!))
            .Select(r => new { r.GroupKey, r.PlatformId }).Distinct().Take(CandidateCap * MaxLimit).ToListAsync(ct);
        var derivedOf = await DerivedAsync(seen.Select(r => (r.GroupKey!, r.PlatformId)), ct);
        return top.Where(r => derivedOf.ContainsKey(r.Hit.Id)).Select(r => r with
        {
            Hit = r.Hit with { Subtitle = l["{0} releases on {1} platforms", counts.GetValueOrDefault(r.Hit.Id), derivedOf[r.Hit.Id].Platforms].Value, Tlp = derivedOf[r.Hit.Id].Tlp.Label() },
        }).ToList();
    }

    private sealed record GroupRow(string Key, string Name);

    private static List<Ranked> RankGroups(Pass search, IEnumerable<GroupRow> rows) => Top(rows.GroupBy(r => r.Key, StringComparer.Ordinal).Select(g =>
    {
        var (match, _) = Best(search.Query, g.Select(r => r.Name).Distinct(StringComparer.Ordinal));
        // The spelling most rows use names the group.
        var name = g.GroupBy(r => r.Name, StringComparer.Ordinal).OrderByDescending(n => n.Count()).ThenBy(n => n.Key, StringComparer.Ordinal).First().Key;
        return new Ranked(new SearchHit(SearchKinds.ReleaseGroup, g.Key, name, null, "/Releases?group=" + Uri.EscapeDataString(name), ""), match, name.Length);
    }), search.Limit);

    private async Task<List<Ranked>> ReleasesAsync(Pass search, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(search, patterns =>
            db.PlatformReleases.AsNoTracking().Where(Like<ReleaseGroups.PlatformRelease>(patterns, r => r.Release))
                .OrderBy(r => r.Id).Take(CandidateCap)
                .Select(r => new ReleaseRow(r.Key, r.Release, r.ReleaseGroup))
                .ToListAsync(ct), rows => search.Full(RankReleases(search, rows)));
        var top = RankReleases(search, candidates);
        var keys = top.Select(r => r.Hit.Id).ToList();
        var rows = await db.PlatformReleases.AsNoTracking().Where(r => keys.Contains(r.Key))
            .Select(r => new { r.Key, r.PlatformId }).Distinct().Take(CandidateCap * MaxLimit).ToListAsync(ct);
        var derivedOf = await DerivedAsync(rows.Select(r => (r.Key, r.PlatformId)), ct);
        var hits = new List<Ranked>();
        foreach (var ranked in top)
        {
            if (!derivedOf.TryGetValue(ranked.Hit.Id, out var derived)) continue;
            var seen = l.Count(derived.Platforms, "on {0} platform", "on {0} platforms");
            hits.Add(ranked with { Hit = ranked.Hit with { Subtitle = ranked.Hit.Subtitle is { } group ? $"{group} · {seen}" : seen, Tlp = derived.Tlp.Label() } });
        }
        return hits;
    }

    private sealed record ReleaseRow(string Key, string Release, string? Group);

    private static List<Ranked> RankReleases(Pass search, IEnumerable<ReleaseRow> rows) => Top(rows.GroupBy(r => r.Key, StringComparer.Ordinal).Select(g =>
    {
        var first = g.First();
        var (match, _) = Best(search.Query, g.Select(r => r.Release).Distinct(StringComparer.Ordinal));
        return new Ranked(new SearchHit(SearchKinds.Release, g.Key, first.Release, first.Group, "/Releases/Detail?name=" + Uri.EscapeDataString(first.Release), ""), match, first.Release.Length);
    }), search.Limit);

    private async Task<List<Ranked>> CasesAsync(Pass search, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(search, patterns =>
            db.Cases.AsNoTracking().Where(Like<Cases.Case>(patterns, c => c.Title, null, null, c => c.Summary!))
                .OrderBy(c => c.Id).Take(CandidateCap)
                .Select(c => new CaseRow(c.Id, c.Title, c.Summary, c.Tlp))
                .ToListAsync(ct), rows => search.Full(RankCases(search, rows)));
        return RankCases(search, candidates.DistinctBy(c => c.Id));
    }

    private sealed record CaseRow(Guid Id, string Title, string? Summary, Tlp Tlp);

    private static List<Ranked> RankCases(Pass search, IEnumerable<CaseRow> rows) => Top(rows.Select(c =>
    {
        var (match, _) = Best(search.Query, [c.Title, c.Summary]);
        var summary = c.Summary is { Length: > 120 } s ? s[..120] + "…" : c.Summary;
        return new Ranked(new SearchHit(SearchKinds.Case, c.Id.ToString(), c.Title, summary, $"/Cases/{c.Id}", c.Tlp.Label()), match, c.Title.Length);
    }), search.Limit);

    /// <summary>What a derived result speaks of, as the caller may see it: how many platforms, and their strictest TLP; null when none.</summary>
    private sealed record Derived(int Platforms, Tlp Tlp);

    /// <summary>For each key (an identifier, a group, a release), the platforms it was seen on that the caller may see, in one read.</summary>
    private async Task<Dictionary<string, Derived>> DerivedAsync(IEnumerable<(string Key, Guid PlatformId)> seen, CancellationToken ct)
    {
        var rows = seen.Distinct().ToList();
        var ids = rows.Select(r => r.PlatformId).Distinct().ToList();
        if (ids.Count == 0) return [];
        var visible = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Tlp, p.OwnerOrganisationId }).ToDictionaryAsync(p => p.Id, ct);
        return rows.Where(r => visible.ContainsKey(r.PlatformId)).GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => new Derived(g.Count(), DerivedTlp.Of(g.Select(r => (visible[r.PlatformId].Tlp, visible[r.PlatformId].OwnerOrganisationId)))), StringComparer.Ordinal);
    }

    private string Seen(string label, Derived derived) => $"{l[label].Value} · {l.Count(derived.Platforms, "on {0} platform", "on {0} platforms")}";

    [GeneratedRegex("^(?:infohash:|btih:)?([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex InfoHashPattern();

    private static readonly MethodInfo LikeMethod = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;
    private static readonly MethodInfo ToLowerMethod = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo AnyMethod = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Any) && m.GetParameters().Length == 2);

    /// <summary>
    /// <c>r =&gt; lower(text) LIKE p1 OR … OR any(part =&gt; lower(part.Name or part.Text) LIKE p1 OR …)</c>: the record's own
    /// texts, and the texts of its owned parts (a work's titles and aliases, a platform's domains).
    /// </summary>
    private static Expression<Func<T, bool>> Like<T>(IReadOnlyList<string> patterns, Expression<Func<T, string>> text, string? parts = null, string? moreParts = null, Expression<Func<T, string>>? moreText = null)
    {
        var record = text.Parameters[0];
        var body = AnyLike(text.Body, patterns);
        if (moreText is not null) body = Expression.OrElse(body, AnyLike(new Rebind(moreText.Parameters[0], record).Visit(moreText.Body), patterns));
        foreach (var collection in new[] { parts, moreParts }.OfType<string>())
        {
            var property = Expression.Property(record, collection);
            var partType = property.Type.GetGenericArguments()[0];
            var part = Expression.Parameter(partType, "part");
            var partText = Expression.Property(part, partType.GetProperty("Text") ?? partType.GetProperty("Name")!);
            var any = Expression.Call(AnyMethod.MakeGenericMethod(partType), property, Expression.Lambda(AnyLike(partText, patterns), part));
            body = Expression.OrElse(body, any);
        }
        return Expression.Lambda<Func<T, bool>>(body, record);
    }

    private static Expression AnyLike(Expression text, IReadOnlyList<string> patterns)
    {
        var lower = Expression.Call(text, ToLowerMethod);
        Expression? body = null;
        foreach (var pattern in patterns)
        {
            // A field of a closure object, as C# lambdas capture: EF sends it as a parameter, not as SQL text.
            var value = Expression.Field(Expression.Constant(new PatternValue(pattern)), nameof(PatternValue.Value));
            var like = Expression.Call(LikeMethod, Expression.Constant(EF.Functions), lower, value);
            body = body is null ? like : Expression.OrElse(body, like);
        }
        return body ?? Expression.Constant(false);
    }

    private sealed class PatternValue(string value)
    {
        public readonly string Value = value;
    }
}

/// <summary>Rewrites a lambda's body onto another parameter.</summary>
file sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
