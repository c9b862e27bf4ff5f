using System.Text.Json;
using Isop.Recognition.Matching;

namespace Isop.Catalogue;

/// <summary>The bridge from the catalogue format (and the database's works) to the recognition library's matcher.</summary>
public static class CatalogueMatching
{
    public static CatalogueKind KindOf(WorkKind kind) => kind switch
    {
        WorkKind.Film => CatalogueKind.Film,
        WorkKind.Series => CatalogueKind.Series,
        WorkKind.Music => CatalogueKind.Music,
        _ => CatalogueKind.Webtoon,
    };

    public static MatchableWork ToMatchable(CatalogueWork w) =>
        new(w.Id, KindOf(w.Kind), w.Year, w.Episodes, w.Titles.Select(t => (t.Text, t.Language)).ToList(), w.Aliases)
        {
            Seasons = w.SeasonList().Select(s => new MatchableSeason(s.Number, s.Episodes, s.Year, s.Titles.Select(t => (t.Text, t.Language)).ToList())).ToList(),
        };

    public static CatalogueMatcher Build(IEnumerable<CatalogueWork> works) => new(works.Select(ToMatchable));

    /// <summary>{"input", "work", "title", "season", "episode", "confidence", "reasons"}: the shape of `isop match --json` and of the API.</summary>
    public static void Write(Utf8JsonWriter w, MatchResult r)
    {
        w.WriteStartObject();
        w.WriteString("input", r.Input);
        if (r.WorkId is null) w.WriteNull("work"); else w.WriteString("work", r.WorkId);
        if (r.Title is null) w.WriteNull("title"); else w.WriteString("title", r.Title);
        if (r.Season is { } s) w.WriteNumber("season", s); else w.WriteNull("season");
        if (r.Episode is { } e) w.WriteNumber("episode", e); else w.WriteNull("episode");
        w.WriteNumber("confidence", r.Confidence);
        w.WriteStartArray("reasons");
        foreach (var reason in r.Reasons) w.WriteStringValue(reason);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
