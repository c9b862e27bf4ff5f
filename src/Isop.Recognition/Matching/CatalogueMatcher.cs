using System.Collections.Frozen;
using System.Globalization;
using Isop.Recognition.ReleaseNames;

namespace Isop.Recognition.Matching;

public enum CatalogueKind
{
    Film,
    Series,
    Music,
    Webtoon,
}

/// <summary>A work as the matcher needs it: the catalogue's id, kind, year, episode count, titles and aliases.</summary>
public sealed record MatchableWork(
    string Id, CatalogueKind Kind, int? Year, int? Episodes,
    IReadOnlyList<(string Text, string Language)> Titles, IReadOnlyList<string> Aliases)
{
    /// <summary>How reasons name the work (the catalogue id) when <see cref="Id"/> is an internal key.</summary>
    public string? Label { get; init; }

    public string Name => Label ?? Id;

    /// <summary>The seasons the catalogue knows, each with its episode count, air year and own titles; empty when it says none.</summary>
    public IReadOnlyList<MatchableSeason> Seasons { get; init; } = [];
}

/// <summary>One season of a series (or of a webtoon): its number, episode count, air year, and titles it goes by ("스위트홈 2").</summary>
public sealed record MatchableSeason(int Number, int? Episodes, int? Year, IReadOnlyList<(string Text, string Language)> Titles);

/// <summary>What a listing is: the work (or null when the matcher abstains), the episode or chapter, and why.</summary>
public sealed record MatchResult(string Input, string? WorkId, string? Title, int? Episode, double Confidence, IReadOnlyList<MatchReason> Why)
{
    /// <summary>The reasons in English (<see cref="Why"/> has them as codes and parameters, for other languages).</summary>
    public IReadOnlyList<string> Reasons => Why.Select(r => r.English).ToList();

    /// <summary>The season the listing is attributed to, when the catalogue knows the work's seasons and the listing says which.</summary>
    public int? Season { get; init; }

    /// <summary>
    /// The works the reasons speak of (their ids): the matched work, or the candidates an abstention or rejection names.
    /// Whoever may not see one of them must not see the reasons or the confidence either.
    /// </summary>
    public IReadOnlyList<string> About { get; init; } = [];
}

/// <summary>
/// Recognises protected works in listing text. Titles in every language are indexed by their first word (and
/// Korean titles also without spaces, by their first two syllables); a listing matches a work when a whole title
/// appears in it, and the year, kind, episode range and the words left unexplained agree. Precision comes first:
/// when two works fit equally, or words remain that the title does not explain, it abstains.
/// </summary>
public sealed class CatalogueMatcher
{
    /// <summary>Below this the matcher abstains.</summary>
    public const double Threshold = 0.7;

    private readonly List<Entry> _entries = [];
    private readonly List<MatchableWork> _works = [];
    private readonly List<IReadOnlyList<MatchableSeason>> _seasons = [];
    private readonly Dictionary<string, List<int>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byHangulStart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byContent = new(StringComparer.Ordinal);

    /// <summary>Words a listing may leave out of a title ("Crash Landing You", "Reine des larmes" for "La Reine des larmes").</summary>
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "the", "a", "an", "of", "on", "in", "to", "and", "for", "with", "at", "by", "from",
        "le", "la", "les", "l", "de", "des", "du", "d", "et", "en", "un", "une", "au", "aux", "pour", "sur", "avec", "dans", "par",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A title of a work, or of one of its seasons (<see cref="Season"/>).</summary>
    private sealed record Entry(int Work, string Text, string Language, string[] Words, string? Compact, bool Alias, string[] Content, int? Season);

    public CatalogueMatcher(IEnumerable<MatchableWork> works)
    {
        foreach (var work in works)
        {
            var index = _works.Count;
            _works.Add(work);
            _seasons.Add(SeasonsOf(work));
            foreach (var (text, language) in work.Titles) Add(index, text, language, alias: false);
            foreach (var alias in work.Aliases) Add(index, alias, "", alias: true);
            foreach (var season in work.Seasons)
            {
                foreach (var (text, language) in season.Titles) Add(index, text, language, alias: false, season.Number);
            }
        }
    }

    public int WorkCount => _works.Count;

    private void Add(int work, string text, string language, bool alias, int? season = null)
    {
        var words = TitleText.Words(text).ToArray();
        if (words.Length == 0) return;
        // A Korean title matches with or without its spaces: 사랑의 불시착 = 사랑의불시착.
        var compact = words.All(TitleText.IsHangul) ? string.Concat(words) : null;
        var id = _entries.Count;
        var content = words.Where(w => !StopWords.Contains(w)).ToArray();
        _entries.Add(new Entry(work, text, language, words, compact, alias, content, season));
        // Titles with stop words are also found by their content words, when there are at least two.
        if (content.Length >= 2 && content.Length < words.Length) Posting(_byContent, content[0] + " " + content[1]).Add(id);
        // Multi-word titles are found by their first two words, so that common first words ("the", "my") stay cheap.
        Posting(_byFirstWord, words.Length == 1 ? words[0] : words[0] + " " + words[1]).Add(id);
        if (compact is { Length: >= 2 }) Posting(_byHangulStart, compact[..Math.Min(3, compact.Length)]).Add(id);
    }

    private static List<int> Posting(Dictionary<string, List<int>> index, string key)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        return list;
    }

    /// <summary>A whole title found in the listing: which entry, and which characters of the listing it covers.</summary>
    private readonly record struct Occurrence(int Entry, int Start, int End, bool Loose = false);

    public MatchResult Match(string? listing)
    {
        var input = listing ?? "";
        var text = input.Length > ReleaseNameParser.MaxLength ? input[..ReleaseNameParser.MaxLength] : input;
        // "… | DramaCool", "… | Site": what follows a bar names the site, not the work.
        var bar = text.IndexOf('|');
        var main = bar >= 0 ? text[..bar] : text;
        var recognised = new List<string>();
        var parsed = ReleaseNameParser.ParseExplained(main, recognised);
        var brackets = new List<int>();
        var words = TitleText.Words(main, brackets);
        // "사랑의불시착5회다시보기": Korean counters glued to everything, which the release-name parser reads as one word.
        if (parsed.Episodes is null && KoreanCounter(words) is { } counted)
            parsed = parsed with { Episodes = [counted.Number], Kind = counted.Chapter ? ReleaseKind.Webtoon : ReleaseKind.Episode };
        // Words the release-name parser recognised (codecs, groups, sites, dates) explain themselves.
        var explained = new HashSet<string>(recognised.SelectMany(TitleText.Words), StringComparer.Ordinal);
        if (words.Count == 0) return Abstain(input, new MatchReason("none.words"));

        // Offsets of each word in a space-joined form of the listing.
        var starts = new int[words.Count];
        var offset = 0;
        for (var i = 0; i < words.Count; i++)
        {
            starts[i] = offset;
            offset += words[i].Length + 1;
        }

        var found = new List<Occurrence>();
        FindSpaced(words, starts, found);
        FindHangul(words, starts, found);
        FindWithoutStopWords(words, starts, found);
        if (found.Count == 0) return Abstain(input, new MatchReason("none.title"));

        // The longest title wins over titles inside it ("Kingdom" inside "Kingdom Ashin of the North").
        var maximal = found.Where(o => !found.Any(p => p.Start <= o.Start && p.End >= o.End && (p.End - p.Start) > (o.End - o.Start))).ToList();

        var candidates = new List<(int Work, Occurrence Occurrence, double Confidence, List<MatchReason> Reasons, int? Season, bool NoEpisode)>();
        foreach (var group in maximal.GroupBy(o => _entries[o.Entry].Work))
        {
            // On a tie the work's own title wins over a season's title that reads the same.
            var best = group.OrderByDescending(o => o.End - o.Start).ThenBy(o => _entries[o.Entry].Alias).ThenBy(o => _entries[o.Entry].Season is not null).First();
            var (confidence, reasons, season, noEpisode) = Score(group.Key, best, parsed, words, brackets, starts, maximal, explained);
            candidates.Add((group.Key, best, confidence, reasons, season, noEpisode));
        }
        candidates.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));
        var top = candidates[0];
        var work = _works[top.Work];
        // Every work whose title appears shaped the result (it explained words, or outranked another): the result
        // speaks of all of them, so that a stored recognition is visible only to who may see them all.
        var spoken = candidates.Select(c => _works[c.Work].Id).Distinct().ToList();
        var episode = parsed.Episodes is { Count: > 0 } e ? e[0] : (int?)null;
        if (candidates.Count > 1 && candidates[1].Confidence >= Threshold && top.Confidence - candidates[1].Confidence < 0.15)
        {
            var other = _works[candidates[1].Work];
            return new MatchResult(input, null, null, episode, Math.Round(top.Confidence, 3),
                [.. top.Reasons, new MatchReason("abstained.tie", work.Name, other.Name)]) { About = spoken };
        }
        if (top.Confidence < Threshold)
            return new MatchResult(input, null, null, episode, Math.Round(top.Confidence, 3), [.. top.Reasons, new MatchReason("abstained.low", Threshold)]) { About = spoken };
        return new MatchResult(input, work.Id, _entries[top.Occurrence.Entry].Text, top.NoEpisode ? null : episode, Math.Round(top.Confidence, 3), top.Reasons)
        {
            Season = top.Season,
            About = [work.Id, .. spoken.Where(x => x != work.Id)],
        };
    }

    private void FindSpaced(List<string> words, int[] starts, List<Occurrence> found)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (_byFirstWord.TryGetValue(words[i], out var single)) Verify(single, i);
            if (i + 1 < words.Count && _byFirstWord.TryGetValue(words[i] + " " + words[i + 1], out var pair)) Verify(pair, i);
        }

        void Verify(List<int> list, int i)
        {
            foreach (var id in list)
            {
                var title = _entries[id].Words;
                if (i + title.Length > words.Count) continue;
                var all = true;
                for (var k = 1; k < title.Length && all; k++) all = string.Equals(words[i + k], title[k], StringComparison.Ordinal);
                if (!all) continue;
                var last = i + title.Length - 1;
                found.Add(new Occurrence(id, starts[i], starts[last] + words[last].Length));
            }
        }
    }

    /// <summary>Titles found by their content words when the listing leaves out (or adds) stop words.</summary>
    private void FindWithoutStopWords(List<string> words, int[] starts, List<Occurrence> found)
    {
        if (_byContent.Count == 0) return;
        var content = new List<int>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (!StopWords.Contains(words[i])) content.Add(i);
        }
        for (var j = 0; j + 1 < content.Count; j++)
        {
            if (!_byContent.TryGetValue(words[content[j]] + " " + words[content[j + 1]], out var list)) continue;
            foreach (var id in list)
            {
                var title = _entries[id].Content;
                if (j + title.Length > content.Count) continue;
                var all = true;
                for (var k = 2; k < title.Length && all; k++) all = string.Equals(words[content[j + k]], title[k], StringComparison.Ordinal);
                if (!all) continue;
                var first = content[j];
                var last = content[j + title.Length - 1];
                var start = starts[first];
                var end = starts[last] + words[last].Length;
                if (found.Any(o => o.Entry == id && o.Start == start && o.End == end)) continue;
                if (found.Any(o => o.Entry == id && !o.Loose)) continue;
                found.Add(new Occurrence(id, start, end, Loose: true));
            }
        }
    }

    /// <summary>Korean titles inside runs of Hangul words, spaces or not ("사랑의불시착다시보기").</summary>
    private void FindHangul(List<string> words, int[] starts, List<Occurrence> found)
    {
        if (_byHangulStart.Count == 0) return;
        var i = 0;
        while (i < words.Count)
        {
            if (!TitleText.IsHangul(words[i])) { i++; continue; }
            var j = i;
            while (j < words.Count && TitleText.IsHangul(words[j])) j++;
            // The run without spaces, and where each of its characters sits in the listing.
            var compact = string.Concat(words.Skip(i).Take(j - i));
            var position = new int[compact.Length];
            var p = 0;
            for (var k = i; k < j; k++)
            {
                for (var c = 0; c < words[k].Length; c++) position[p++] = starts[k] + c;
            }
            for (var at = 0; at + 1 < compact.Length; at++)
            {
                if (_byHangulStart.TryGetValue(compact.Substring(at, 2), out var two)) VerifyHangul(two, at);
                if (at + 2 < compact.Length && _byHangulStart.TryGetValue(compact.Substring(at, 3), out var three)) VerifyHangul(three, at);
            }
            i = j;

            void VerifyHangul(List<int> list, int at)
            {
                foreach (var id in list)
                {
                    var title = _entries[id].Compact!;
                    if (string.CompareOrdinal(compact, at, title, 0, title.Length) != 0 || at + title.Length > compact.Length) continue;
                    var occurrence = new Occurrence(id, position[at], position[at + title.Length - 1] + 1);
                    if (!found.Contains(occurrence)) found.Add(occurrence);
                }
            }
        }
    }

    private (double Confidence, List<MatchReason> Reasons, int? Season, bool NoEpisode) Score(
        int workIndex, Occurrence occurrence, ReleaseName parsed, List<string> words, List<int> brackets, int[] starts, List<Occurrence> all, HashSet<string> explained)
    {
        var work = _works[workIndex];
        var entry = _entries[occurrence.Entry];
        var loose = occurrence.Loose ? ".loose" : "";
        var reasons = new List<MatchReason>
        {
            entry.Language.Length > 0 && entry.Season is { } n ? new MatchReason("title.season" + loose, entry.Text, entry.Language, n)
            : entry.Language.Length > 0 ? new MatchReason("title.lang" + loose, entry.Text, entry.Language)
            : entry.Alias ? new MatchReason("title.alias" + loose, entry.Text)
            : new MatchReason("title" + loose, entry.Text),
        };
        var confidence = occurrence.Loose ? 0.9 : 0.95;

        // Kind: an episode listing is never a film; a chapter is a webtoon's; audio is music's.
        var episodic = parsed.Episodes is { Count: > 0 } || parsed.Season is not null || parsed.AirDate is not null;
        if (episodic && work.Kind == CatalogueKind.Film)
            return Reject(reasons, new MatchReason("rejected.episode-film", work.Name));
        if (parsed.Kind == ReleaseKind.Webtoon && work.Kind is CatalogueKind.Film or CatalogueKind.Music)
            return Reject(reasons, new MatchReason("rejected.chapter." + Name(work.Kind), work.Name));
        var chapterWords = ChapterWords(words);
        if (chapterWords && work.Kind != CatalogueKind.Webtoon)
            return Reject(reasons, new MatchReason("rejected.names-chapter." + Name(work.Kind), work.Name));
        var chapterish = parsed.Kind == ReleaseKind.Webtoon || chapterWords;
        if (work.Kind == CatalogueKind.Webtoon && !chapterish && (episodic || parsed.VideoCodec is not null || parsed.Resolution is not null || parsed.Source is not null))
            return Reject(reasons, new MatchReason("rejected.video-webtoon", work.Name));
        if (work.Kind == CatalogueKind.Music && (parsed.VideoCodec is not null || parsed.Resolution is not null || parsed.Season is not null || parsed.AirDate is not null))
            return Reject(reasons, new MatchReason("rejected.video-music", work.Name));
        if (work.Kind != CatalogueKind.Music && parsed.Kind == ReleaseKind.Music)
            return Reject(reasons, new MatchReason("rejected.music." + Name(work.Kind), work.Name));
        if (episodic && work.Kind == CatalogueKind.Music) episodic = false;
        if (episodic) reasons.Add(new MatchReason("episodic"));

        // Season: the one the listing or the matched title names must be one the catalogue knows.
        var seasons = _seasons[workIndex];
        if (entry.Season is { } titled && parsed.Season is { } said && titled != said && said != parsed.Year)
            return Reject(reasons, new MatchReason("rejected.title-season", titled, said));
        // "Eyes.Of.Dawn.1991.E01": a year read as the season (as guessit does) names a season only where the catalogue numbers seasons by year.
        var parsedSeason = parsed.Season is { } ps && ps == parsed.Year && seasons.All(x => x.Number != ps) ? null : parsed.Season;
        // "스위트홈 2 1080p": a small bare number right after a series' title is a season or a sequel as often as an episode.
        var bareSeason = work.Kind == CatalogueKind.Series && parsedSeason is null && entry.Season is null ? BareNumberAfter(occurrence, words, starts, parsed) : null;
        if (bareSeason is { } bare)
        {
            if (seasons.Count < 2 || seasons.All(x => x.Number != bare))
                return Reject(reasons, SeasonsReason("rejected.bare-number", bare, seasons, work.Name));
            reasons.Add(new MatchReason("bare-season", bare));
        }
        var stated = entry.Season ?? parsedSeason ?? bareSeason;
        // "Hospital Playlist 2 1080p" against a season titled "Hospital Playlist 2": the number the parser took for the episode is the title's.
        var numberOfTitle = parsed.Episodes is [var only] && entry.Words.Contains(only.ToString(CultureInfo.InvariantCulture)) && !NumberOutside(only, occurrence, words, starts);
        var noEpisode = bareSeason is not null || numberOfTitle;
        MatchableSeason? known = null;
        if (stated is { } number && seasons.Count > 0)
        {
            known = seasons.FirstOrDefault(x => x.Number == number);
            if (known is null)
                return Reject(reasons, SeasonsReason("rejected.season-unknown", number, seasons, work.Name));
            reasons.Add(new MatchReason("season-known", number));
        }

        // Year: the same year (a year off for releases that straddle New Year); a series may be listed by a later season's year.
        // The year is a four-digit number outside the title ("Reply 1988" holds no year).
        var year = YearIn(words, all.Where(o => _entries[o.Entry].Work == workIndex).ToList(), starts);
        if (year is { } y)
        {
            if (known is null && stated is null && seasons.Count > 1)
            {
                // "Sweet Home 2023": the season that aired that year, when exactly one did.
                var airedThen = seasons.Where(x => x.Year == y).ToList();
                if (airedThen.Count == 0) airedThen = seasons.Where(x => x.Year is { } sy && y - sy is >= -1 and <= 1).ToList();
                if (airedThen.Count == 1) known = airedThen[0];
            }
            // Scene names give the series' first year before a later season ("Doctor.Who.2005.S10E01").
            if (known?.Year is { } aired && y - aired is < -1 or > 1 && work.Year is { } first && y - first is >= -1 and <= 1 && y < aired)
            {
                confidence += 0.03;
                reasons.Add(y == first ? new MatchReason("year.matches", y) : new MatchReason("year.close", y, first));
            }
            else if (known?.Year is { } sy)
            {
                if (y - sy is < -1 or > 1) return Reject(reasons, new MatchReason("rejected.year.season", y, known.Number, work.Name, sy));
                confidence += 0.03;
                reasons.Add(seasons.Count > 1
                    ? new MatchReason(y == sy ? "year.matches.season" : "year.close.season", y, known.Number, sy)
                    : y == sy ? new MatchReason("year.matches", y) : new MatchReason("year.close", y, sy));
            }
            else if (work.Year is { } wy)
            {
                var delta = y - wy;
                // A later season may be listed under its own year: two years a season, at most.
                var later = work.Kind == CatalogueKind.Series && stated is > 1 and < 100 ? (stated.Value - 1) * 2 + 1 : 1;
                if (seasons.Count > 1 && stated is null) later = Math.Max(later, seasons.Max(x => x.Number) * 2);
                var fits = delta >= -1 && delta <= later;
                if (!fits) return Reject(reasons, new MatchReason("rejected.year", y, work.Name, wy));
                confidence += 0.03;
                reasons.Add(delta == 0 ? new MatchReason("year.matches", y) : new MatchReason("year.close", y, wy));
            }
        }
        // A work of one season: an episode without a season is that season's.
        if (known is null && seasons.Count == 1 && stated is null) known = seasons[0];

        // Episode or chapter within the season's range (or the work's, when the listing does not say which season).
        if (!noEpisode && parsed.Episodes is { Count: > 0 } episodes)
        {
            if (known is not null && known.Episodes is { } inSeason)
            {
                if (episodes.Max() > inSeason)
                    return Reject(reasons, seasons.Count == 1
                        ? new MatchReason("rejected.episode-beyond", episodes.Max(), inSeason, work.Name)
                        : new MatchReason("rejected.episode-beyond.season", episodes.Max(), inSeason, known.Number, work.Name));
                reasons.Add(seasons.Count == 1 ? new MatchReason("episode-within", episodes[0], inSeason) : new MatchReason("episode-within.season", episodes[0], known.Number, inSeason));
            }
            else if (known is null && work.Episodes is { } count)
            {
                if (episodes.Max() > count) return Reject(reasons, new MatchReason("rejected.episode-beyond", episodes.Max(), count, work.Name));
                reasons.Add(new MatchReason("episode-within", episodes[0], count));
            }
            if (known is null && seasons.Count > 1)
            {
                confidence -= 0.1;
                reasons.Add(new MatchReason("season-unsaid", seasons.Count));
            }
        }
        var season = known is not null && (episodic || entry.Season is not null || stated is not null) ? known.Number : (int?)null;

        // Words the title does not explain: another work's name, a sequel's number, a spin-off's subtitle.
        var extras = Unexplained(words, brackets, starts, occurrence, entry.Words, parsed, all, explained);
        if (extras.Count > 0)
        {
            confidence -= 0.3 * extras.Count;
            reasons.Add(new MatchReason("unexplained", string.Join(", ", extras.Select(x => "\"" + x + "\""))));
        }
        else
        {
            reasons.Add(new MatchReason("explained"));
        }

        // "[Subs-Kingdom] Crash Landing on You 07": a title seen only in the leading bracket is a fansub group's name.
        if (InLeadingBracket(occurrence, words, brackets, starts)
            && !all.Any(o => _entries[o.Entry].Work == workIndex && !InLeadingBracket(o, words, brackets, starts))
            && words.Where((_, i) => brackets[i] == 0 || brackets[i] != brackets[0]).Any(w => !IsNoise(w) && !TitleText.IsNumber(w)))
        {
            confidence -= 0.3;
            reasons.Add(new MatchReason("leading-bracket"));
        }

        // A very short title (one short word) alone is weak evidence.
        if (entry.Words.Length == 1 && entry.Words[0].Length <= 3 && !TitleText.IsHangul(entry.Words[0]))
        {
            confidence -= 0.2;
            reasons.Add(new MatchReason("short-title"));
        }
        return (Math.Clamp(confidence, 0, 1), reasons, season, noEpisode);
    }

    private static (double, List<MatchReason>, int?, bool) Reject(List<MatchReason> reasons, MatchReason why) => (0, [.. reasons, why], null, false);

    /// <summary>The work's seasons; a series or webtoon whose catalogue entry names none has one, with all its episodes.</summary>
    private static IReadOnlyList<MatchableSeason> SeasonsOf(MatchableWork work) =>
        work.Seasons.Count > 0 || work.Kind is not (CatalogueKind.Series or CatalogueKind.Webtoon)
            ? work.Seasons
            : [new MatchableSeason(1, work.Episodes, work.Year, [])];

    /// <summary>The episode the parser read from a bare number of one digit right after the title, with no episode word near it.</summary>
    private static int? BareNumberAfter(Occurrence occurrence, List<string> words, int[] starts, ReleaseName parsed)
    {
        if (parsed.Episodes is not [var episode] || episode is < 1 or > 9) return null;
        var next = Array.IndexOf(starts, occurrence.End + 1);
        if (next < 0 || words[next] != episode.ToString(CultureInfo.InvariantCulture)) return null;
        if (next + 1 < words.Count && words[next + 1].Length > 0 && words[next + 1][0] is '회' or '화' or '話' or '편' or '부' or '집') return null;
        // Another word that marks the episode ("2 Episode 3", "E05") means the number is not the episode.
        return words.Any(w => w is "ep" or "episode" or "épisode" or "eps") ? null : episode;
    }

    private static bool InLeadingBracket(Occurrence occurrence, List<string> words, List<int> brackets, int[] starts)
    {
        if (words.Count == 0 || brackets[0] == 0) return false;
        for (var i = 0; i < words.Count; i++)
        {
            if (starts[i] >= occurrence.Start && starts[i] < occurrence.End && brackets[i] != brackets[0]) return false;
        }
        return true;
    }

    /// <summary>Whether a word outside the title ends in the number: "e05", "s02e05", "05", "5".</summary>
    private static bool NumberOutside(int number, Occurrence occurrence, List<string> words, int[] starts)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (starts[i] >= occurrence.Start && starts[i] < occurrence.End) continue;
            var w = words[i];
            var end = w.Length;
            while (end > 0 && char.IsAsciiDigit(w[end - 1])) end--;
            if (end < w.Length && w.Length - end <= 4 && int.Parse(w.AsSpan(end), CultureInfo.InvariantCulture) == number) return true;
        }
        return false;
    }

    /// <summary>A reason that names the seasons the catalogue knows: "season 1 only" or "seasons 1, 2".</summary>
    private static MatchReason SeasonsReason(string code, int number, IReadOnlyList<MatchableSeason> seasons, string work) =>
        seasons.Count == 1
            ? new MatchReason(code + ".one", number, seasons[0].Number, work)
            : new MatchReason(code + ".many", number, string.Join(", ", seasons.Select(x => x.Number)), work);

    private static (int Number, bool Chapter)? KoreanCounter(List<string> words)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (TitleText.IsNumber(words[i]) && words[i].Length <= 4 && words[i + 1].Length > 0 && words[i + 1][0] is '회' or '화' or '話')
                return (int.Parse(words[i], CultureInfo.InvariantCulture), words[i + 1][0] == '화');
        }
        return null;
    }

    private static string Name(CatalogueKind kind) => kind.ToString().ToLowerInvariant();

    private static bool ChapterWords(List<string> words) =>
        words.Any(w => w is "chapter" or "chap" or "chapitre" or "ch" or "manhwa" or "scan" or "scans");

    private static int? YearIn(List<string> words, List<Occurrence> titles, int[] starts)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (titles.Any(o => starts[i] >= o.Start && starts[i] < o.End)) continue;
            if (words[i].Length == 4 && TitleText.IsNumber(words[i]) && int.Parse(words[i], CultureInfo.InvariantCulture) is var y and >= 1900 and <= 2099) return y;
        }
        return null;
    }

    private static List<string> Unexplained(
        List<string> words, List<int> brackets, int[] starts, Occurrence occurrence, string[] title, ReleaseName parsed, List<Occurrence> all, HashSet<string> explained)
    {
        var numbers = new HashSet<int>();
        foreach (var e in parsed.Episodes ?? []) numbers.Add(e);
        foreach (var e in parsed.AbsoluteEpisodes ?? []) numbers.Add(e);
        if (parsed.Season is { } s) numbers.Add(s);
        if (parsed.Year is { } y) numbers.Add(y);
        if (parsed.AirDate is { } d)
        {
            numbers.Add(d.Year % 100 * 10000 + d.Month * 100 + d.Day);
            numbers.Add(d.Year * 10000 + d.Month * 100 + d.Day);
            numbers.Add(d.Year);
            numbers.Add(d.Month);
            numbers.Add(d.Day);
        }
        var tail = TailStart(words, starts, occurrence, parsed, explained);
        var extras = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            // Unknown tags of the technical tail and of brackets outside the title say nothing against the work.
            if (i >= tail || IsTagBracket(i, words, brackets, starts, occurrence, tail, explained)) continue;
            var start = starts[i];
            var end = start + words[i].Length;
            // Parts of the word no occurrence of this work covers
            var covered = all.Where(o => o.End > start && o.Start < end).ToList();
            var remainder = Remainder(words[i], start, end, covered.Count > 0 ? covered : [occurrence]);
            foreach (var rest in remainder)
            {
                if (IsNoise(rest) || explained.Contains(rest)) continue;
                if (TitleText.IsNumber(rest) && (rest.Length > 4 || int.TryParse(rest, CultureInfo.InvariantCulture, out var n) && numbers.Contains(n))) continue;
                // "신의 탑 3부 550화", "더글로리 파트2": a part number says which part of the work, not which work
                if (TitleText.IsNumber(rest) && rest.Length <= 2 && ((i + 1 < words.Count && words[i + 1] == "부") || (i > 0 && words[i - 1] == "파트"))) continue;
                // "우영우 이상한 변호사 우영우": a word of the title said again names no other work
                if (Array.IndexOf(title, rest) >= 0) continue;
                extras.Add(rest);
            }
        }
        return extras;
    }

    /// <summary>
    /// Where the technical tail begins: the first episode marker or technical word after the title ("S01E05", "E05",
    /// "5 회", "1080p", "HEVC"). A year alone does not begin it: "Kingdom 2019 Ashin of the North" still names another work.
    /// </summary>
    private static int TailStart(List<string> words, int[] starts, Occurrence occurrence, ReleaseName parsed, HashSet<string> explained)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (starts[i] < occurrence.End) continue;
            var w = words[i];
            if (ReleaseNameParser.SeasonEpisode(w, out _, out _) || ReleaseNameParser.CrossEpisode(w, out _, out _) || IsEpisodeWord(w)) return i;
            if (TitleText.IsNumber(w) && w.Length <= 4 && int.TryParse(w, CultureInfo.InvariantCulture, out var n) && parsed.Episodes?.Contains(n) == true
                && i + 1 < words.Count && words[i + 1] is "회" or "화" or "話" or "부") return i;
            if (explained.Contains(w) && IsTechnical(w)) return i;
        }
        return words.Count;
    }

    /// <summary>"e05", "ep05", "ep", "episode", "회차": words that introduce an episode number.</summary>
    private static bool IsEpisodeWord(string w) =>
        w is "ep" or "episode" or "épisode" or "회차" or "화" or "회" or "chapter" or "ch" or "chap" or "chapitre"
        || (w.Length >= 2 && w[0] == 'e' && TitleText.IsNumber(w.AsSpan(w.Length > 2 && w[1] == 'p' ? 2 : 1).ToString()));

    private static bool IsTechnical(string w) =>
        ReleaseNameParser.ResolutionOf(w) is not null
        || (Vocabulary.Words.TryGetValue(w, out var info) && (info.Source is not null || info.VideoCodec is not null || info.AudioCodec is not null));

    /// <summary>
    /// A bracket outside the title that holds a technical word or sits before the title or in the tail
    /// ("[1080p][HEVC]", "[토렌트]", "[고화질 자막]"). A bracket right after the title with only unknown words may be a subtitle: it still counts.
    /// </summary>
    private static bool IsTagBracket(int i, List<string> words, List<int> brackets, int[] starts, Occurrence occurrence, int tail, HashSet<string> explained)
    {
        var b = brackets[i];
        if (b == 0 || (starts[i] < occurrence.End && starts[i] + words[i].Length > occurrence.Start)) return false;
        if (starts[i] + words[i].Length <= occurrence.Start) return true;
        // Between the title and the tail, a bracket is a tag when at least half its words are tags ("[English Softsubs]"),
        // not when one tag word sits among unknown ones ("[The Challenge HD]" is another work's subtitle).
        int known = 0, total = 0;
        for (var k = 0; k < words.Count; k++)
        {
            if (brackets[k] != b) continue;
            if (k >= tail) return true;
            total++;
            if ((explained.Contains(words[k]) && IsTechnical(words[k])) || IsNoise(words[k])) known++;
        }
        return known > 0 && known * 2 >= total;
    }

    private static IEnumerable<string> Remainder(string word, int start, int end, List<Occurrence> covering)
    {
        var mask = new bool[word.Length];
        foreach (var o in covering)
        {
            for (var p = Math.Max(o.Start, start); p < Math.Min(o.End, end); p++) mask[p - start] = true;
        }
        var from = -1;
        for (var k = 0; k <= word.Length; k++)
        {
            var free = k < word.Length && !mask[k];
            if (free && from < 0) from = k;
            else if (!free && from >= 0)
            {
                yield return word[from..k];
                from = -1;
            }
        }
    }

    private static bool IsNoise(string w)
    {
        if (Noise.Contains(w) || Vocabulary.Words.ContainsKey(w)) return true;
        if (ReleaseNameParser.ResolutionOf(w) is not null || w.EndsWith("kbps", StringComparison.Ordinal)) return true;
        // Korean counters and listing words glued to each other: 회다시보기, 화무료보기
        if (TitleText.IsHangul(w))
        {
            var rest = w;
            var progress = true;
            while (rest.Length > 0 && progress)
            {
                progress = false;
                foreach (var n in HangulNoise)
                {
                    if (rest.StartsWith(n, StringComparison.Ordinal))
                    {
                        rest = rest[n.Length..];
                        progress = true;
                        break;
                    }
                }
            }
            return rest.Length == 0;
        }
        return false;
    }

    /// <summary>Words of listing pages in English, French and Korean that say nothing about which work it is.</summary>
    private static readonly FrozenSet<string> Noise = new[]
    {
        "watch", "online", "free", "streaming", "stream", "download", "downloads", "full", "episode", "episodes", "ep", "eps", "english", "sub", "subs",
        "subbed", "subtitle", "subtitles", "dub", "dubbed", "raw", "raws", "hd", "sd", "fhd", "uhd", "new", "latest", "all", "complete", "kdrama", "drama",
        "dramas", "korean", "series", "movie", "film", "tv", "show", "season", "part", "zip", "rar", "mp3", "flac", "album", "ost", "kbps", "torrent", "magnet",
        "link", "links", "direct", "mega", "mediafire", "gdrive", "drive", "google", "read", "manga", "manhwa", "webtoon", "scan", "scans", "chapter", "chap",
        "ch", "eng", "engsub", "kor", "korsub", "official", "trailer", "softsubs", "hardsubs", "softsub", "hardsub", "fansub",
        "regarder", "voir", "en", "ligne", "gratuit", "gratuitement", "episode", "épisode", "saison", "vostfr", "vf", "vff", "vo", "film", "serie", "série",
        "telecharger", "télécharger", "complet", "lire", "chapitre", "chapitres", "coreen", "coréen", "sous", "titres", "ici", "replay", "dl", "web", "nf",
        "amzn", "kissasian", "dramacool", "viki", "netflix",
        "v1", "v2", "v3", "x", "e", "s", "p", "k",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] HangulNoise =
    [
        "다시보기", "무료보기", "보기", "무료", "다운로드", "다운", "회", "화", "시즌", "토렌트", "자막", "한글자막", "영어자막", "고화질", "최신", "전편", "완결", "드라마", "영화",
        "웹툰", "만화", "스트리밍", "재방송", "마지막회", "정주행", "보러가기", "링크", "편", "부", "전", "앨범", "음원", "듣기", "특집", "예고", "미리보기", "풀버전", "에피소드",
        // Korean web-rip and upload tags: editions, subtitles, quality, services and readers
        "감독판", "확장판", "무삭제", "무삭제판", "리마스터링", "리마스터", "최종화", "최종", "통합자막", "자막포함", "포함", "내장", "한글", "통합", "무자막", "저화질", "화질",
        "원본", "저용량", "고용량", "넷플릭스", "디즈니", "티빙", "웨이브", "쿠팡플레이", "왓챠", "네이버웹툰", "네이버", "카카오페이지", "카카오웹툰", "뉴토끼", "툰코", "마나토끼",
        "연재", "최신화", "업데이트", "판", "번역", "파트",
    ];

    private static MatchResult Abstain(string input, MatchReason reason) => new(input, null, null, null, 0, [reason]);
}
