using System.Text;
using AngleSharp.Text;

namespace Isop.Crawling.Fetching;

/// <summary>
/// Charset labels read as browsers read them (the WHATWG Encoding standard): iso-8859-1, latin1 and ascii mean
/// windows-1252, euc-kr and ks_c_5601-1987 mean windows-949, gb2312 means GBK (decoded as GB18030), and so on.
/// AngleSharp's label table answers, except for the labels below where it departs from the standard. Unknown
/// labels give null (the caller falls back), never an exception.
/// </summary>
internal static class Charsets
{
    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // Code page 51949 (.NET's "euc-kr") lacks the 8,822 extra Hangul of windows-949, which Korean sites use.
    private static readonly string[] Korean = ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"];
    private static readonly string[] Japanese = ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"];
    // ISO-2022 encodings can hide markup from a filter; the standard decodes them as one replacement character.
    private static readonly string[] Replaced = ["csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement"];

    private static readonly Dictionary<string, int> Departures = new(
        Korean.Select(l => KeyValuePair.Create(l, 949)).Concat(Japanese.Select(l => KeyValuePair.Create(l, 932))).Concat(Replaced.Select(l => KeyValuePair.Create(l, 0))),
        StringComparer.OrdinalIgnoreCase);

    public static Encoding? Lookup(string? label)
    {
        // The standard strips ASCII whitespace around a label and compares case-insensitively.
        var name = label?.Trim().Trim('"', '\'').Trim();
        if (string.IsNullOrEmpty(name)) return null;
        if (Departures.TryGetValue(name, out var codePage)) return codePage == 0 ? ReplacementEncoding.Instance : Encoding.GetEncoding(codePage);
        return TextEncoding.IsSupported(name) ? TextEncoding.Resolve(name) : null;
    }

    /// <summary>The standard's "replacement" encoding: any input decodes to a single U+FFFD.</summary>
    private sealed class ReplacementEncoding : Encoding
    {
        public static readonly ReplacementEncoding Instance = new();

        public override string WebName => "replacement";
        public override int GetByteCount(char[] chars, int index, int count) => throw new NotSupportedException("the replacement encoding only decodes");
        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) => throw new NotSupportedException("the replacement encoding only decodes");
        public override int GetCharCount(byte[] bytes, int index, int count) => count > 0 ? 1 : 0;

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
        {
            if (byteCount == 0) return 0;
            chars[charIndex] = '\uFFFD';
            return 1;
        }

        public override int GetMaxByteCount(int charCount) => charCount * 3;
        public override int GetMaxCharCount(int byteCount) => Math.Max(1, byteCount);
    }
}
