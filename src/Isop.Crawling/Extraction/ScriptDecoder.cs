using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Isop.Crawling.Extraction;

/// <summary>
/// Reveals what obfuscated scripts hide, without running them: Dean Edwards' p,a,c,k,e,d packer is undone by
/// substitution, and atob/base64 strings, hex and unicode escapes and String.fromCharCode lists are decoded.
/// Nothing is executed, so a payload that would loop forever costs no more than its size; nesting and output
/// are capped.
/// </summary>
internal static partial class ScriptDecoder
{
    public const int MaxDepth = 4;
    public const int MaxOutputChars = 2 * 1024 * 1024;

    [GeneratedRegex(@"eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[rd]\s*\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PackerStart();

    [GeneratedRegex(@"\}\s*\(\s*(?<q>['""])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PackerArguments();

    [GeneratedRegex(@"^\s*,\s*(?<radix>\d+)\s*,\s*(?<count>\d+)\s*,\s*(?<q>['""])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RadixAndCount();

    [GeneratedRegex(@"atob\s*\(\s*(?<q>['""])(?<b>[A-Za-z0-9+/=_-]{8,})\k<q>\s*\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Atob();

    [GeneratedRegex(@"(?<q>['""])(?<b>[A-Za-z0-9+/]{16,}={0,2})\k<q>", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Base64Literal();

    [GeneratedRegex(@"(?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}){4,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Escapes();

    [GeneratedRegex(@"String\.fromCharCode\s*\(\s*(?<n>\d{1,6}(?:\s*,\s*\d{1,6}){3,})\s*\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FromCharCode();

    [GeneratedRegex(@"\b\w+\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Word();

    /// <summary>Every decoded layer of a script, outermost first (the script itself is not included).</summary>
    public static IReadOnlyList<string> Decode(string script)
    {
        var layers = new List<string>();
        var pending = new Queue<(string Text, int Depth)>();
        pending.Enqueue((script, 0));
        var total = 0;
        while (pending.Count > 0)
        {
            var (text, depth) = pending.Dequeue();
            if (depth >= MaxDepth) continue;
            foreach (var decoded in DecodeOnce(text))
            {
                if (decoded.Length == 0 || total + decoded.Length > MaxOutputChars) continue;
                total += decoded.Length;
                layers.Add(decoded);
                pending.Enqueue((decoded, depth + 1));
            }
        }
        return layers;
    }

    private static IEnumerable<string> DecodeOnce(string text)
    {
        var results = new List<string>();
        try
        {
            foreach (Match start in PackerStart().Matches(text))
                if (Unpack(text, start.Index) is { } unpacked) results.Add(unpacked);
            foreach (Match m in Atob().Matches(text))
                if (FromBase64(m.Groups["b"].Value) is { } s) results.Add(s);
            foreach (Match m in Base64Literal().Matches(text))
                if (FromBase64(m.Groups["b"].Value) is { } s && s.Contains("://", StringComparison.Ordinal)) results.Add(s);
            foreach (Match m in Escapes().Matches(text)) results.Add(Unescape(m.Value));
            foreach (Match m in FromCharCode().Matches(text))
            {
                var chars = m.Groups["n"].Value.Split(',').Select(n => int.Parse(n.Trim(), CultureInfo.InvariantCulture))
                    .Where(n => n is > 0 and < 0x110000 and not (>= 0xD800 and <= 0xDFFF)).Select(char.ConvertFromUtf32);
                results.Add(string.Concat(chars));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological script: keep what was decoded before the time ran out.
        }
        return results;
    }

    /// <summary>Undoes one packer call: the payload's words are replaced by the dictionary entries they index.</summary>
    internal static string? Unpack(string text, int at)
    {
        var args = PackerArguments().Match(text, at);
        if (!args.Success) return null;
        var position = args.Index + args.Length - 1;
        var payload = ReadString(text, ref position);
        if (payload is null) return null;
        var numbers = RadixAndCount().Match(text[position..Math.Min(text.Length, position + 64)]);
        if (!numbers.Success) return null;
        if (!int.TryParse(numbers.Groups["radix"].Value, CultureInfo.InvariantCulture, out var radix) || radix is < 2 or > 62) return null;
        if (!int.TryParse(numbers.Groups["count"].Value, CultureInfo.InvariantCulture, out var count) || count is < 0 or > 1_000_000) return null;
        position += numbers.Index + numbers.Length - 1;
        var dictionary = ReadString(text, ref position);
        if (dictionary is null) return null;
        var words = dictionary.Split('|');
        return Word().Replace(payload, m =>
        {
            var index = FromRadix(m.Value, radix);
            return index >= 0 && index < words.Length && words[index].Length > 0 ? words[index] : m.Value;
        });
    }

    private static int FromRadix(string token, int radix)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        long value = 0;
        foreach (var c in token)
        {
            var d = radix <= 36 ? digits.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal) : digits.IndexOf(c, StringComparison.Ordinal);
            if (d < 0 || d >= radix) return -1;
            value = value * radix + d;
            if (value > int.MaxValue) return -1;
        }
        return (int)value;
    }

    /// <summary>Reads a JavaScript string literal starting at the quote, resolving its escapes.</summary>
    private static string? ReadString(string text, ref int position)
    {
        if (position >= text.Length) return null;
        var quote = text[position++];
        var sb = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == quote) return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            if (position >= text.Length) return null;
            var e = text[position++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'x' when position + 2 <= text.Length && int.TryParse(text.AsSpan(position, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var x):
                    sb.Append((char)x); position += 2; break;
                case 'u' when position + 4 <= text.Length && int.TryParse(text.AsSpan(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u):
                    sb.Append((char)u); position += 4; break;
                default: sb.Append(e); break;
            }
            if (sb.Length > MaxOutputChars) return null;
        }
        return null;
    }

    private static string Unescape(string escaped)
    {
        var sb = new StringBuilder(escaped.Length / 4);
        for (var i = 0; i < escaped.Length;)
        {
            var width = escaped[i + 1] == 'x' ? 2 : 4;
            sb.Append((char)int.Parse(escaped.AsSpan(i + 2, width), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            i += 2 + width;
        }
        return sb.ToString();
    }

    /// <summary>Base64 (standard or URL-safe) that decodes to mostly printable UTF-8 text, or null.</summary>
    private static string? FromBase64(string value)
    {
        var normal = value.Replace('-', '+').Replace('_', '/');
        normal = normal.PadRight(normal.Length + (4 - normal.Length % 4) % 4, '=');
        var buffer = new byte[normal.Length * 3 / 4];
        if (!Convert.TryFromBase64String(normal, buffer, out var written)) return null;
        var text = Encoding.UTF8.GetString(buffer, 0, written);
        var printable = text.Count(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
        return written > 0 && printable >= text.Length * 0.95 && !text.Contains('\uFFFD', StringComparison.Ordinal) ? text : null;
    }
}
