using System.Globalization;

namespace Isop.Recognition.ReleaseNames;

/// <summary>Episode numbering: season and episode markers, counters, ranges, compact numbers, air dates and years.</summary>
public static partial class ReleaseNameParser
{
    private sealed partial class Parsed
    {
        // "366v2", "07v2": a fansub's version number is not part of anything
        private int VersionSuffix(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            if (IsVersion(w))
            {
                Set(token, Tag.Ignored);
                return i - at + 1;
            }
            return 0;
        }

        // S01E02, S01E01E02, S01E01-02, S01E01+02, s08e014, S2014E18, S01 (season pack)
        private int SeasonEpisodeMarker(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var season = 0;
            List<int>? episodes = null;
            if (w[0] is 's' or 'S' && SeasonEpisode(w, out season, out episodes))
            {
                Set(token, Tag.Episode);
                Season ??= season;
                AddEpisodes(episodes);
                if (episodes.Count == 0) SeasonPack = true;
                return i - at + 1 + (episodes.Count > 0 ? UnderscoredNextEpisode(i) : 0);
            }
            return 0;
        }

        /// <summary>"8x01_02", "S01E01_02": the next episode after an underscore, glued to the marker.</summary>
        private int UnderscoredNextEpisode(int i)
        {
            if (i + 1 >= _t.Count || Episodes.Count == 0) return 0;
            var next = _t[i + 1];
            if (next.Before != '_' || next.Tag != Tag.None || next.Text.Length is < 2 or > 3 || !Digits(next.Text.AsSpan(), out var e) || e != Episodes[^1] + 1) return 0;
            Set(next, Tag.Episode);
            AddEpisodes([e]);
            return 1;
        }

        // "Series S 01 720p WEB DL": a season marker spaced from its number
        private int SpacedSeasonMarker(int at)
        {
            var token = _t[at];
            if (token.Text.Length != 1 || at == 0 || at + 1 >= _t.Count || token.Before != ' ') return 0;
            var next = _t[at + 1];
            if (next.Before != ' ' || next.Text.Length != 2 || !Digits(next.Text.AsSpan(), out var season)) return 0;
            Set(token, Tag.Episode);
            Set(next, Tag.Episode);
            Season ??= season;
            SeasonPack = true;
            return 2;
        }

        // 1x03, 2x05, 1x02x03x04, 1xAll (but 1280x720 is a frame size)
        private int CrossMarker(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var digit = char.IsAsciiDigit(w[0]);
            if (digit && ResolutionOf(w) is null && CrossEpisode(w, out var season, out var episodes))
            {
                Set(token, Tag.Episode);
                Season ??= season;
                AddEpisodes(episodes);
                return i - at + 1 + UnderscoredNextEpisode(i);
            }
            return 0;
        }

        // "[Shark-Raws] Series Title #957": a numbered broadcast
        private int HashNumber(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            if (w.Length is > 1 and <= 5 && w[0] == '#' && Digits(w.AsSpan(1), out var hashed))
            {
                Set(token, Tag.Episode);
                AddEpisodes([hashed]);
                return i - at + 1;
            }
            return 0;
        }

        // "S6.E1-E2-E3", "Title? E11-E12": a list of episodes without its season
        private int EpisodeListWithoutSeason(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            if (w[0] is 'e' or 'E' && w.Length > 3 && EpisodeList(w) is { } listed)
            {
                Set(token, Tag.Episode);
                AddEpisodes(listed);
                return i - at + 1;
            }
            return 0;
        }

        // E05, E623, Ep06, x02 (after s03); "s03-x02": an x-number right after a season-only marker
        private int LoneEpisodeMarker(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
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
                    return i - at + 1;
                }
                // Queen.of.Tears.E05.240316: a Korean broadcast rip's air date follows the episode.
                if (next is not null && next.Text.Length == 6 && YyMmDd(next.Text) is { } aired)
                {
                    Set(next, Tag.Date);
                    AirDate = aired;
                    i++;
                }
                return i - at + 1;
            }
            return 0;
        }

        // 5회, 110화, 12話: Korean and Japanese episode and chapter counters
        private int CounterWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            if (w[^1] is '회' or '화' or '話' or '集' && KoreanCounter(w, out var counted, out var chapter))
            {
                Set(token, Tag.Episode);
                AddEpisodes([counted]);
                if (chapter) Chapter = true; else KoreanEpisode = true;
                return i - at + 1;
            }
            return 0;
        }

        // Season 2, Saison 1, Temporada 1, Season.3of5, Seasons 4, Temporada1, 시즌2
        private int SeasonWordAndNumber(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            var info = _info;
            var digit = char.IsAsciiDigit(w[0]);
            int? glued = null;
            if ((info?.SeasonWord == true || (!digit && char.IsAsciiDigit(w[^1]))) && SeasonWord(w, out glued))
            {
                if (glued is { } g)
                {
                    Set(token, Tag.Season);
                    Season ??= g;
                    return i - at + 1;
                }
                if (next is not null && SeasonNumber(next.Text, out var n))
                {
                    // "Series 24 S01E05", "Series 2021 S04": the English word is a title when a number above a season's or a marker follows
                    if (!(w.Equals("series", StringComparison.OrdinalIgnoreCase) && (n > 50 || i == 0 || MarkerAfter(i + 2)))
                        && !(w.Equals("se", StringComparison.OrdinalIgnoreCase) && n > 50))
                    {
                        Set(token, Tag.Season);
                        Set(next, Tag.Season);
                        Season ??= n;
                        i++;
                        // "Season 1 & 3", "Seasons 1 to 5": further seasons are not this one's number.
                        return i - at + 1;
                    }
                }
            }
            return 0;
        }

        // Episode 366v2, Ep 6, épisode 5, Cap.105, Cap.112_114
        private int EpisodeWordAndNumber(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            var info = _info;
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
                    return i - at + 1;
                }
                if (NumberWithVersion(next.Text, out var episodeNumber) || RangeOf(next.Text) is not null || NumberList(next.Text) is not null)
                {
                    Set(token, Tag.Episode);
                    Set(next, Tag.Episode);
                    if (Episodes.Count > 0 && Season is not null) Absolute.Add(episodeNumber);
                    else if (RangeOf(next.Text) is { } range) AddEpisodes(range);
                    else if (NumberList(next.Text) is { } list) AddEpisodes(list);
                    else AddEpisodes([episodeNumber]);
                    i++;
                    if (i + 1 < _t.Count && IsVersion(_t[i + 1].Text)) Set(_t[++i], Tag.Ignored);
                    // "afl.3 en 4", "Episode 5 & 6", "épisode 1 et 2": one more episode after a conjunction
                    if (i + 2 < _t.Count && Vocabulary.EpisodeConjunctions.Contains(_t[i + 1].Text) && _t[i + 2].Text.Length <= 4
                        && Digits(_t[i + 2].Text.AsSpan(), out var also) && Episodes.Count > 0 && also > Episodes[^1] && also - Episodes[^1] <= 2)
                    {
                        Set(_t[i + 1], Tag.Episode);
                        Set(_t[i + 2], Tag.Episode);
                        AddEpisodes([also]);
                        i += 2;
                    }
                    return i - at + 1;
                }
            }
            return 0;
        }

        // Chapter 110, Ch.110, Ch 12-13 (webtoons)
        private int ChapterWordAndNumber(int at)
        {
            var i = at;
            var token = _t[i];
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            var info = _info;
            if (info?.ChapterWord == true && next is not null && Episodes.Count == 0 && Season is null
                && (NumberWithVersion(next.Text, out var chapterNumber) || RangeOf(next.Text) is not null))
            {
                Set(token, Tag.Episode);
                Set(next, Tag.Episode);
                if (RangeOf(next.Text) is { } range) AddEpisodes(range); else AddEpisodes([chapterNumber]);
                Chapter = true;
                i++;
                return i - at + 1;
            }
            return 0;
        }

        // Part 1, Pt.2
        private int PartWordAndNumber(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            if ((w.Equals("part", StringComparison.OrdinalIgnoreCase) || w.Equals("pt", StringComparison.OrdinalIgnoreCase)) && next is not null
                && (Digits(next.Text.AsSpan(), out _) || IsRoman(next.Text)) && i > 0)
            {
                Set(token, Tag.Part);
                Set(next, Tag.Part);
                i++;
                return i - at + 1;
            }
            return 0;
        }

        // 2014.10.31, 15.12.22 (dates across dots)
        private int DottedAirDate(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            var digit = char.IsAsciiDigit(w[0]);
            if (digit && next is not null && i + 2 < _t.Count && w.Length is 2 or 4 && next.Text.Length == 2 && _t[i + 2].Text.Length is 2 or 4
                && DottedDate(w, next.Text, _t[i + 2].Text) is { } dotted)
            {
                Set(token, Tag.Date); Set(next, Tag.Date); Set(_t[i + 2], Tag.Date);
                AirDate ??= dotted;
                i += 2;
                return i - at + 1;
            }
            return 0;
        }

        // 2016-07-08, 03-29-2012, 20021107
        private int AirDateWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var digit = char.IsAsciiDigit(w[0]);
            if (digit && DateOf(w) is { } date)
            {
                Set(token, Tag.Date);
                AirDate ??= date;
                return i - at + 1;
            }
            return 0;
        }

        // A.Late.Talk.Show.140722.720p: a daily show's six-digit air date after the title
        private int ShortAirDate(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            var digit = char.IsAsciiDigit(w[0]);
            if (digit && w.Length == 6 && i > 0 && token.Bracket == 0 && next is not null && _t[i - 1].Tag == Tag.None && YyMmDd(w) is { } shortDate)
            {
                Set(token, Tag.Date);
                AirDate ??= shortDate;
                return i - at + 1;
            }
            return 0;
        }

        // "Show 60.Bölüm", "Show 69. Blm": a Turkish episode number before its word
        private int NumberBeforeEpisodeWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            var digit = char.IsAsciiDigit(w[0]);
            if (digit && w.Length <= 4 && next is not null && Vocabulary.EpisodeWordsAfter.Contains(next.Text) && Digits(w.AsSpan(), out var before))
            {
                Set(token, Tag.Episode);
                Set(next, Tag.Episode);
                AddEpisodes([before]);
                i++;
                return i - at + 1;
            }
            return 0;
        }

        // "Series.10708.hdtv-lol": a scene name's five digits are a season and two consecutive episodes (S01E07E08)
        private int CompactEpisodePair(int at)
        {
            var token = _t[at];
            var w = token.Text;
            if (w.Length != 5 || at == 0 || token.Before != '.' || token.Bracket != 0 || Season is not null || Episodes.Count > 0 || !Digits(w.AsSpan(), out _)) return 0;
            var season = w[0] - '0';
            var first = Int(w, 1, 2);
            var second = Int(w, 3, 2);
            if (season == 0 || first == 0 || second != first + 1) return 0;
            Set(token, Tag.Episode);
            Season = season;
            AddEpisodes([first, second]);
            return 1;
        }

        // "Drama.2019.E05", "Eyes.Of.Dawn.1991.E01": a year (before a lone episode number, the season)
        private int YearWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            var digit = char.IsAsciiDigit(w[0]);
            if (digit && IsYear(w))
            {
                Set(token, Tag.Year);
                // Eyes.Of.Dawn.1991.E01: a year right before a lone episode number is the season
                if (next is not null && LoneEpisode(next.Text, out _) && Season is null) Season = int.Parse(w, CultureInfo.InvariantCulture);
                return i - at + 1;
            }
            return 0;
        }

        // 313-314, 13-16, 493-498: a range of episode numbers (not in brackets, which hold absolute numbers)
        private int AbsoluteRange(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var digit = char.IsAsciiDigit(w[0]);
            if (digit && token.Bracket == 0 && RangeOf(w) is { } absoluteRange && _t.Any(t => IsEpisodeMarker(t.Text)))
            {
                Set(token, Tag.Episode);
                Absolute.AddRange(absoluteRange);
                return i - at + 1;
            }
            return 0;
        }

        // "Show Name 13-16", "493-498.&.500-507": a range of episodes when no season is known
        private int EpisodeRange(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var digit = char.IsAsciiDigit(w[0]);
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
                return i - at + 1;
            }
            return 0;
        }

        // S07D1: season 7, disc 1
        private int SeasonDisc(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            if (w.Length >= 4 && w[0] is 's' or 'S' && w.IndexOfAny(['d', 'D']) is var d and > 1 && Digits(w.AsSpan(1, d - 1), out var discSeason) && Digits(w.AsSpan(d + 1), out _))
            {
                Set(token, Tag.Season);
                Season ??= discSeason;
                return i - at + 1;
            }
            return 0;
        }

        /// <summary>"Show - 04", "One Piece 603", "Bleach - 313-314", "Show Name 13-16": numbers after the title.</summary>
        private void FindAnimeEpisode()
        {
            if (Episodes.Count > 0 || SeasonPack && Season is not null && _t.Any(t => t.Tag == Tag.Episode && t.Text.Length > 3)) return;
            if (PaddedNumberInFansubTitle()) return;
            WordBracketInTitle();
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
                // "Garo - Vanishing Line - 01", "Title - 100 Years Quest - 01": words between dashes are a subtitle; the number after the last dash is the episode
                if (t.Tag == Tag.None && (!NumberWithVersion(t.Text, out _) || (k + 1 < _t.Count && _t[k + 1].Tag == Tag.None && !NumberWithVersion(_t[k + 1].Text, out _))) && _t.Skip(k + 1).TakeWhile(x => x.Tag is Tag.None).Count() is var run
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
                if (NumberWithVersion(t.Text, out var number) && (t.Bracket == 0 || afterSeason || NumberBracketAfterTitle(k)) && t.Text.Length <= 4)
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

        /// <summary>
        /// "[SubsPlease] Title S2 - 03", "Title S3 - EP14", "Title S2 [05]", "Title S21 999": a season alone followed by an
        /// absolute-style episode number names the season as part of the anime's title (as AniDB and Sonarr name it); the season is kept too.
        /// </summary>
        private void KeepAnimeSeasonInTitle()
        {
            var k = _titleEnd;
            if (Season is null || Episodes.Count == 0 || Title is null || k >= _t.Count) return;
            var marker = _t[k];
            if (marker.Bracket != 0 || marker.Tag != Tag.Episode || marker.Text.Length > 3 || !SeasonEpisode(marker.Text, out _, out var none) || none.Count > 0) return;
            var e = k + 1;
            var dashed = false;
            while (e < _t.Count && _t[e].Tag == Tag.Dash) { dashed = true; e++; }
            if (e >= _t.Count || _t[e].Tag != Tag.Episode || IsEpisodeMarker(_t[e].Text)) return;
            // "Pokémon S16 - E29": a scene-style E-number is the season's episode
            var w = _t[e].Text;
            if (w.Length > 1 && w[0] is 'e' or 'E' && char.IsAsciiDigit(w[1])) return;
            if (!dashed && !Digits(w.AsSpan(), out _)) return;
            _titleEnd = k + 1;
            Title = Join(_titleStart, _titleEnd);
        }

        /// <summary>"[BakedFish] Some Show [Anime] - 01 [720p]": a bracket of plain words between the title and the dash before the episode is the title's.</summary>
        private void WordBracketInTitle()
        {
            var k = _titleEnd;
            if (k == _titleStart || k >= _t.Count || _t[k].Bracket == 0) return;
            var b = _t[k].Bracket;
            var end = k;
            while (end < _t.Count && _t[end].Bracket == b)
            {
                if (_t[end].Tag != Tag.None || !_t[end].Text.Any(char.IsLetter)) return;
                end++;
            }
            if (end + 1 >= _t.Count || _t[end].Tag != Tag.Dash || !NumberWithVersion(_t[end + 1].Text, out _) || _t[end + 1].Bracket != 0) return;
            _titleEnd = end;
            Title = Join(_titleStart, _titleEnd);
        }

        /// <summary>"[ACX]Some Anime Show 01 Role Play [Kosaka] [9C57891E]": in a fansub's name, a zero-padded number inside the title words is the episode, and the episode title follows.</summary>
        private bool PaddedNumberInFansubTitle()
        {
            if (Season is not null || Group is null || _t.Count == 0 || _t[0].Bracket == 0) return false;
            for (var k = _titleStart + 1; k < _titleEnd - 1; k++)
            {
                var w = _t[k].Text;
                if (w.Length is not (2 or 3) || w[0] != '0' || !Digits(w.AsSpan(), out var episode) || episode == 0) continue;
                Set(_t[k], Tag.Episode);
                AddEpisodes([episode]);
                _titleEnd = k;
                Title = Join(_titleStart, _titleEnd);
                return true;
            }
            return false;
        }

        /// <summary>"Series_Title_2_[01]_[AniLibria_TV]", "Series Title (2010) {01} Episode Title": a bracket holding only a number, right after the title and its year.</summary>
        private bool NumberBracketAfterTitle(int k)
        {
            var b = _t[k].Bracket;
            if (b == 0 || (k + 1 < _t.Count && _t[k + 1].Bracket == b) || _t[k - 1].Bracket == b || _t[k].Text.Length > 3) return false;
            for (var j = _titleEnd; j < k; j++)
            {
                if (_t[j].Tag is not (Tag.Year or Tag.Dash)) return false;
            }
            return true;
        }

        private bool MarkerAfter(int from)
        {
            for (var k = from; k < _t.Count; k++)
            {
                if (IsEpisodeMarker(_t[k].Text)) return true;
            }
            return false;
        }

        private void AddEpisodes(IEnumerable<int> episodes)
        {
            foreach (var e in episodes)
            {
                if (!Episodes.Contains(e)) Episodes.Add(e);
            }
        }
    }

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

    /// <summary>"2-3-4": three or more ascending episode numbers joined by dashes.</summary>
    private static List<int>? NumberList(string w)
    {
        if (w.Length > 24 || w.Count(c => c == '-') < 2) return null;
        var list = new List<int>();
        foreach (var part in w.Split('-'))
        {
            if (part.Length is 0 or > 4 || !Digits(part.AsSpan(), out var n) || (list.Count > 0 && n <= list[^1])) return null;
            list.Add(n);
        }
        return list;
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
}
