using System.Text;

namespace Isop.Recognition.ReleaseNames;

/// <summary>
/// Parses scene release names, P2P and fansub names, file paths and listing titles. The name is split into
/// words once; each word is recognised from a vocabulary or a small hand-written pattern (no backtracking
/// regular expressions); the title is what comes before the first recognised word.
/// </summary>
public static partial class ReleaseNameParser
{
    /// <summary>Longer inputs are cut: a release name is never this long, and time stays bounded.</summary>
    public const int MaxLength = 1024;

    public static ReleaseName Parse(string? input) => ParseExplained(input, null);

    /// <summary>Parses, and lists the words the parse recognised as something other than the title (for the matcher).</summary>
    internal static ReleaseName ParseExplained(string? input, List<string>? explained)
    {
        var text = input ?? "";
        var bounded = Sanitise(text.Length > MaxLength ? text[..MaxLength] : text);
        var segments = SplitPath(bounded);
        if (segments.Length == 0) return new ReleaseName { Input = text, Kind = ReleaseKind.Unknown };

        var file = segments[^1];
        var container = Extension(ref file);
        file = LatinTitleFirst(file);
        // "[ Engineering Catastrophes S02E10 1080p … ]": a name wrapped whole in brackets
        if (file.Length > 2 && file[0] == '[' && file[^1] == ']' && file.IndexOf(']') == file.Length - 1) file = file[1..^1].Trim();
        var result = new Parsed(file, container);
        result.Run();

        // Folders fill what the file name lacks (Series/Show/Season 2/E13 - Title.mkv), and stand in for
        // obfuscated file names (Release.Name-GROUP/a8f3c1.mkv).
        for (var i = segments.Length - 2; i >= 0 && i >= segments.Length - 4; i--)
        {
            if (Vocabulary.GenericFolders.Contains(segments[i]) || segments[i].EndsWith(':')) continue;
            var folder = new Parsed(segments[i], null);
            folder.Run();
            result.FillFrom(folder, i == segments.Length - 2);
        }
        explained?.AddRange(result.RecognisedWords());
        return result.ToReleaseName(text);
    }

    /// <summary>Folders are split on / and \ outside brackets ("[720p/mkv]" is not a folder).</summary>
    private static string[] SplitPath(string text)
    {
        if (text.IndexOfAny(['/', '\\']) < 0) return text.Length == 0 ? [] : [text];
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '[' or '(' or '{') depth++;
            else if (c is ']' or ')' or '}' && depth > 0) depth--;
            else if (c is '/' or '\\' && depth == 0 && !NotFolder(text, i))
            {
                var part = text[start..i].Trim();
                if (part.Length > 0) parts.Add(part);
                start = i + 1;
            }
        }
        var last = text[start..].Trim();
        if (last.Length > 0) parts.Add(last);
        return [.. parts];
    }

    /// <summary>
    /// "Босх: Спадок / Series: Legacy (S2E1-4)" and "Ukr/Eng": a slash between spaces separates a name's titles in two
    /// languages, and one between two language codes lists languages; neither is a folder.
    /// </summary>
    private static bool NotFolder(string text, int at)
    {
        if (text[at] != '/') return false;
        if (at > 0 && at + 1 < text.Length && text[at - 1] == ' ' && text[at + 1] == ' ') return true;
        var from = at;
        while (from > 0 && char.IsLetter(text[from - 1])) from--;
        var to = at + 1;
        while (to < text.Length && char.IsLetter(text[to])) to++;
        return from < at && to > at + 1 && Vocabulary.Languages.ContainsKey(text[from..at]) && Vocabulary.Languages.ContainsKey(text[(at + 1)..to]);
    }

    /// <summary>"Босх: Спадок / Series: Legacy / S2E1-4 of 10 (2023)": the titles in another script before the Latin one are left out.</summary>
    private static string LatinTitleFirst(string file)
    {
        if (!file.Contains(" / ", StringComparison.Ordinal)) return file;
        var parts = file.Split(" / ");
        var drop = 0;
        while (drop < parts.Length - 1 && Script(parts[drop]) == false && Script(parts[drop + 1]) == true) drop++;
        return drop == 0 ? file : string.Join(" / ", parts[drop..]);
    }

    /// <summary>True when a text's letters are mostly Latin, false when mostly another script, null without letters.</summary>
    private static bool? Script(string text)
    {
        int latin = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            if (c < 0x250) latin++; else other++;
        }
        return latin + other == 0 ? null : latin > other;
    }

    private static string Sanitise(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (char.IsSurrogate(c) || char.IsControl(c) || c is '\u200e' or '\u200f' or '\u202a' or '\u202b' or '\u202c' or '\u202d' or '\u202e' or '\ufeff')
            {
                clean = false;
                break;
            }
        }
        if (clean) return text.Trim();
        // Lone surrogates and control characters carry no meaning in a name.
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c) || c is '\u200e' or '\u200f' or '\u202a' or '\u202b' or '\u202c' or '\u202d' or '\u202e' or '\ufeff')
            {
                sb.Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Trim();
    }

    private static string? Extension(ref string file)
    {
        var dot = file.LastIndexOf('.');
        if (dot <= 0 || dot < file.Length - 8) return null;
        var ext = file[(dot + 1)..];
        if (!Vocabulary.Containers.Contains(ext)) return null;
        file = file[..dot];
        return ext.ToLowerInvariant();
    }

    /// <summary>The parse of one path segment.</summary>
    private sealed partial class Parsed(string text, string? container)
    {
        private readonly Dictionary<int, string> _brackets = [];
        private List<Token> _t = [];
        private int _titleStart;
        private int _titleEnd;
        private Word? _info;

        public string Text { get; } = text;
        public string? Container { get; private set; } = container;
        public string? Title { get; private set; }
        public string? Artist { get; private set; }
        public int? Year { get; private set; }
        public int? Season { get; private set; }
        public List<int> Episodes { get; } = [];
        public List<int> Absolute { get; } = [];
        public DateOnly? AirDate { get; private set; }
        public string? Resolution { get; private set; }
        public string? Source { get; private set; }
        public string? Service { get; private set; }
        public string? VideoCodec { get; private set; }
        public string? AudioCodec { get; private set; }
        public List<string> Languages { get; } = [];
        public List<string> Subtitles { get; } = [];
        public string? Edition { get; private set; }
        public bool Proper { get; private set; }
        public bool Repack { get; private set; }
        public string? Website { get; private set; }
        public string? Group { get; private set; }
        public bool Chapter { get; private set; }
        public bool KoreanEpisode { get; private set; }
        public bool SeasonPack { get; private set; }
        public int TechCount { get; private set; }

        /// <summary>True when the name looks like a hash or a short code rather than a title.</summary>
        public bool Obfuscated { get; private set; }

        public void Run()
        {
            _t = Tokenizer.Tokenize(Text, _brackets);
            SplitDashedWords();
            SplitGluedMarkers();
            Recognise();
            FindTitle();
            FindAnimeEpisode();
            KeepAnimeSeasonInTitle();
            FindGroup();
            Obfuscated = TechCount == 0 && Year is null && LooksObfuscated()
                         && !_t.Any(t => t.Tag is Tag.Source or Tag.VideoCodec or Tag.Resolution or Tag.Season || IsEpisodeMarker(t.Text));
        }

        /// <summary>x264-GROUP, hdtv-lol, Child-2007-TRUEFRENCH-TVRip: split when a part is recognisable.</summary>
        private void SplitDashedWords()
        {
            var any = false;
            foreach (var t in _t) any |= t.Tag != Tag.Dash && t.Text.Contains('-');
            if (!any) return;
            var output = new List<Token>(_t.Count + 4);
            foreach (var token in _t)
            {
                // "x264.-DX-TV": a dashed name after a lone dash at the end is the group's, whole
                var groupAfterDash = ReferenceEquals(token, _t[^1]) && _t.Count > 1 && _t[^2].Tag == Tag.Dash && token.Text.IndexOf('-') is > 0 and var dash
                    && !IsKnownWhole(token.Text[..dash]);
                if (token.Tag == Tag.Dash || !token.Text.Contains('-') || token.Text.StartsWith('-') || token.Text.EndsWith('-') || groupAfterDash
                    || IsKnownWhole(token.Text))
                {
                    output.Add(token);
                    continue;
                }
                var parts = token.Text.Split('-');
                var recognisable = false;
                for (var i = 0; i < parts.Length; i++)
                {
                    if (IsKnownWhole(parts[i]) || (i == 0 && parts[i].All(char.IsAsciiDigit) && parts[i].Length <= 4)) recognisable = true;
                }
                // "[Hatsuyuki]Series_Title-01[1280x720]": an anime episode number glued to the title by a dash, before a bracket
                var at = _t.IndexOf(token);
                if (parts.Length == 2 && parts[1].Length is 2 or 3 && parts[1].All(char.IsAsciiDigit) && parts[0].Any(char.IsLetter)
                    && token.Bracket == 0 && at + 1 < _t.Count && _t[at + 1].Bracket != 0 && _t[at + 1].Glued)
                    recognisable = true;
                if (!recognisable || parts.Any(p => p.Length == 0))
                {
                    output.Add(token);
                    continue;
                }
                for (var i = 0; i < parts.Length; i++)
                {
                    // "WEB-DL-NEXT": parts that are one known word together stay together (WEB-DL, not WEB and the language DL).
                    var text = parts[i];
                    var start = i;
                    while (i + 1 < parts.Length && IsKnownWhole(text + "-" + parts[i + 1])) text += "-" + parts[++i];
                    output.Add(new Token { Text = text, Bracket = token.Bracket, Before = start == 0 ? token.Before : '-', AfterInnerDash = start > 0 });
                }
            }
            _t = output;
        }

        /// <summary>"grp-zoos01e11e12", "Seriess02e05": a season and episode marker glued to the end of a title word.</summary>
        private void SplitGluedMarkers()
        {
            for (var k = 0; k < _t.Count; k++)
            {
                var w = _t[k].Text;
                if (w.Length < 7 || _t[k].Tag != Tag.None || !char.IsLetter(w[0]) || IsEpisodeMarker(w)) continue;
                for (var s = w.Length - 4; s >= 3; s--)
                {
                    if (w[s] is not ('s' or 'S') || !char.IsAsciiDigit(w[s + 1]) || !char.IsLetter(w[s - 1])) continue;
                    if (!SeasonEpisode(w[s..], out _, out var episodes) || episodes.Count == 0 || !w.AsSpan(0, s).ContainsAnyExcept(DigitChars)) continue;
                    _t[k].Text = w[..s];
                    _t.Insert(k + 1, new Token { Text = w[s..], Bracket = _t[k].Bracket, Before = ' ' });
                    k++;
                    break;
                }
            }
        }

        private static readonly System.Buffers.SearchValues<char> DigitChars = System.Buffers.SearchValues.Create("0123456789");

        private static bool IsKnownWhole(string word)
        {
            if (word.Length == 0) return false;
            if (Vocabulary.Words.TryGetValue(word, out var info)
                && (info.Source is not null || info.VideoCodec is not null || info.AudioCodec is not null || info.Other || info.NotGroup || info.SubtitleMarker
                    || info.Subtitle is not null || (info.Language is not null && word.Length >= 3 && IsShouting(word))))
                return true;
            if (char.IsAsciiDigit(word[0]))
                return ResolutionOf(word) is not null || IsEpisodeMarker(word) || IsYear(word) || DateOf(word) is not null || IsRange(word) || NumberList(word) is not null;
            return (word[0] is 's' or 'S' && IsEpisodeMarker(word)) || word.Equals("4k", StringComparison.OrdinalIgnoreCase) || CompoundSourceCodec(word) is not null;
        }

        private static bool IsEpisodeMarker(string w) =>
            w.Length > 1 && ((w[0] is 's' or 'S' && SeasonEpisode(w, out _, out _)) || (char.IsAsciiDigit(w[0]) && CrossEpisode(w, out _, out _)));

        private void Recognise()
        {
            for (var i = 0; i < _t.Count; i++)
            {
                var token = _t[i];
                if (token.Tag != Tag.None) continue;
                _info = Vocabulary.Words.GetValueOrDefault(token.Text);
                i += Math.Max(ApplyWordRules(i), 1) - 1;
            }
        }

        /// <summary>
        /// The word rules in the order they are tried: the first that applies consumes its words, and the count is returned.
        /// Each line says what a rule needs of the word (its first character, a digit, a vocabulary entry) so that others are not tried.
        /// </summary>
        private int ApplyWordRules(int i)
        {
            var w = _t[i].Text;
            var first = w[0];
            var digit = char.IsAsciiDigit(first);
            var known = _info is not null;
            var n = first is 'v' or 'V' ? VersionSuffix(i) : 0;
            if (n == 0 && first is 's' or 'S') n = SeasonEpisodeMarker(i);
            if (n == 0 && first is 's' or 'S') n = SpacedSeasonMarker(i);
            if (n == 0 && digit) n = CrossMarker(i);
            if (n == 0 && first == '#') n = HashNumber(i);
            if (n == 0 && first is 'e' or 'E') n = EpisodeListWithoutSeason(i);
            if (n == 0 && first is 'e' or 'E' or 'x' or 'X') n = LoneEpisodeMarker(i);
            if (n == 0) n = CounterWord(i);
            if (n == 0) n = SeasonWordAndNumber(i);
            if (n == 0 && known) n = EpisodeWordAndNumber(i);
            if (n == 0 && known) n = ChapterWordAndNumber(i);
            if (n == 0 && first is 'p' or 'P') n = PartWordAndNumber(i);
            if (n == 0 && digit) n = DottedAirDate(i);
            if (n == 0 && digit) n = AirDateWord(i);
            if (n == 0 && digit) n = ShortAirDate(i);
            if (n == 0 && digit) n = NumberBeforeEpisodeWord(i);
            if (n == 0 && digit) n = CompactEpisodePair(i);
            if (n == 0 && digit) n = YearWord(i);
            if (n == 0 && digit) n = AbsoluteRange(i);
            if (n == 0 && digit) n = EpisodeRange(i);
            if (n == 0 && first is 's' or 'S') n = SeasonDisc(i);
            if (n == 0) n = ResolutionWord(i);
            if (n == 0 && first is 'h' or 'H' or 'x' or 'X') n = SpacedCodec(i);
            if (n == 0) n = AudioWithDottedChannels(i);
            if (n == 0) n = Channels(i);
            if (n == 0) n = TwoWordEdition(i);
            if (n == 0 && known) n = SubtitleMarker(i);
            if (n == 0 && known) n = SubtitleLanguage(i);
            if (n == 0) n = WebsiteName(i);
            if (n == 0 && known) n = SourceWord(i);
            if (n == 0) n = SourceAndCodecGlued(i);
            if (n == 0 && known) n = VideoCodecWord(i);
            if (n == 0) n = AudioCodecWord(i);
            if (n == 0 && known) n = StreamingServiceWord(i);
            if (n == 0 && known) n = LanguageWord(i);
            if (n == 0 && known) n = EditionWord(i);
            if (n == 0 && known) n = OtherTag(i);
            if (n == 0) n = CrcTag(i);
            if (n == 0) n = SizeTag(i);
            if (n == 0) n = CountryCode(i);
            return n;
        }

        private void Set(Token token, Tag tag, bool weak = false)
        {
            token.Tag = tag;
            token.Weak = weak;
            if (!weak && tag is Tag.Resolution or Tag.Source or Tag.VideoCodec or Tag.AudioCodec or Tag.Episode or Tag.Season) TechCount++;
        }

        public IEnumerable<string> RecognisedWords()
        {
            foreach (var t in _t)
            {
                if (t.Tag is not (Tag.None or Tag.Dash)) yield return t.Text;
            }
            if (Group is not null) yield return Group;
            if (Website is not null) yield return Website;
            if (Container is not null) yield return Container;
        }

        public void FillFrom(Parsed folder, bool parent)
        {
            // "Release.Name.2012-GROUP/ano-cosmo.720p.mkv", "…-ARROW/arw-repack-greenberg.dvdrip.xvid.avi": an abbreviated file name
            var abbreviated = parent && folder.TechCount >= 2 && folder.Title is not null && Title is not null
                && ((Title.Length <= 12 && !Title.Contains(' ') && Title.Contains('-')) || Plain(Title).EndsWith(Plain(folder.Title), StringComparison.Ordinal));
            // "Series.of.Sonarr.S03.720p.BluRay-CLUE\REWARD": a file named by one bare word inside a release folder says nothing of the title
            var bare = parent && folder.TechCount >= 2 && folder.Title is not null && _t.Count == 1 && TechCount == 0 && Year is null;
            var replaceTitle = Title is null || Obfuscated || abbreviated || bare;
            if (replaceTitle && folder.Title is not null && !IsSeasonFolder(folder))
            {
                Title = folder.Title;
                Year ??= folder.Year;
            }
            else if (Title is not null && folder.Title is not null && Plain(folder.Title) == Plain(Title))
            {
                // "La Science des Rêves (2006)/La.Science.Des.Reves…": the folder spells the title better and knows the year
                Title = folder.Title;
                Year ??= folder.Year;
            }
            // A release folder spells its group as the release does ("…-BLOW/blow-how.to.be.single…")
            if (parent && folder.Group is not null && folder.TechCount >= 2 && (replaceTitle || (Title is not null && folder.Title is not null && Plain(Title) == Plain(folder.Title))))
                Group = folder.Group;
            Resolution ??= folder.Resolution;
            Source ??= folder.Source;
            VideoCodec ??= folder.VideoCodec;
            AudioCodec ??= folder.AudioCodec;
            if (Obfuscated || replaceTitle)
            {
                Group ??= folder.Group;
                if (folder.Episodes.Count > 0 && (Episodes.Count == 0 || Obfuscated))
                {
                    Episodes.Clear();
                    Episodes.AddRange(folder.Episodes);
                }
            }
            Season ??= folder.Season;
            if (Obfuscated) Obfuscated = folder.Obfuscated;
        }

        private static string Plain(string s)
        {
            var sb = new StringBuilder();
            foreach (var c in s.Normalize(NormalizationForm.FormD))
            {
                if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }

        private static bool IsSeasonFolder(Parsed folder) => folder.Title is null || folder._titleEnd - folder._titleStart == 0;

        public ReleaseName ToReleaseName(string input)
        {
            // "Downton.Abbey.2013.Christmas.Special", "Kyouso Giga ONA": specials and web/video animations are episodes
            var special = Episodes.Count == 0 && Season is null && AirDate is null && !Chapter && _t.Skip(_titleEnd).Any(t => t.Text.Equals("special", StringComparison.OrdinalIgnoreCase) && t.Tag != Tag.Edition
                || t.Text.Equals("ona", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("ova", StringComparison.OrdinalIgnoreCase)
                || t.Text.Equals("oad", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("oav", StringComparison.OrdinalIgnoreCase));
            var kind = Chapter ? ReleaseKind.Webtoon
                : Episodes.Count > 0 || Season is not null || AirDate is not null || KoreanEpisode || special ? ReleaseKind.Episode
                : IsMusic() && Artist is not null ? ReleaseKind.Music
                : Title is null && TechCount == 0 ? ReleaseKind.Unknown
                : ReleaseKind.Movie;
            if (Container is not null && Vocabulary.ComicContainers.Contains(Container) && kind != ReleaseKind.Episode) kind = ReleaseKind.Webtoon;
            return new ReleaseName
            {
                Input = input,
                Title = Title,
                Artist = Artist,
                Year = Year,
                Season = Season,
                Episodes = Episodes.Count > 0 ? Episodes.ToArray() : null,
                AbsoluteEpisodes = Absolute.Count > 0 ? Absolute.ToArray() : null,
                AirDate = AirDate,
                Resolution = Resolution,
                Source = Source,
                StreamingService = Service,
                VideoCodec = VideoCodec,
                AudioCodec = AudioCodec,
                Languages = Languages.Count > 0 ? Languages.ToArray() : null,
                SubtitleLanguages = Subtitles.Count > 0 ? Subtitles.ToArray() : null,
                Edition = Edition,
                Proper = Proper,
                Repack = Repack,
                Container = Container,
                Website = Website,
                Group = Group,
                Kind = kind,
            };
        }
    }

    /// <summary>An all-capitals word (FRENCH, NF) or a scene-style mixed one (iTA, MULTi, NORWEGiAN) is a tag, not title text.</summary>
    internal static bool IsShouting(string w)
    {
        var letters = 0;
        var upper = 0;
        foreach (var c in w)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (char.IsUpper(c)) upper++;
        }
        if (letters == 0) return true;
        if (upper == letters) return letters >= 2 || w.Length >= 2;
        // MULTi, iTA, NORWEGiAN, LiMiTED, iNTERNAL: mostly capitals with a lower-case i
        return upper >= 2 && w.Count(c => c == 'i') + upper == letters;
    }

    private static bool ReadNumber(string w, ref int i, int maxDigits, out int value)
    {
        value = 0;
        var start = i;
        while (i < w.Length && char.IsAsciiDigit(w[i]) && i - start < maxDigits)
        {
            value = value * 10 + (w[i] - '0');
            i++;
        }
        return i > start && (i == w.Length || !char.IsAsciiDigit(w[i]));
    }

    internal static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 9) return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
