using System.Globalization;
using System.Text;

namespace Isop.Recognition.ReleaseNames;

/// <summary>The title: where it starts and ends, years and countries at its edge, acronyms, music artists.</summary>
public static partial class ReleaseNameParser
{
    private sealed partial class Parsed
    {
        // "(US)", "Series.UK.S01E01": a country code right before the marker or in brackets
        private int CountryCode(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            if (w is "US" or "UK" or "AU" or "NZ" or "CA" && (token.Bracket != 0 || (next is not null && next.Tag == Tag.None && IsEpisodeMarker(next.Text))))
            {
                Set(token, Tag.Country);
            }
            return 0;
        }

        private void FindTitle()
        {
            var n = _t.Count;
            var start = 0;
            // A leading [Group] or [site.com]
            while (start < n && _t[start].Bracket != 0 && (start == 0 || _t[start].Bracket == _t[start - 1].Bracket || _t[start - 1].Tag == Tag.Dash || CoGroupBracket(start)))
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
            // "2009.shoot.fruit.chan": a leading year with the title after it; a daily show's air date says it is the name ("2020.A.Talk.Show.2012.13.02")
            if (start + 1 < n && _t[start].Tag == Tag.Year && _t[start + 1].Tag == Tag.None && !_t.Skip(start + 1).Any(t => t.Tag == Tag.Year) && AirDate is null)
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

        /// <summary>"[Jumonji-Giri]_[F-B]_Series_Title_Ep04": a second group bracket (a joint release) right after the first, before the title.</summary>
        private bool CoGroupBracket(int at)
        {
            var b = _t[at].Bracket;
            if (_t[at - 1].Bracket == 0 || !_brackets.TryGetValue(b, out var content) || content.Length > 12 || content.Contains(' ') || !IsGroupBracket(b)) return false;
            var after = at;
            while (after < _t.Count && _t[after].Bracket == b) after++;
            return after < _t.Count && _t[after].Bracket == 0 && _t[after].Tag == Tag.None;
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
                // "Show;Title 0", "300-nen": punctuation glued between two words of the title stays (a dash inside a word, a ; or ,)
                if (sb.Length > 0 && k > start && t.Before == ',') sb.Append(", ");
                else if (sb.Length > 0 && k > start) sb.Append(t.AfterInnerDash ? '-' : t.Before == ';' ? ';' : ' ');
                else if (sb.Length > 0) sb.Append(' ');
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
    }
}
