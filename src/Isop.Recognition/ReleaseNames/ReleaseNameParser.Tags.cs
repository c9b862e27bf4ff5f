using System.Globalization;
using System.Text;

namespace Isop.Recognition.ReleaseNames;

/// <summary>Technical tags: resolution, source, codecs, channels, editions, services, sites, checksums and sizes.</summary>
public static partial class ReleaseNameParser
{
    private sealed partial class Parsed
    {
        // "720p", "1920x1080", "4K": a frame size
        private int ResolutionWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var digit = char.IsAsciiDigit(w[0]);
            if ((digit || w.Length == 2) && ResolutionOf(w) is { } resolution)
            {
                Set(token, Tag.Resolution);
                Resolution ??= resolution;
                return i - at + 1;
            }
            return 0;
        }

        // H.264, H 265 (spaced P2P names), x.264
        private int SpacedCodec(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            if (w is "H" or "h" or "x" or "X" && next is not null && next.Before is '.' or ' ' && next.Text is "264" or "265")
            {
                Set(token, Tag.VideoCodec); Set(next, Tag.VideoCodec);
                VideoCodec ??= next.Text == "264" ? "H.264" : "H.265";
                i++;
                return i - at + 1;
            }
            return 0;
        }

        // DD5.1, AAC2.0, DDP5.1 across a dot
        private int AudioWithDottedChannels(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            if (next is not null && next.Before == '.' && next.Text.Length == 1 && char.IsAsciiDigit(next.Text[0])
                && w.Length > 1 && char.IsAsciiDigit(w[^1]) && Vocabulary.AudioCodecs.TryGetValue(w + "." + next.Text, out var channelled))
            {
                Set(token, Tag.AudioCodec); Set(next, Tag.AudioCodec);
                AudioCodec ??= channelled;
                i++;
                return i - at + 1;
            }
            return 0;
        }

        // 5.1, 7.1, 2.0 (channels)
        private int Channels(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            if (w.Length == 1 && char.IsAsciiDigit(w[0]) && next is not null && next.Before == '.' && next.Text.Length == 1 && next.Text[0] is '0' or '1')
            {
                Set(token, Tag.Channels); Set(next, Tag.Channels);
                i++;
                return i - at + 1;
            }
            return 0;
        }

        // Director's Cut, Director.Cut, Special Edition, Version Longue
        private int TwoWordEdition(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            if (next is not null && Edition2(w, next.Text) is { } edition)
            {
                Set(token, Tag.Edition); Set(next, Tag.Edition);
                Edition ??= edition;
                i++;
                return i - at + 1;
            }
            return 0;
        }

        // "[www.site.com]", "tvu.org.ru": a site's name
        private int WebsiteName(int at)
        {
            var i = at;
            if (WebsiteAt(i) is { } site)
            {
                Website ??= site.Name;
                for (var k = i; k < i + site.Count; k++) Set(_t[k], Tag.Website);
                i += site.Count - 1;
                return i - at + 1;
            }
            return 0;
        }

        // "HDTV", "BluRay", "WEB-DL": where the video comes from
        private int SourceWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var info = _info;
            if (info?.Source is { } source)
            {
                var weak = w.Length <= 3 && !IsShouting(w) || w.Equals("web", StringComparison.OrdinalIgnoreCase) && !IsShouting(w) && i < 2;
                Set(token, Tag.Source, weak);
                if (!weak || Source is null) Source = Combine(Source, source, w);
                return i - at + 1;
            }
            return 0;
        }

        // "DVDRipXviD", "HDTVx264": source and codec glued
        private int SourceAndCodecGlued(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            if (w.Length > 6 && CompoundSourceCodec(w) is { } compound)
            {
                Set(token, Tag.Source);
                Source ??= compound.Source;
                VideoCodec ??= compound.Codec;
                return i - at + 1;
            }
            return 0;
        }

        // "x264", "HEVC", "XviD": the video codec
        private int VideoCodecWord(int at)
        {
            var i = at;
            var token = _t[i];
            var info = _info;
            if (info?.VideoCodec is { } codec)
            {
                Set(token, Tag.VideoCodec);
                VideoCodec ??= codec;
                return i - at + 1;
            }
            return 0;
        }

        // "AAC", "DTS-HD", "DDP5.1": the audio codec
        private int AudioCodecWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var info = _info;
            if ((info?.AudioCodec ?? (char.IsAsciiDigit(w[^1]) ? AudioWithChannels(w) : null)) is { } audio)
            {
                Set(token, Tag.AudioCodec, weak: w.Length <= 3 && !IsShouting(w) && w is not "aac" and not "ac3" and not "dts");
                AudioCodec ??= audio;
                return i - at + 1;
            }
            return 0;
        }

        // "NF", "AMZN", "TVING": the service a web rip comes from
        private int StreamingServiceWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var info = _info;
            if (info?.Service is { } service)
            {
                var weak = !IsShouting(w) || w.Length <= 2 && !NearWeb(i);
                Set(token, Tag.Service, weak);
                if (!weak) Service ??= service;
                return i - at + 1;
            }
            return 0;
        }

        // "EXTENDED", "UNCUT", "REMASTERED": the edition
        private int EditionWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var info = _info;
            if (info?.Edition is { } edition1 && !w.Equals("dc", StringComparison.OrdinalIgnoreCase) && !w.Equals("cc", StringComparison.OrdinalIgnoreCase)
                && !w.Equals("director", StringComparison.OrdinalIgnoreCase) && !w.Equals("special", StringComparison.OrdinalIgnoreCase))
            {
                Set(token, Tag.Edition, weak: !IsShouting(w));
                if (IsShouting(w)) Edition ??= edition1;
                return i - at + 1;
            }
            return 0;
        }

        // "PROPER", "REPACK", "10bit", "HDR": tags that say nothing about the work
        private int OtherTag(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var info = _info;
            if (info?.Other == true)
            {
                Set(token, Tag.Other, weak: (!IsShouting(w) && !w.Any(char.IsAsciiDigit)) || w.Equals("3d", StringComparison.OrdinalIgnoreCase));
                if (w.Equals("proper", StringComparison.OrdinalIgnoreCase)) Proper = true;
                if (w.Equals("repack", StringComparison.OrdinalIgnoreCase) || w.Equals("rerip", StringComparison.OrdinalIgnoreCase)) Repack = true;
                return i - at + 1;
            }
            return 0;
        }

        // "[8853B21C]": a fansub's checksum
        private int CrcTag(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            if (w.Length == 8 && token.Bracket != 0 && IsCrc(w))
            {
                Set(token, Tag.Crc);
                return i - at + 1;
            }
            return 0;
        }

        // "1.4GB", "700MB": the size
        private int SizeTag(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            if (w.Length > 2 && w[^1] is 'B' or 'b' && IsSize(w))
            {
                Set(token, Tag.Size);
                return i - at + 1;
            }
            return 0;
        }

        private bool NearWeb(int i)
        {
            for (var k = Math.Max(0, i - 2); k < Math.Min(_t.Count, i + 3); k++)
            {
                if (k != i && Vocabulary.Sources.TryGetValue(_t[k].Text, out var s) && s == "Web") return true;
            }
            return false;
        }

        /// <summary>UHD + BluRay is Ultra HD Blu-ray; HD + DVD is HD-DVD.</summary>
        private string Combine(string? current, string found, string word)
        {
            if (found == "Blu-ray" && _t.Any(t => t.Text.Equals("uhd", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("4k", StringComparison.OrdinalIgnoreCase))) return "Ultra HD Blu-ray";
            if (found == "DVD" && _t.Any(t => t.Text.Equals("hd", StringComparison.OrdinalIgnoreCase))
                && _t.FindIndex(t => t.Text.Equals("hd", StringComparison.OrdinalIgnoreCase)) == _t.FindIndex(t => t.Text == word) - 1) return "HD-DVD";
            return current ?? found;
        }

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
}
