using System.Globalization;
using System.Text;

namespace Isop.Recognition.ReleaseNames;

/// <summary>
/// Parses scene release names, P2P and fansub names, file paths and listing titles. The name is split into
/// words once; each word is recognised from a vocabulary or a small hand-written pattern (no backtracking
/// regular expressions); the title is what comes before the first recognised word.
/// </summary>
public static class ReleaseNameParser
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
            else if (c is '/' or '\\' && depth == 0)
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
    private sealed class Parsed(string text, string? container)
    {
        private readonly Dictionary<int, string> _brackets = [];
        private List<Token> _t = [];
        private int _titleStart;
        private int _titleEnd;

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
            Recognise();
            FindTitle();
            FindAnimeEpisode();
            FindGroup();
            Obfuscated = TechCount == 0 && Year is null && LooksObfuscated()
                         && !_t.Any(t => t.Tag is Tag.Source or Tag.VideoCodec or Tag.Resolution or Tag.Season || IsEpisodeMarker(t.Text));
        }

        // ---- words ----

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
                if (!recognisable || parts.Any(p => p.Length == 0))
                {
                    output.Add(token);
                    continue;
                }
                for (var i = 0; i < parts.Length; i++)
                {
                    output.Add(new Token { Text = parts[i], Bracket = token.Bracket, Before = i == 0 ? token.Before : '-', AfterInnerDash = i > 0 });
                }
            }
            _t = output;
        }

        private static bool IsKnownWhole(string word)
        {
            if (word.Length == 0) return false;
            if (Vocabulary.Words.TryGetValue(word, out var info)
                && (info.Source is not null || info.VideoCodec is not null || info.AudioCodec is not null || info.Other || info.NotGroup
                    || info.Subtitle is not null || (info.Language is not null && word.Length >= 3 && IsShouting(word))))
                return true;
            if (char.IsAsciiDigit(word[0]))
                return ResolutionOf(word) is not null || IsEpisodeMarker(word) || IsYear(word) || DateOf(word) is not null || IsRange(word);
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
                var w = token.Text;
                var next = i + 1 < _t.Count ? _t[i + 1] : null;
                var info = Vocabulary.Words.GetValueOrDefault(w);
                var digit = char.IsAsciiDigit(w[0]);

                if (IsVersion(w))
                {
                    Set(token, Tag.Ignored);
                    continue;
                }
                // S01E02, S01E01E02, S01E01-02, S01E01+02, s08e014, S2014E18, S01 (season pack)
                var season = 0;
                List<int>? episodes = null;
                if (w[0] is 's' or 'S' && SeasonEpisode(w, out season, out episodes))
                {
                    Set(token, Tag.Episode);
                    Season ??= season;
                    AddEpisodes(episodes);
                    if (episodes.Count == 0) SeasonPack = true;
                    continue;
                }
                // 1x03, 2x05, 1x02x03x04, 1xAll (but 1280x720 is a frame size)
                if (digit && ResolutionOf(w) is null && CrossEpisode(w, out season, out episodes))
                {
                    Set(token, Tag.Episode);
                    Season ??= season;
                    AddEpisodes(episodes);
                    continue;
                }
                // "[Shark-Raws] Series Title #957": a numbered broadcast
                if (w.Length is > 1 and <= 5 && w[0] == '#' && Digits(w.AsSpan(1), out var hashed))
                {
                    Set(token, Tag.Episode);
                    AddEpisodes([hashed]);
                    continue;
                }
                // "S6.E1-E2-E3", "Title? E11-E12": a list of episodes without its season
                if (w[0] is 'e' or 'E' && w.Length > 3 && EpisodeList(w) is { } listed)
                {
                    Set(token, Tag.Episode);
                    AddEpisodes(listed);
                    continue;
                }
                // E05, E623, Ep06, x02 (after s03)
                // "s03-x02": an x-number right after a season-only marker
                var lone = 0;
                if ((w[0] is 'e' or 'E' && LoneEpisode(w, out lone))
                    || (w.Length is > 1 and <= 4 && (w[0] is 'x' or 'X') && i > 0 && _t[i - 1].Tag == Tag.Episode && SeasonPack && Episodes.Count == 0 && Digits(w.AsSpan(1), out lone)))
                {
                    Set(token, Tag.Episode);
                    AddEpisodes([lone]);
                    // "S42 Ep10718 - Ep10722": two markers across a dash are a range
                    if (i + 2 < _t.Count && next!.Tag == Tag.Dash && LoneEpisode(_t[i + 2].Text, out var to) && to > lone && to - lone <= 200)
                    {
                        for (var e = lone + 1; e <= to; e++) AddEpisodes([e]);
                        Set(_t[i + 2], Tag.Episode);
                        i += 2;
                        continue;
                    }
                    // Queen.of.Tears.E05.240316: a Korean broadcast rip's air date follows the episode.
                    if (next is not null && next.Text.Length == 6 && YyMmDd(next.Text) is { } aired)
                    {
                        Set(next, Tag.Date);
                        AirDate = aired;
                        i++;
                    }
                    continue;
                }
                // 5회, 110화, 12話: Korean and Japanese episode and chapter counters
                if (w[^1] is '회' or '화' or '話' or '集' && KoreanCounter(w, out var counted, out var chapter))
                {
                    Set(token, Tag.Episode);
                    AddEpisodes([counted]);
                    if (chapter) Chapter = true; else KoreanEpisode = true;
                    continue;
                }
                // Season 2, Saison 1, Temporada 1, Season.3of5, Seasons 4, Temporada1, 시즌2
                int? glued = null;
                if ((info?.SeasonWord == true || (!digit && char.IsAsciiDigit(w[^1]))) && SeasonWord(w, out glued))
                {
                    if (glued is { } g)
                    {
                        Set(token, Tag.Season);
                        Season ??= g;
                        continue;
                    }
                    if (next is not null && SeasonNumber(next.Text, out var n))
                    {
                        // "Series 24 S01E05", "Series 2021 S04": the English word is a title when a number above a season's or a marker follows
                        if (!(w.Equals("series", StringComparison.OrdinalIgnoreCase) && (n > 50 || i == 0 || MarkerAfter(i + 2))))
                        {
                            Set(token, Tag.Season);
                            Set(next, Tag.Season);
                            Season ??= n;
                            i++;
                            // "Season 1 & 3", "Seasons 1 to 5": further seasons are not this one's number.
                            continue;
                        }
                    }
                }
                // Episode 366v2, Ep 6, épisode 5, Cap.105, Cap.112_114
                if (info?.EpisodeWord == true && next is not null)
                {
                    if (w.Equals("cap", StringComparison.OrdinalIgnoreCase) && next.Text.Length is 3 or 4 && Digits(next.Text.AsSpan(), out var cap))
                    {
                        Set(token, Tag.Episode);
                        Set(next, Tag.Episode);
                        Season ??= cap / 100;
                        AddEpisodes([cap % 100]);
                        if (i + 2 < _t.Count && _t[i + 2].Text.Length == 3 && Digits(_t[i + 2].Text.AsSpan(), out var capTo) && capTo / 100 == cap / 100 && capTo > cap)
                        {
                            Set(_t[i + 2], Tag.Episode);
                            for (var e = cap % 100 + 1; e <= capTo % 100; e++) AddEpisodes([e]);
                            i++;
                        }
                        i++;
                        continue;
                    }
                    if (NumberWithVersion(next.Text, out var episodeNumber) || RangeOf(next.Text) is not null)
                    {
                        Set(token, Tag.Episode);
                        Set(next, Tag.Episode);
                        if (Episodes.Count > 0 && Season is not null) Absolute.Add(episodeNumber);
                        else if (RangeOf(next.Text) is { } range) AddEpisodes(range);
                        else AddEpisodes([episodeNumber]);
                        i++;
                        if (i + 1 < _t.Count && IsVersion(_t[i + 1].Text)) Set(_t[++i], Tag.Ignored);
                        continue;
                    }
                }
                // Chapter 110, Ch.110, Ch 12-13 (webtoons)
                if (info?.ChapterWord == true && next is not null && Episodes.Count == 0 && Season is null
                    && (NumberWithVersion(next.Text, out var chapterNumber) || RangeOf(next.Text) is not null))
                {
                    Set(token, Tag.Episode);
                    Set(next, Tag.Episode);
                    if (RangeOf(next.Text) is { } range) AddEpisodes(range); else AddEpisodes([chapterNumber]);
                    Chapter = true;
                    i++;
                    continue;
                }
                // Part 1, Pt.2
                if ((w.Equals("part", StringComparison.OrdinalIgnoreCase) || w.Equals("pt", StringComparison.OrdinalIgnoreCase)) && next is not null
                    && (Digits(next.Text.AsSpan(), out _) || IsRoman(next.Text)) && i > 0)
                {
                    Set(token, Tag.Part);
                    Set(next, Tag.Part);
                    i++;
                    continue;
                }
                // 2014.10.31, 15.12.22 (dates across dots)
                if (digit && next is not null && i + 2 < _t.Count && w.Length is 2 or 4 && next.Text.Length == 2 && _t[i + 2].Text.Length is 2 or 4
                    && DottedDate(w, next.Text, _t[i + 2].Text) is { } dotted)
                {
                    Set(token, Tag.Date); Set(next, Tag.Date); Set(_t[i + 2], Tag.Date);
                    AirDate ??= dotted;
                    i += 2;
                    continue;
                }
                // 2016-07-08, 03-29-2012, 20021107
                if (digit && DateOf(w) is { } date)
                {
                    Set(token, Tag.Date);
                    AirDate ??= date;
                    continue;
                }
                // A.Late.Talk.Show.140722.720p: a daily show's six-digit air date after the title
                if (digit && w.Length == 6 && i > 0 && token.Bracket == 0 && next is not null && _t[i - 1].Tag == Tag.None && YyMmDd(w) is { } shortDate)
                {
                    Set(token, Tag.Date);
                    AirDate ??= shortDate;
                    continue;
                }
                // "Show 60.Bölüm", "Show 69. Blm": a Turkish episode number before its word
                if (digit && w.Length <= 4 && next is not null && Vocabulary.EpisodeWordsAfter.Contains(next.Text) && Digits(w.AsSpan(), out var before))
                {
                    Set(token, Tag.Episode);
                    Set(next, Tag.Episode);
                    AddEpisodes([before]);
                    i++;
                    continue;
                }
                if (digit && IsYear(w))
                {
                    Set(token, Tag.Year);
                    // Eyes.Of.Dawn.1991.E01: a year right before a lone episode number is the season
                    if (next is not null && LoneEpisode(next.Text, out _) && Season is null) Season = int.Parse(w, CultureInfo.InvariantCulture);
                    continue;
                }
                // 313-314, 13-16, 493-498: a range of episode numbers (not in brackets, which hold absolute numbers)
                if (digit && token.Bracket == 0 && RangeOf(w) is { } absoluteRange && _t.Any(t => IsEpisodeMarker(t.Text)))
                {
                    Set(token, Tag.Episode);
                    Absolute.AddRange(absoluteRange);
                    continue;
                }
                if (digit && token.Bracket == 0 && RangeOf(w) is { } numbers && Season is null)
                {
                    Set(token, Tag.Episode);
                    AddEpisodes(numbers);
                    while (i + 2 < _t.Count && _t[i + 1].Text == "&" && RangeOf(_t[i + 2].Text) is { } more)
                    {
                        Set(_t[i + 1], Tag.Episode);
                        Set(_t[i + 2], Tag.Episode);
                        AddEpisodes(more);
                        i += 2;
                    }
                    if (i + 1 < _t.Count && _t[i + 1].Bracket != 0 && RangeOf(_t[i + 1].Text) is { } absolute)
                    {
                        Set(_t[i + 1], Tag.Episode);
                        Absolute.AddRange(absolute);
                        i++;
                    }
                    continue;
                }
                // S07D1: season 7, disc 1
                if (w.Length >= 4 && w[0] is 's' or 'S' && w.IndexOfAny(['d', 'D']) is var d and > 1 && Digits(w.AsSpan(1, d - 1), out var discSeason) && Digits(w.AsSpan(d + 1), out _))
                {
                    Set(token, Tag.Season);
                    Season ??= discSeason;
                    continue;
                }
                if ((digit || w.Length == 2) && ResolutionOf(w) is { } resolution)
                {
                    Set(token, Tag.Resolution);
                    Resolution ??= resolution;
                    continue;
                }
                // H.264, H 265 (spaced P2P names), x.264
                if (w is "H" or "h" or "x" or "X" && next is not null && next.Before is '.' or ' ' && next.Text is "264" or "265")
                {
                    Set(token, Tag.VideoCodec); Set(next, Tag.VideoCodec);
                    VideoCodec ??= next.Text == "264" ? "H.264" : "H.265";
                    i++;
                    continue;
                }
                // DD5.1, AAC2.0, DDP5.1 across a dot
                if (next is not null && next.Before == '.' && next.Text.Length == 1 && char.IsAsciiDigit(next.Text[0])
                    && w.Length > 1 && char.IsAsciiDigit(w[^1]) && Vocabulary.AudioCodecs.TryGetValue(w + "." + next.Text, out var channelled))
                {
                    Set(token, Tag.AudioCodec); Set(next, Tag.AudioCodec);
                    AudioCodec ??= channelled;
                    i++;
                    continue;
                }
                // 5.1, 7.1, 2.0 (channels)
                if (w.Length == 1 && char.IsAsciiDigit(w[0]) && next is not null && next.Before == '.' && next.Text.Length == 1 && next.Text[0] is '0' or '1')
                {
                    Set(token, Tag.Channels); Set(next, Tag.Channels);
                    i++;
                    continue;
                }
                // Director's Cut, Director.Cut, Special Edition, Version Longue
                if (next is not null && Edition2(w, next.Text) is { } edition)
                {
                    Set(token, Tag.Edition); Set(next, Tag.Edition);
                    Edition ??= edition;
                    i++;
                    continue;
                }
                // Eng Sub, sub.FR, Eng.Soft.Subtitles
                if (info?.SubtitleMarker == true)
                {
                    Set(token, Tag.Subtitle, weak: !IsShouting(w));
                    if (next is not null && Vocabulary.Languages.TryGetValue(next.Text, out var after) && after != "mul")
                    {
                        Set(next, Tag.Subtitle);
                        AddDistinct(Subtitles, after);
                        i++;
                    }
                    else if (i > 0 && _t[i - 1].Tag is Tag.Language or Tag.None or Tag.Other && Vocabulary.Languages.TryGetValue(_t[i - 1].Text, out var beforeLanguage))
                    {
                        Set(_t[i - 1], Tag.Subtitle);
                        Languages.Remove(beforeLanguage);
                        AddDistinct(Subtitles, beforeLanguage);
                    }
                    else if (i > 1 && _t[i - 1].Tag == Tag.Other && Vocabulary.Languages.TryGetValue(_t[i - 2].Text, out var twoBefore))
                    {
                        Set(_t[i - 2], Tag.Subtitle);
                        Languages.Remove(twoBefore);
                        AddDistinct(Subtitles, twoBefore);
                    }
                    continue;
                }
                if (info?.Subtitle is { } subtitle)
                {
                    Set(token, Tag.Subtitle);
                    AddDistinct(Subtitles, subtitle);
                    continue;
                }
                if (WebsiteAt(i) is { } site)
                {
                    Website ??= site.Name;
                    for (var k = i; k < i + site.Count; k++) Set(_t[k], Tag.Website);
                    i += site.Count - 1;
                    continue;
                }
                if (info?.Source is { } source)
                {
                    var weak = w.Length <= 3 && !IsShouting(w) || w.Equals("web", StringComparison.OrdinalIgnoreCase) && !IsShouting(w) && i < 2;
                    Set(token, Tag.Source, weak);
                    if (!weak || Source is null) Source = Combine(Source, source, w);
                    continue;
                }
                if (w.Length > 6 && CompoundSourceCodec(w) is { } compound)
                {
                    Set(token, Tag.Source);
                    Source ??= compound.Source;
                    VideoCodec ??= compound.Codec;
                    continue;
                }
                if (info?.VideoCodec is { } codec)
                {
                    Set(token, Tag.VideoCodec);
                    VideoCodec ??= codec;
                    continue;
                }
                if ((info?.AudioCodec ?? (char.IsAsciiDigit(w[^1]) ? AudioWithChannels(w) : null)) is { } audio)
                {
                    Set(token, Tag.AudioCodec, weak: w.Length <= 3 && !IsShouting(w) && w is not "aac" and not "ac3" and not "dts");
                    AudioCodec ??= audio;
                    continue;
                }
                if (info?.Service is { } service)
                {
                    var weak = !IsShouting(w) || w.Length <= 2 && !NearWeb(i);
                    Set(token, Tag.Service, weak);
                    if (!weak) Service ??= service;
                    continue;
                }
                if (info?.Language is { } language)
                {
                    var weak = !IsShouting(w) || w.Length <= 2;
                    Set(token, Tag.Language, weak);
                    AddDistinct(Languages, language);
                    continue;
                }
                if (info?.Edition is { } edition1 && !w.Equals("dc", StringComparison.OrdinalIgnoreCase) && !w.Equals("cc", StringComparison.OrdinalIgnoreCase)
                    && !w.Equals("director", StringComparison.OrdinalIgnoreCase) && !w.Equals("special", StringComparison.OrdinalIgnoreCase))
                {
                    Set(token, Tag.Edition, weak: !IsShouting(w));
                    if (IsShouting(w)) Edition ??= edition1;
                    continue;
                }
                if (info?.Other == true)
                {
                    Set(token, Tag.Other, weak: (!IsShouting(w) && !w.Any(char.IsAsciiDigit)) || w.Equals("3d", StringComparison.OrdinalIgnoreCase));
                    if (w.Equals("proper", StringComparison.OrdinalIgnoreCase)) Proper = true;
                    if (w.Equals("repack", StringComparison.OrdinalIgnoreCase) || w.Equals("rerip", StringComparison.OrdinalIgnoreCase)) Repack = true;
                    continue;
                }
                if (w.Length == 8 && token.Bracket != 0 && IsCrc(w))
                {
                    Set(token, Tag.Crc);
                    continue;
                }
                if (w.Length > 2 && w[^1] is 'B' or 'b' && IsSize(w))
                {
                    Set(token, Tag.Size);
                    continue;
                }
                if (w is "US" or "UK" or "AU" or "NZ" or "CA" && (token.Bracket != 0 || (next is not null && next.Tag == Tag.None && IsEpisodeMarker(next.Text))))
                {
                    Set(token, Tag.Country);
                }
            }
        }

        private bool MarkerAfter(int from)
        {
            for (var k = from; k < _t.Count; k++)
            {
                if (IsEpisodeMarker(_t[k].Text)) return true;
            }
            return false;
        }

        private bool NearWeb(int i)
        {
            for (var k = Math.Max(0, i - 2); k < Math.Min(_t.Count, i + 3); k++)
            {
                if (k != i && Vocabulary.Sources.TryGetValue(_t[k].Text, out var s) && s == "Web") return true;
            }
            return false;
        }

        private void Set(Token token, Tag tag, bool weak = false)
        {
            token.Tag = tag;
            token.Weak = weak;
            if (!weak && tag is Tag.Resolution or Tag.Source or Tag.VideoCodec or Tag.AudioCodec or Tag.Episode or Tag.Season) TechCount++;
        }

        private void AddEpisodes(IEnumerable<int> episodes)
        {
            foreach (var e in episodes)
            {
                if (!Episodes.Contains(e)) Episodes.Add(e);
            }
        }

        private static void AddDistinct(List<string> list, string value)
        {
            if (!list.Contains(value)) list.Add(value);
        }

        /// <summary>UHD + BluRay is Ultra HD Blu-ray; HD + DVD is HD-DVD.</summary>
        private string Combine(string? current, string found, string word)
        {
            if (found == "Blu-ray" && _t.Any(t => t.Text.Equals("uhd", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("4k", StringComparison.OrdinalIgnoreCase))) return "Ultra HD Blu-ray";
            if (found == "DVD" && _t.Any(t => t.Text.Equals("hd", StringComparison.OrdinalIgnoreCase))
                && _t.FindIndex(t => t.Text.Equals("hd", StringComparison.OrdinalIgnoreCase)) == _t.FindIndex(t => t.Text == word) - 1) return "HD-DVD";
            return current ?? found;
        }

        // ---- title ----

        private void FindTitle()
        {
            var n = _t.Count;
            var start = 0;
            // A leading [Group] or [site.com]
            while (start < n && _t[start].Bracket != 0 && (start == 0 || _t[start].Bracket == _t[start - 1].Bracket || _t[start - 1].Tag == Tag.Dash))
            {
                var b = _t[start].Bracket;
                if (start == 0 && Group is null && _brackets.TryGetValue(b, out var content) && IsGroupBracket(b))
                {
                    Group = content.Trim();
                    foreach (var t in _t.Where(t => t.Bracket == b)) t.Tag = t.Tag == Tag.None ? Tag.Ignored : t.Tag;
                }
                while (start < n && _t[start].Bracket == b) start++;
                while (start < n && _t[start].Tag == Tag.Dash) start++;
            }
            while (start < n && _t[start].Tag is Tag.Dash or Tag.Website or Tag.Ignored or Tag.Crc) start++;

            // "01 - Ep Name", "003. Show Name - Ep Name", "[DeadFish] 01 - Tari Tari": a leading episode number
            if (start + 1 < n && _t[start].Tag == Tag.None && _t[start].Text.Length <= 3 && Digits(_t[start].Text.AsSpan(), out var leading)
                && (_t[start + 1].Tag == Tag.Dash || (_t[start].Text.Length == 3 && _t[start].Text[0] == '0' && _t[start + 1].Before == ' '))
                && !NumberTitleBeforeEpisode(start))
            {
                Set(_t[start], Tag.Episode);
                AddEpisodes([leading]);
                start++;
                while (start < n && _t[start].Tag == Tag.Dash) start++;
            }
            // "003-004. Show Name - Ep Name": a leading range of episodes
            if (start + 1 < n && _t[start].Tag == Tag.Episode && RangeOf(_t[start].Text) is not null && (_t[start + 1].Tag == Tag.Dash || _t[start + 1].Before == ' '))
            {
                start++;
                while (start < n && _t[start].Tag == Tag.Dash) start++;
            }
            // "2009.shoot.fruit.chan": a leading year with the title after it
            if (start + 1 < n && _t[start].Tag == Tag.Year && _t[start + 1].Tag == Tag.None && !_t.Skip(start + 1).Any(t => t.Tag == Tag.Year))
            {
                Year ??= int.Parse(_t[start].Text, CultureInfo.InvariantCulture);
                start++;
            }

            // "Fr - Paris 2054, Renaissance": a language before the dash is not the title
            if (start + 2 < n && _t[start].Tag == Tag.Language && _t[start + 1].Tag == Tag.Dash) start += 2;
            // "blow-how.to.be.single.2016…": a lower-case scene file name starts with its group
            if (start < n && _t[start].Tag == Tag.None && Text == Text.ToLowerInvariant() && !Text.Contains(' ') && _t[start].Text.IndexOf('-') is > 1 and <= 6 && Group is null
                && _t.Count(t => t.Before == '.') >= 3)
            {
                var word = _t[start].Text;
                var dash = word.IndexOf('-');
                if (word[..dash].All(char.IsAsciiLetterOrDigit) && word.Length > dash + 1)
                {
                    Group = word[..dash];
                    _t[start].Text = word[(dash + 1)..];
                }
            }

            var end = start;
            while (end < n && !EndsTitle(end, start)) end++;
            // "Paris 2054, Renaissance (2005)", "Blade Runner 2049 2017": a year followed by more title and another year is title.
            while (end < n && _t[end].Tag == Tag.Year && _t[end].Bracket == 0 && end > start && LaterYear(end) is { } later
                   && _t.Skip(end + 1).Take(later - end - 1).All(t => t.Tag == Tag.None || t.Weak))
            {
                _t[end].Tag = Tag.None;
                end++;
                while (end < n && !EndsTitle(end, start)) end++;
            }
            // A year at the end of the title area is the year
            var yearIndex = -1;
            for (var k = end; k < n; k++)
            {
                if (_t[k].Tag == Tag.Year) { yearIndex = k; break; }
            }
            if (yearIndex >= 0 && Year is null) Year = int.Parse(_t[yearIndex].Text, CultureInfo.InvariantCulture);
            if (Year is null && Season is >= 1900 and <= 2100) Year = Season;

            // "Artist - Album (2020) [FLAC]": music has an artist before the dash
            if (end < n && _t[end].Tag == Tag.Dash && end > start && IsMusic())
            {
                Artist = Join(start, end);
                var albumStart = end + 1;
                var albumEnd = albumStart;
                while (albumEnd < n && !EndsTitle(albumEnd, albumStart)) albumEnd++;
                if (albumEnd > albumStart)
                {
                    start = albumStart;
                    end = albumEnd;
                }
            }

            // Country codes right before the marker belong to the title's edge, not to it; "Show Name The Complete Seasons 1 to 5"
            while (end > start && _t[end - 1].Tag == Tag.Country) end--;
            if (end < n && end - start >= 2 && _t[end].Text.Equals("complete", StringComparison.OrdinalIgnoreCase) && _t[end - 1].Text.Equals("the", StringComparison.OrdinalIgnoreCase)) end--;
            _titleStart = start;
            _titleEnd = end;
            if (end > start) Title = Join(start, end);
            else if (Artist is not null) { Title = Artist; Artist = null; }
        }

        /// <summary>"[BakeSubs] 86 - 01 [1080p]": a number before the dash is the title when the episode number follows it.</summary>
        private bool NumberTitleBeforeEpisode(int start) =>
            start + 2 < _t.Count && _t[start + 1].Tag == Tag.Dash && _t[start + 2].Tag == Tag.None && _t[start + 2].Text.Length <= 4
            && NumberWithVersion(_t[start + 2].Text, out _) && (start + 3 >= _t.Count || _t[start + 3].Bracket != 0);

        private int? LaterYear(int from)
        {
            for (var k = from + 1; k < _t.Count; k++)
            {
                if (_t[k].Tag == Tag.Year) return k;
                if (_t[k].Tag is not (Tag.None or Tag.Dash) && !_t[k].Weak) return null;
            }
            return null;
        }

        private bool EndsTitle(int i, int start)
        {
            var t = _t[i];
            if (i == start) return t.Tag is not Tag.None && !t.Weak && t.Tag != Tag.Year && t.Tag != Tag.Dash && t.Tag != Tag.Country;
            if (t.Tag == Tag.Dash) return true;
            if (t.Bracket != 0 && (i == 0 || _t[i - 1].Bracket != t.Bracket)) return true;
            if (t.Tag == Tag.None) return false;
            if (t.Tag == Tag.Country) return false;
            if (t.Weak) return WeakEndsTitle(i);
            return true;
        }

        /// <summary>
        /// A Title-case tag word ends the title only when technical words follow it: "Fight Club French 1080p"
        /// and "Show Name The Complete Seasons 1 to 5" end there, "Immersion French 2011" and "Test Real S02E01" do not.
        /// </summary>
        private bool WeakEndsTitle(int i)
        {
            if (_t[i].Text.Equals("complete", StringComparison.OrdinalIgnoreCase) && i + 1 < _t.Count && _t[i + 1].Tag is Tag.Season or Tag.Episode) return true;
            // "Pacific.Rim.3D.2013"
            if (_t[i].Text.Equals("3d", StringComparison.OrdinalIgnoreCase) && i + 1 < _t.Count && _t[i + 1].Tag == Tag.Year) return true;
            for (var k = i + 1; k < _t.Count; k++)
            {
                var t = _t[k];
                if (t.Tag is Tag.None or Tag.Year or Tag.Episode or Tag.Season or Tag.Dash or Tag.Date or Tag.Part) return false;
                if (t.Weak) continue;
                return true;
            }
            return false;
        }

        private bool IsMusic() =>
            Container is not null && Vocabulary.AudioOnlyContainers.Contains(Container)
            || (AudioCodec is "FLAC" or "MP3" or "ALAC" && VideoCodec is null && Resolution is null && Source is null && Episodes.Count == 0)
            || _t.Any(t => t.Text.Equals("discography", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("album", StringComparison.OrdinalIgnoreCase)
                           || t.Text.EndsWith("kbps", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("OST", StringComparison.OrdinalIgnoreCase));

        private string? Join(int start, int end)
        {
            var sb = new StringBuilder();
            for (var k = start; k < end; k++)
            {
                var t = _t[k];
                if (t.Tag == Tag.Dash) continue;
                // S.H.I.E.L.D., S.W.A.T.: single letters between dots are an acronym
                if (IsLetter(t.Text) && t.Before == '.' && k > start && IsLetter(_t[k - 1].Text) && sb.Length > 0 && sb[^1] == '.')
                {
                    sb.Append(t.Text).Append('.');
                    continue;
                }
                if (IsLetter(t.Text) && k + 1 < end && _t[k + 1].Before == '.' && IsLetter(_t[k + 1].Text) && Text.Contains('.') && AcronymAhead(k, end))
                {
                    if (sb.Length > 0) sb.Append(' ');
                    sb.Append(t.Text).Append('.');
                    continue;
                }
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(t.Text);
            }
            var title = sb.ToString().Trim(' ', ',', ';', ':', '-', '+', '&', '|');
            return title.Length == 0 ? null : title;
        }

        private bool AcronymAhead(int k, int end)
        {
            var count = 0;
            while (k < end && IsLetter(_t[k].Text)) { count++; k++; }
            return count >= 2 && (k >= _t.Count || _t[k].Before == '.');
        }

        private static bool IsLetter(string s) => s.Length == 1 && char.IsLetter(s[0]);

        private bool IsGroupBracket(int bracket)
        {
            var tokens = _t.Where(t => t.Bracket == bracket).ToList();
            if (tokens.Count == 0) return false;
            if (tokens.Any(t => t.Tag is Tag.Website or Tag.Resolution or Tag.Source or Tag.VideoCodec or Tag.Episode or Tag.Year or Tag.Crc)) return false;
            var content = _brackets[bracket].Trim();
            return content.Length is > 0 and <= 40 && !Vocabulary.Broadcasters.Contains(content);
        }

        // ---- anime episodes and groups ----

        /// <summary>"Show - 04", "One Piece 603", "Bleach - 313-314", "Show Name 13-16": numbers after the title.</summary>
        private void FindAnimeEpisode()
        {
            if (Episodes.Count > 0 || SeasonPack && Season is not null && _t.Any(t => t.Tag == Tag.Episode && t.Text.Length > 3)) return;
            var dotted = !Text.Contains(' ') && Text.Contains('.');
            var afterSeason = false;
            for (var k = _titleEnd; k < _t.Count; k++)
            {
                var t = _t[k];
                if (t.Tag == Tag.Dash || t.Tag == Tag.Country) continue;
                // "[SubsPlease] Title S2 - 03", "Title (Season 2) - 33", "Title S2 [05]": a season alone, then its episode
                if (t.Tag is Tag.Episode or Tag.Season && Episodes.Count == 0 && Season is not null && k + 1 < _t.Count)
                {
                    afterSeason = true;
                    continue;
                }
                if (t.Tag != Tag.None && t.Tag != Tag.Year) break;
                // "Garo - Vanishing Line - 01": words between dashes are a subtitle; the number after the last dash is the episode
                if (t.Tag == Tag.None && !NumberWithVersion(t.Text, out _) && _t.Skip(k + 1).TakeWhile(x => x.Tag is Tag.None).Count() is var run
                    && k + 1 + run < _t.Count && _t[k + 1 + run].Tag == Tag.Dash && _t[k - 1].Tag == Tag.Dash)
                {
                    k += run;
                    continue;
                }
                if (t.Tag == Tag.Year && Year is not null) continue;
                if (RangeOf(t.Text) is { } range && t.Bracket == 0)
                {
                    Set(t, Tag.Episode);
                    AddEpisodes(range);
                    // "16-20_(191-195)": absolute numbers in brackets after the range
                    if (k + 1 < _t.Count && _t[k + 1].Bracket != 0 && RangeOf(_t[k + 1].Text) is { } absolute)
                    {
                        Set(_t[k + 1], Tag.Episode);
                        Absolute.AddRange(absolute);
                    }
                    // "493-498.&.500-507"
                    while (k + 2 < _t.Count && _t[k + 1].Text == "&" && RangeOf(_t[k + 2].Text) is { } more)
                    {
                        Set(_t[k + 2], Tag.Episode);
                        AddEpisodes(more);
                        k += 2;
                    }
                    return;
                }
                if (NumberWithVersion(t.Text, out var number) && (t.Bracket == 0 || afterSeason) && t.Text.Length <= 4)
                {
                    if (dotted && number >= 100 && number % 100 != 0 && t.Text.Length >= 3 && Season is null && !(t.Text.Length == 4 && IsYear(t.Text)))
                    {
                        // new.girl.117.hdtv: a scene name's three or four digits are season and episode
                        Season = number / 100;
                        AddEpisodes([number % 100]);
                    }
                    else
                    {
                        AddEpisodes([number]);
                    }
                    Set(t, Tag.Episode);
                    if (k + 1 < _t.Count && IsVersion(_t[k + 1].Text)) Set(_t[k + 1], Tag.Ignored);
                    if (k + 1 < _t.Count && _t[k + 1].Bracket != 0 && Digits(_t[k + 1].Text.AsSpan(), out var abs) && _t[k + 1].Text.Length <= 4)
                    {
                        Set(_t[k + 1], Tag.Episode);
                        // "Duckman - 101 (01)": season and episode, with the episode repeated in brackets
                        if (number >= 100 && number % 100 == abs && Season is null)
                        {
                            Season = number / 100;
                            Episodes.Clear();
                            Episodes.Add(abs);
                        }
                        else Absolute.Add(abs);
                    }
                    return;
                }
                if (t.Tag == Tag.None) break;
            }
            // The title itself may end in the episode number: "Test 12", "[FlexGet] Test 12", "Happiness.Charge.Precure.27.[1280x720]"
            if (_titleEnd - _titleStart >= 2)
            {
                var last = _t[_titleEnd - 1];
                var atEnd = _titleEnd >= _t.Count;
                var next = atEnd ? null : _t[_titleEnd];
                // "[Figmentos] Monster 34 - At the End of Darkness": a fansub's number before the episode title's dash
                var beforeEpisodeTitle = next is { Tag: Tag.Dash } && Group is not null && _t[0].Bracket != 0
                    && (_titleEnd + 1 >= _t.Count || !NumberWithVersion(_t[_titleEnd + 1].Text, out _));
                var followedByTech = atEnd ? Group is not null
                    : beforeEpisodeTitle || next!.Bracket != 0 || (next.Tag is not (Tag.None or Tag.Year or Tag.Dash or Tag.Part) && !next.Weak);
                // "Mobile Series 00 S1", "Series Five 0 S01": a number right before the season marker belongs to the title
                var beforeMarker = next is { Tag: Tag.Episode or Tag.Season } && Season is not null && Episodes.Count == 0;
                if (followedByTech && !beforeMarker && last.Bracket == 0 && NumberWithVersion(last.Text, out var n2) && last.Text.Length <= 4 && !IsYear(last.Text)
                    && !(Season is not null && Year is not null) && !(last.Text.Length == 1 && !atEnd && _t[_titleEnd].Tag == Tag.Year))
                {
                    if (dotted && n2 >= 100 && n2 % 100 != 0 && last.Text.Length >= 3 && Season is null)
                    {
                        Season = n2 / 100;
                        // "Series.Title.103.104": two compact numbers of one season are a multi-episode release
                        var before = _t[_titleEnd - 2];
                        if (_titleEnd - 2 > _titleStart && before.Text.Length == last.Text.Length && Digits(before.Text.AsSpan(), out var first)
                            && first / 100 == Season && first < n2)
                        {
                            AddEpisodes([first % 100]);
                            Set(before, Tag.Episode);
                            _titleEnd--;
                        }
                        AddEpisodes([n2 % 100]);
                    }
                    else if (Season is null || Episodes.Count == 0)
                    {
                        AddEpisodes([n2]);
                    }
                    Set(last, Tag.Episode);
                    _titleEnd--;
                    Title = Join(_titleStart, _titleEnd);
                }
            }
        }

        private void FindGroup()
        {
            // A scene group at the end wins over a leading [bracket]: "[SGKK] Bleach 312v1 [720p]-Group", "[阿维达].Avida…-PROD".
            var trailing = TrailingGroup();
            if (trailing is not null && (Group is null || _t.Any(t => t.AfterInnerDash && t.Text == trailing) || _t.LastOrDefault(t => t.Text == trailing)?.Bracket == 0))
                Group = trailing;
        }

        private string? TrailingGroup()
        {
            if (BracketAfterDash() is { } bracketed) return bracketed;
            // From the end: skip tracker tags, repost tags, CRCs, site names, subtitles notes and dashes.
            var k = _t.Count - 1;
            while (k >= 0 && (_t[k].Tag is Tag.Crc or Tag.Website or Tag.Size or Tag.Ignored or Tag.Dash or Tag.Date
                              || (_t[k].Tag == Tag.Subtitle && !_t[k].AfterInnerDash)
                              || ((Vocabulary.NotGroups.Contains(_t[k].Text) || _t[k].Text.StartsWith("rakuv", StringComparison.OrdinalIgnoreCase)) && (_t[k].Bracket != 0 || IsRepostSuffix(k) || (!_t[k].AfterInnerDash && !IsShouting(_t[k].Text))))
                              || (_t[k].Bracket != 0 && _t[k].Tag != Tag.None)
                              || IsSiteTagAfterGroup(k)))
            {
                k--;
            }
            if (k < 0 || k < _titleEnd) return null;
            var candidate = _t[k];
            if (candidate.Tag == Tag.Dash || _t[k].Tag == Tag.Episode) return null;
            // x264-GROUP, hdtv-lol, x264-0SEC-pia, X264-HiS@SiLUHD-English
            if (candidate.AfterInnerDash && candidate.Bracket == 0 && candidate.Tag is Tag.Language && k > 0 && _t[k - 1].AfterInnerDash && _t[k - 1].Tag == Tag.None)
            {
                k--;
                candidate = _t[k];
            }
            // A language is never a group ("…H264-FRENCH"); other short tags only when written like a name.
            if (candidate.AfterInnerDash && candidate.Bracket == 0 && candidate.Tag is Tag.None or Tag.Other or Tag.Service)
            {
                if (candidate.Tag == Tag.None || !IsShouting(candidate.Text) || candidate.Text.Length > 4) return DashedGroupEndingAt(k);
            }
            if (candidate.Tag != Tag.None || Digits(candidate.Text.AsSpan(), out _)) return null;
            var previous = k > 0 ? _t[k - 1] : null;
            if (previous is null) return null;
            // "(1080p AMZN WEB-DL x265 LION)": the last word of a technical bracket; "….WEBRIP.[MPup]": a bracket of its own after technical words
            if (candidate.Bracket != 0)
            {
                var last = k + 1 >= _t.Count || _t[k + 1].Bracket != candidate.Bracket;
                if (!last) return null;
                // "…x265-TheSickle[TAoE])": a tag glued to a dashed name is the group that name belongs to
                if (candidate.Glued && previous.AfterInnerDash && previous.Tag == Tag.None) return candidate.Text;
                var alone = previous.Bracket != candidate.Bracket;
                if (alone)
                {
                    // "(… AAC 5.1 Someone) [Vyndros]": a bracket after a technical bracket
                    if (previous.Bracket != 0 && TechnicalBracket(previous.Bracket) && IsWordLike(candidate.Text)) return candidate.Text;
                    return previous.Tag is not Tag.None and not Tag.Dash && !previous.Weak && TechCount > 0 && k > _titleEnd ? candidate.Text : null;
                }
                // "(1080p BluRay x265 10bit - NTb)": a dash before the last word of a technical bracket
                if (previous.Tag == Tag.Dash && k >= 2 && _t[k - 2].Bracket == candidate.Bracket && _t[k - 2].Tag is not Tag.None and not Tag.Dash && TechCount > 0) return candidate.Text;
                return previous.Tag is not Tag.None and not Tag.Dash && TechCount > 0 ? candidate.Text : null;
            }
            // "…WEB-DLRip.by.Seven"
            if (previous.Text.Equals("by", StringComparison.OrdinalIgnoreCase) && k >= 2 && _t[k - 2].Tag != Tag.None) return candidate.Text;
            // "… DVDRip XviD - Exclusive", "… x264 AC3 - IMMERSE - [2011-09-19]", "… subs -DDR"
            if (previous.Tag == Tag.Dash && k >= 2 && _t[k - 2].Tag is not Tag.None and not Tag.Dash and not Tag.Episode and not Tag.Year && TechCount > 0) return candidate.Text;
            // "… x264 Group", "… 720p.YIFY", "….Eng.HDCLUB"
            if (previous.Tag is Tag.Source or Tag.VideoCodec or Tag.AudioCodec or Tag.Resolution or Tag.Channels or Tag.Language or Tag.Other or Tag.Subtitle or Tag.Edition
                && TechCount > 0 && candidate.Text.Length >= 2 && (!previous.Weak || TechCount > 1)) return candidate.Text;
            return null;
        }

        /// <summary>"x264-[YTS.AG]", "x264.-[YTS.LT]": a bracket after the dash that ends the technical words is the group.</summary>
        private string? BracketAfterDash()
        {
            var last = _t.Count - 1;
            if (last < 2 || _t[last].Bracket == 0) return null;
            var first = last;
            while (first > 0 && _t[first - 1].Bracket == _t[last].Bracket) first--;
            if (first < 2 || _t[first - 1].Tag != Tag.Dash || _t[first - 2].Tag is Tag.None or Tag.Dash || _t[first - 2].Weak) return null;
            var content = _brackets.GetValueOrDefault(_t[last].Bracket)?.Trim();
            return content is { Length: > 0 and <= 20 } && !content.Contains(' ') && !Vocabulary.NotGroups.Contains(content) ? content : null;
        }

        /// <summary>"x264-NTb-AlternativeToRequested": a reposter's suffix after the group; alone ("x264-RARBG") it is the group.</summary>
        private bool IsRepostSuffix(int k) => _t[k].AfterInnerDash && k > 0 && _t[k - 1].AfterInnerDash && _t[k - 1].Bracket == 0;

        /// <summary>"x264-SPARKS [SiteHD]": a bracketed word after a dashed group is a site's tag, not the group.</summary>
        private bool IsSiteTagAfterGroup(int k) =>
            k > 0 && _t[k].Bracket != 0 && !_t[k].Glued && _t[k - 1].Bracket == 0 && _t[k - 1].AfterInnerDash && _t[k - 1].Tag == Tag.None
            && (k + 1 >= _t.Count || _t[k + 1].Bracket != _t[k].Bracket);

        /// <summary>"HEVC-Group-Name", "x264-0SEC-pia": the parts after the technical word, joined again.</summary>
        private string DashedGroupEndingAt(int k)
        {
            var first = k;
            while (first > 0 && _t[first - 1].AfterInnerDash && _t[first - 1].Bracket == 0 && _t[first - 1].Tag == Tag.None) first--;
            if (first == k) return _t[k].Text;
            var sb = new StringBuilder(_t[first].Text);
            for (var m = first + 1; m <= k; m++) sb.Append('-').Append(_t[m].Text);
            return sb.ToString();
        }

        private bool TechnicalBracket(int bracket)
        {
            var tech = 0;
            foreach (var t in _t)
            {
                if (t.Bracket == bracket && !t.Weak && t.Tag is Tag.Resolution or Tag.Source or Tag.VideoCodec or Tag.AudioCodec) tech++;
            }
            return tech >= 2;
        }

        private static bool IsWordLike(string s) => s.Length >= 2 && s.Any(char.IsLetter);

        private bool LooksObfuscated()
        {
            var letters = Text.Where(char.IsLetterOrDigit).ToArray();
            if (letters.Length == 0) return true;
            if (Text.Length >= 16 && !Text.Contains(' ') && !Text.Contains('.') && !Text.Contains('_')) return true;
            if (Text.Length <= 12 && Text.Contains('-') && !Text.Contains(' ')) return true;
            if (Text.All(c => char.IsAsciiDigit(c) || c is '_' or '-' or '.')) return true;
            return false;
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
            var replaceTitle = Title is null || Obfuscated || abbreviated;
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

        // ---- web sites ----

        private (string Name, int Count)? WebsiteAt(int i)
        {
            var t = _t[i];
            // [tvu.org.ru], [www.site.com]: the whole bracket
            if (t.Bracket != 0 && (i == 0 || _t[i - 1].Bracket != t.Bracket) && _brackets.TryGetValue(t.Bracket, out var content))
            {
                var inner = content.Trim().Trim('.');
                if (IsDomain(inner))
                {
                    var count = _t.Skip(i).TakeWhile(x => x.Bracket == t.Bracket).Count();
                    return (inner, count);
                }
            }
            // www.site.com, par-www.divx-overnet.com: words joined by dots ending in a top-level domain
            if (t.Bracket == 0 && (t.Text.Equals("www", StringComparison.OrdinalIgnoreCase) || t.Text.EndsWith("-www", StringComparison.OrdinalIgnoreCase)))
            {
                var k = i + 1;
                while (k < _t.Count && _t[k].Before is '.' or '-' && !Vocabulary.TopLevelDomains.Contains(_t[k].Text)) k++;
                if (k < _t.Count && _t[k].Before == '.' && Vocabulary.TopLevelDomains.Contains(_t[k].Text) && k - i <= 5)
                {
                    var sb = new StringBuilder(_t[i].Text);
                    for (var m = i + 1; m <= k; m++) sb.Append(_t[m].Before).Append(_t[m].Text);
                    var name = sb.ToString();
                    var dash = name.IndexOf("www", StringComparison.OrdinalIgnoreCase);
                    return (name[dash..], k - i + 1);
                }
            }
            return null;
        }

        private static bool IsDomain(string s)
        {
            var dot = s.LastIndexOf('.');
            if (dot <= 0 || s.Contains(' ')) return false;
            return Vocabulary.TopLevelDomains.Contains(s[(dot + 1)..]) && s[..dot].All(c => char.IsLetterOrDigit(c) || c is '.' or '-');
        }
    }

    // ---- small patterns, each with an example ----

    /// <summary>S01E02, S01E01E02, S01E01-02, S01E01-E02, S01E01+02, S2014E18, s08e014, S01 (whole season).</summary>
    internal static bool SeasonEpisode(string w, out int season, out List<int> episodes)
    {
        season = 0;
        episodes = [];
        if (w.Length < 2 || (w[0] is not ('s' or 'S'))) return false;
        var i = 1;
        if (!ReadNumber(w, ref i, 4, out season)) return false;
        if (i == w.Length) return w.Length <= 3 || (w.Length == 5 && season >= 1900);
        if (w[i] is not ('e' or 'E')) return false;
        var last = -1;
        while (i < w.Length)
        {
            var range = false;
            if (w[i] is '-' or '~')
            {
                range = true;
                i++;
                if (i < w.Length && w[i] is 'e' or 'E') i++;
            }
            else if (w[i] is '+' or '&')
            {
                i++;
                if (i < w.Length && w[i] is 'e' or 'E') i++;
            }
            else if (w[i] is 'e' or 'E')
            {
                i++;
            }
            else return episodes.Count > 0 && IsVersion(w[i..]);
            if (!ReadNumber(w, ref i, 4, out var e)) return false;
            if (range && last >= 0 && e > last && e - last <= 200)
            {
                for (var k = last + 1; k <= e; k++) episodes.Add(k);
            }
            else episodes.Add(e);
            last = e;
        }
        return episodes.Count > 0;
    }

    /// <summary>1x03, 12x05, 1x02x03x04, 1xAll.</summary>
    internal static bool CrossEpisode(string w, out int season, out List<int> episodes)
    {
        season = 0;
        episodes = [];
        var i = 0;
        if (!ReadNumber(w, ref i, 4, out season) || i == 0 || i == 3 || i >= w.Length || w[i] is not ('x' or 'X')) return false;
        if (i == 4 && !IsYearNumber(season)) return false;
        if (w.AsSpan(i + 1).Equals("all", StringComparison.OrdinalIgnoreCase)) return true;
        while (i < w.Length && w[i] is 'x' or 'X' or '-')
        {
            // "1x01-x03", "2x9-2x10": a dash is a range, and may repeat the season or the x
            var range = w[i] == '-';
            i++;
            if (range)
            {
                var j = i;
                if (ReadNumber(w, ref j, 4, out var again) && j < w.Length && w[j] is 'x' or 'X' && again == season) i = j;
                if (i < w.Length && w[i] is 'x' or 'X') i++;
            }
            if (!ReadNumber(w, ref i, 3, out var e)) return false;
            if (range && episodes.Count > 0 && e > episodes[^1] && e - episodes[^1] <= 200)
            {
                for (var k = episodes[^1] + 1; k <= e; k++) episodes.Add(k);
            }
            else episodes.Add(e);
        }
        return i == w.Length && episodes.Count > 0;
    }

    /// <summary>E01E02, E11-E12, E1-E2-E3: episodes in one word with no season (read as S0 and its list).</summary>
    private static List<int>? EpisodeList(string w)
    {
        var second = w.IndexOfAny(['e', 'E', '-', '+'], 1);
        if (second < 0 || !char.IsAsciiDigit(w[1])) return null;
        return SeasonEpisode("S0" + w, out _, out var episodes) && episodes.Count > 1 ? episodes : null;
    }

    /// <summary>E05, e623, Ep06, EP.6 is two words; 366v2 is a version.</summary>
    private static bool LoneEpisode(string w, out int episode)
    {
        episode = 0;
        var i = 0;
        if (w.Length >= 2 && w[0] is 'e' or 'E')
        {
            i = 1;
            if (w.Length >= 3 && w[1] is 'p' or 'P') i = 2;
        }
        else return false;
        return ReadNumber(w, ref i, 5, out episode) && (i == w.Length || IsVersion(w[i..]));
    }

    /// <summary>5회, 110화, 12話, 第5話, 제5화.</summary>
    private static bool KoreanCounter(string w, out int number, out bool chapter)
    {
        number = 0;
        chapter = false;
        if (w.Length < 2) return false;
        var last = w[^1];
        if (last is not ('회' or '화' or '話' or '集')) return false;
        var digits = w[..^1].TrimStart('第', '제');
        if (!Digits(digits.AsSpan(), out number)) return false;
        chapter = last == '화';
        return true;
    }

    /// <summary>Season, Saison, Temporada, 시즌 — alone or glued to the number (Temporada1, 시즌2).</summary>
    private static bool SeasonWord(string w, out int? glued)
    {
        glued = null;
        if (Vocabulary.SeasonWords.Contains(w)) return true;
        var digitsAt = w.Length;
        while (digitsAt > 0 && char.IsAsciiDigit(w[digitsAt - 1])) digitsAt--;
        if (digitsAt == w.Length || digitsAt == 0) return false;
        if (!Vocabulary.SeasonWords.Contains(w[..digitsAt])) return false;
        glued = int.Parse(w.AsSpan(digitsAt), CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>"2", "02", "3of5".</summary>
    private static bool SeasonNumber(string w, out int season)
    {
        var i = 0;
        if (!ReadNumber(w, ref i, 4, out season)) return false;
        return i == w.Length || w.AsSpan(i).StartsWith("of", StringComparison.OrdinalIgnoreCase) || w[i] == '&';
    }

    private static bool IsRoman(string w) => w.Length is > 0 and <= 4 && w.All(c => c is 'I' or 'V' or 'X');

    private static bool NumberWithVersion(string w, out int number)
    {
        var i = 0;
        if (!ReadNumber(w, ref i, 4, out number)) return false;
        return i == w.Length || IsVersion(w[i..]);
    }

    private static bool IsVersion(string w) => w.Length == 2 && w[0] is 'v' or 'V' && char.IsAsciiDigit(w[1]);

    /// <summary>"313-314", "13-16", "16-20" (at most 500 apart).</summary>
    internal static List<int>? RangeOf(string w) =>
        RangeBounds(w) is var (from, to) ? Enumerable.Range(from, to - from + 1).ToList() : null;

    private static bool IsRange(string w) => RangeBounds(w) is not null;

    private static (int From, int To)? RangeBounds(string w)
    {
        var dash = w.IndexOf('-');
        if (dash <= 0 || dash == w.Length - 1 || dash > 4 || w.Length - dash - 1 > 4) return null;
        if (!Digits(w.AsSpan(0, dash), out var from) || !Digits(w.AsSpan(dash + 1), out var to)) return null;
        if (to <= from || to - from > 500) return null;
        if (IsYearNumber(from) && IsYearNumber(to)) return null;
        return (from, to);
    }

    private static bool IsYear(string w) => w.Length == 4 && Digits(w.AsSpan(), out var y) && IsYearNumber(y);

    private static bool IsYearNumber(int y) => y is >= 1900 and <= 2099;

    /// <summary>720p, 1080i, 1080p24, 2160P, 4K, 1280x720, 1280*720, 720x432.</summary>
    internal static string? ResolutionOf(string w)
    {
        if (w.Equals("4k", StringComparison.OrdinalIgnoreCase)) return "2160p";
        if (w.Length < 3) return null;
        var i = 0;
        if (!ReadNumber(w, ref i, 4, out var a) || i < 3) return null;
        if (i < w.Length && w[i] is 'p' or 'P' or 'i' or 'I')
        {
            var scan = w[i] is 'i' or 'I' ? 'i' : 'p';
            var rest = w.AsSpan(i + 1);
            if (rest.Length == 0 || (rest.Length <= 3 && Digits(rest, out _)) || rest.Equals("hd", StringComparison.OrdinalIgnoreCase))
                return a is >= 240 and <= 4320 ? a.ToString(CultureInfo.InvariantCulture) + scan : null;
            return null;
        }
        if (i < w.Length && w[i] is 'x' or 'X' or '*' or '×')
        {
            i++;
            var j = i;
            if (!ReadNumber(w, ref j, 4, out var b) || j != w.Length || j - i < 3) return null;
            if (a < 160 || b < 120) return null;
            // Standard frame sizes read as the usual name; others stay as written.
            var standard = b is 360 or 480 or 540 or 576 or 720 or 1080 or 1440 or 2160 or 4320
                           && (Math.Abs(a * 9 - b * 16) <= 16 * 8 || Math.Abs(a * 3 - b * 4) <= 4 * 8);
            return standard ? b.ToString(CultureInfo.InvariantCulture) + "p" : $"{a}x{b}";
        }
        return null;
    }

    /// <summary>2016-07-08, 03-29-2012, 20021107, 2012-11-23.</summary>
    internal static DateOnly? DateOf(string w)
    {
        if (w.Length == 8 && Digits(w.AsSpan(), out _))
        {
            return Date(Int(w, 0, 4), Int(w, 4, 2), Int(w, 6, 2));
        }
        if (w.Length == 10 && w[4] == '-' && w[7] == '-') return Date(Int(w, 0, 4), Int(w, 5, 2), Int(w, 8, 2));
        if (w.Length == 10 && w[2] == '-' && w[5] == '-')
        {
            var year = Int(w, 6, 4);
            return Int(w, 0, 2) > 12 ? Date(year, Int(w, 3, 2), Int(w, 0, 2)) : Date(year, Int(w, 0, 2), Int(w, 3, 2));
        }
        return null;
    }

    /// <summary>240316: the Korean broadcast date (YYMMDD) after an episode number.</summary>
    private static DateOnly? YyMmDd(string w) =>
        Digits(w.AsSpan(), out _) ? Date(2000 + Int(w, 0, 2), Int(w, 2, 2), Int(w, 4, 2)) : null;

    /// <summary>2014.10.31, 15.12.22 (YY.MM.DD), 31.10.2014.</summary>
    private static DateOnly? DottedDate(string a, string b, string c)
    {
        if (!Digits(a.AsSpan(), out var x) || !Digits(b.AsSpan(), out var y) || !Digits(c.AsSpan(), out var z)) return null;
        if (a.Length == 4 && c.Length == 2) return y > 12 ? Date(x, z, y) : Date(x, y, z);
        if (a.Length == 2 && c.Length == 4) return x > 12 ? Date(z, y, x) : Date(z, x, y);
        if (a.Length == 2 && c.Length == 2) return Date(2000 + x, y, z);
        return null;
    }

    private static DateOnly? Date(int year, int month, int day)
    {
        if (year is < 1920 or > 2099 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }

    private static int Int(string s, int start, int length) =>
        Digits(s.AsSpan(start, length), out var n) ? n : -1;

    private static bool IsCrc(string w) => w.Length == 8 && w.All(char.IsAsciiHexDigit) && w.Any(char.IsAsciiDigit) && w.Any(char.IsAsciiLetter);

    private static bool IsSize(string w) =>
        (w.EndsWith("GB", StringComparison.OrdinalIgnoreCase) || w.EndsWith("MB", StringComparison.OrdinalIgnoreCase))
        && w.Length > 2 && w[..^2].All(c => char.IsAsciiDigit(c) || c is '.' or ',');

    /// <summary>PDTVx264, HDTVx264: a source glued to a codec.</summary>
    private static (string Source, string Codec)? CompoundSourceCodec(string w)
    {
        foreach (var codec in (ReadOnlySpan<string>)["x264", "h264", "x265", "xvid"])
        {
            if (w.Length > codec.Length + 2 && w.EndsWith(codec, StringComparison.OrdinalIgnoreCase)
                && Vocabulary.Sources.TryGetValue(w[..^codec.Length], out var source))
                return (source, Vocabulary.VideoCodecs[codec]);
        }
        return null;
    }

    /// <summary>AAC2.0, DD5.1 written as one word; DTS-HD.MA is handled by the vocabulary.</summary>
    private static string? AudioWithChannels(string w)
    {
        var i = w.Length;
        while (i > 0 && (char.IsAsciiDigit(w[i - 1]) || w[i - 1] == '.')) i--;
        if (i == w.Length || i == 0) return null;
        return Vocabulary.AudioCodecs.TryGetValue(w[..i], out var codec) ? codec : null;
    }

    /// <summary>Director's Cut, Directors.Cut, Special Edition, Version Longue, Final Cut, Extended Edition.</summary>
    private static string? Edition2(string a, string b)
    {
        static bool Is(string s, string v) => s.Equals(v, StringComparison.OrdinalIgnoreCase);
        if (Is(b, "cut") && (Is(a, "director") || Is(a, "directors") || Is(a, "director's"))) return "Director's Cut";
        if (Is(b, "cut") && Is(a, "final")) return "Final Cut";
        if (Is(b, "cut") && Is(a, "extended")) return "Extended";
        if (Is(b, "edition") && Vocabulary.Editions.TryGetValue(a, out var e)) return e;
        if (Is(a, "version") && Is(b, "longue")) return "Extended";
        if (Is(a, "edition") && Vocabulary.Editions.TryGetValue(b, out var e2)) return e2;
        return null;
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
