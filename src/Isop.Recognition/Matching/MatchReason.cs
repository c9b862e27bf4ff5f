using System.Globalization;

namespace Isop.Recognition.Matching;

/// <summary>
/// One reason the matcher gives: a stable code and its parameters (titles, numbers, years), so that every reader can
/// have it in their own language. <see cref="English"/> is the reference text; <see cref="MatchReasons.Templates"/> has
/// every code's English template, with <c>{0}</c>, <c>{1}</c>… where the parameters go.
/// </summary>
public sealed record MatchReason(string Code, IReadOnlyList<string> Args)
{
    public MatchReason(string code, params object[] args)
        : this(code, (IReadOnlyList<string>)args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToArray())
    {
    }

    public string English => MatchReasons.Render(MatchReasons.Templates[Code], Args);

    public override string ToString() => English;

    public bool Equals(MatchReason? other) => other is not null && Code == other.Code && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Code, Args.Count);
}

/// <summary>The codes of the matcher's reasons, each with its English template.</summary>
public static class MatchReasons
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["none.words"] = "no words to match",
        ["none.title"] = "no catalogue title appears in the listing",
        ["title"] = "title \"{0}\" appears in the listing",
        ["title.loose"] = "title \"{0}\" appears in the listing (its stop words aside)",
        ["title.lang"] = "title \"{0}\" ({1}) appears in the listing",
        ["title.lang.loose"] = "title \"{0}\" ({1}) appears in the listing (its stop words aside)",
        ["title.season"] = "title \"{0}\" ({1}, season {2}) appears in the listing",
        ["title.season.loose"] = "title \"{0}\" ({1}, season {2}) appears in the listing (its stop words aside)",
        ["title.alias"] = "title \"{0}\" (alias) appears in the listing",
        ["title.alias.loose"] = "title \"{0}\" (alias) appears in the listing (its stop words aside)",
        ["rejected.episode-film"] = "rejected: the listing is an episode and {0} is a film",
        ["rejected.chapter.film"] = "rejected: the listing is a chapter and {0} is a film",
        ["rejected.chapter.music"] = "rejected: the listing is a chapter and {0} is music",
        ["rejected.names-chapter.film"] = "rejected: the listing names a chapter and {0} is a film",
        ["rejected.names-chapter.series"] = "rejected: the listing names a chapter and {0} is a series",
        ["rejected.names-chapter.music"] = "rejected: the listing names a chapter and {0} is music",
        ["rejected.video-webtoon"] = "rejected: the listing is video and {0} is a webtoon",
        ["rejected.video-music"] = "rejected: the listing is video and {0} is music",
        ["rejected.music.film"] = "rejected: the listing is music and {0} is a film",
        ["rejected.music.series"] = "rejected: the listing is music and {0} is a series",
        ["rejected.music.webtoon"] = "rejected: the listing is music and {0} is a webtoon",
        ["episodic"] = "the listing is an episode or chapter, as the work's kind allows",
        ["rejected.title-season"] = "rejected: the title is season {0}'s and the listing says season {1}",
        ["rejected.bare-number.one"] = "rejected: \"{0}\" right after the title may be a season or a sequel, and the catalogue knows season {1} only of {2}",
        ["rejected.bare-number.many"] = "rejected: \"{0}\" right after the title may be a season or a sequel, and the catalogue knows seasons {1} of {2}",
        ["bare-season"] = "\"{0}\" right after the title is season {0}",
        ["rejected.season-unknown.one"] = "rejected: season {0} is not in the catalogue, which knows season {1} only of {2}",
        ["rejected.season-unknown.many"] = "rejected: season {0} is not in the catalogue, which knows seasons {1} of {2}",
        ["season-known"] = "season {0} is in the catalogue",
        ["year.matches"] = "year {0} matches",
        ["year.close"] = "year {0} is close to {1}",
        ["year.matches.season"] = "year {0} matches season {1}'s {2}",
        ["year.close.season"] = "year {0} is close to season {1}'s {2}",
        ["rejected.year.season"] = "rejected: the listing says {0}, season {1} of {2} is from {3}",
        ["rejected.year"] = "rejected: the listing says {0}, {1} is from {2}",
        ["rejected.episode-beyond"] = "rejected: episode {0} is beyond the {1} episodes of {2}",
        ["rejected.episode-beyond.season"] = "rejected: episode {0} is beyond the {1} episodes of season {2} of {3}",
        ["episode-within"] = "episode {0} is within the work's {1} episodes",
        ["episode-within.season"] = "episode {0} is within season {1}'s {2} episodes",
        ["season-unsaid"] = "the listing does not say which of the {0} seasons",
        ["unexplained"] = "unexplained words: {0}",
        ["explained"] = "every other word is an episode, year, language or site word",
        ["leading-bracket"] = "the title appears only in the leading bracket, where fansub groups put their name",
        ["short-title"] = "the title is a short word",
        ["abstained.tie"] = "abstained: {0} and {1} fit almost equally",
        ["abstained.low"] = "abstained: confidence below {0}",
    };

    /// <summary>Fills a template's <c>{n}</c> places; a missing parameter is left empty, never an error.</summary>
    public static string Render(string template, IReadOnlyList<string> args)
    {
        var text = template;
        for (var i = 0; i < args.Count; i++) text = text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", args[i], StringComparison.Ordinal);
        return text;
    }
}
