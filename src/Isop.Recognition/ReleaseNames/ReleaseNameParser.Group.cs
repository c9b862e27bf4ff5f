using System.Text;

namespace Isop.Recognition.ReleaseNames;

/// <summary>The release group: a leading bracket or the end of the name, past repost suffixes and site tags.</summary>
public static partial class ReleaseNameParser
{
    private sealed partial class Parsed
    {
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
                              || Vocabulary.NeverGroups.Contains(_t[k].Text)
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
            // "… - Season 2 - [Bluray-720p]": Sonarr's own file names end in a quality tag, which is no group
            if (content is not null && content.Split('-').All(IsKnownWhole)) return null;
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
            while (first > 0 && _t[first - 1].AfterInnerDash && _t[first - 1].Bracket == 0 && _t[first - 1].Tag == Tag.None
                   && !(first > 1 && Vocabulary.Words.ContainsKey(_t[first - 2].Text + "-" + _t[first - 1].Text))) first--;
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
    }
}
