using System.Globalization;
using System.Text;

namespace Isop.Recognition.Matching;

/// <summary>
/// Normalised words of a title or a listing: NFKC, case folded, accents removed from Latin letters (Hangul kept
/// whole), punctuation dropped, '&amp;' read as "and", roman numerals II–X read as numbers, and letters split from
/// digits where scripts change ("사랑의불시착5회" → 사랑의불시착 5 회).
/// </summary>
public static class TitleText
{
    public static List<string> Words(string text) => Words(text, null);

    /// <summary>The words, and for each the number of the bracket pair it sits in (0 outside brackets).</summary>
    public static List<string> Words(string text, List<int>? brackets)
    {
        var words = new List<string>();
        var bracket = 0;
        var depth = 0;
        var pairs = 0;
        var normal = WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder();
        var kind = CharKind.None;

        void Flush()
        {
            if (sb.Length == 0) return;
            var w = sb.ToString();
            words.Add(Roman(w) ?? w);
            brackets?.Add(bracket);
            sb.Clear();
        }

        foreach (var raw in normal)
        {
            var c = raw;
            if (c is '\'' or '’' or '`' or '´') continue; // Marvel's → marvels
            if (c == '&')
            {
                Flush();
                words.Add("and");
                brackets?.Add(bracket);
                kind = CharKind.None;
                continue;
            }
            var k = KindOf(c);
            if (k == CharKind.None)
            {
                Flush();
                kind = CharKind.None;
                if (c is '[' or '(' or '{' or '【' or '「' && depth++ == 0) bracket = ++pairs;
                else if (c is ']' or ')' or '}' or '】' or '」' && depth > 0 && --depth == 0) bracket = 0;
                continue;
            }
            // Scripts change: Hangul is split from digits and Latin ("사랑의불시착5회"); Latin and digits stay together (x264, 1080p, mp3).
            if (k != kind && sb.Length > 0 && (k == CharKind.Hangul || kind == CharKind.Hangul)) Flush();
            kind = k;
            if (k == CharKind.Latin) c = FoldLatin(c);
            sb.Append(char.ToLowerInvariant(c));
        }
        Flush();
        return words;
    }

    private enum CharKind
    {
        None,
        Latin,
        Hangul,
        Digit,
        OtherLetter,
    }

    private static CharKind KindOf(char c)
    {
        if (char.IsAsciiDigit(c)) return CharKind.Digit;
        if (c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F') return CharKind.Hangul;
        if (char.IsLetter(c)) return c < '\u0250' ? CharKind.Latin : CharKind.OtherLetter;
        if (char.IsDigit(c)) return CharKind.Digit;
        return CharKind.None;
    }

    /// <summary>é → e, ü → u: the base letter of a Latin letter with marks.</summary>
    private static char FoldLatin(char c)
    {
        if (c < '\u00C0') return c;
        var d = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var x in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(x) != UnicodeCategory.NonSpacingMark) return x;
        }
        return c;
    }

    private static string? Roman(string w) => w switch
    {
        "ii" => "2",
        "iii" => "3",
        "iv" => "4",
        "vi" => "6",
        "vii" => "7",
        "viii" => "8",
        "ix" => "9",
        _ => null,
    };

    /// <summary>Normalisation refuses lone surrogate halves; hostile text is full of them.</summary>
    private static string WithoutLoneSurrogates(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) clean = false;
        }
        if (clean) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(text[i]).Append(text[++i]);
            else sb.Append(char.IsSurrogate(text[i]) ? ' ' : text[i]);
        }
        return sb.ToString();
    }

    public static bool IsHangul(string w) => w.Length > 0 && w.All(c => c is >= '\uAC00' and <= '\uD7A3');

    public static bool IsNumber(string w) => w.Length > 0 && w.All(char.IsAsciiDigit);
}
