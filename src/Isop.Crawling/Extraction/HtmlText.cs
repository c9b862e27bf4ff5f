using System.Text;

namespace Isop.Crawling.Extraction;

/// <summary>
/// Turns a hostile HTML body into text an HTML parser can take in bounded time: the charset is found from the
/// Content-Type, a BOM or a meta tag (EUC-KR and other legacy code pages included; unknown names fall back to
/// UTF-8 with replacement characters), and elements nested deeper than <see cref="MaxDepth"/> lose their tags
/// (their text stays), because tree building slows quadratically with depth.
/// </summary>
internal static class HtmlText
{
    public const int MaxDepth = 256;

    private static readonly HashSet<string> Void =
        new(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> RawText =
        new(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> SelfClosingSiblings =
        new(["li", "p", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Tags that carry links or media; kept at any depth (none of them can nest without bound).</summary>
    private static readonly HashSet<string> KeepAtAnyDepth =
        new(["a", "area", "iframe", "img", "video", "audio", "source", "embed", "object", "script", "link", "meta", "base"], StringComparer.OrdinalIgnoreCase);

    static HtmlText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> body, string? contentType)
    {
        var encoding = FromBom(body, out var bom) ?? FromName(Charset(contentType)) ?? FromName(MetaCharset(body)) ?? Encoding.UTF8;
        return encoding.GetString(body[bom..]);
    }

    /// <summary>Removes the tags of elements nested deeper than <see cref="MaxDepth"/>; returns the input when none are.</summary>
    public static string LimitDepth(string html)
    {
        var stack = new List<string>();
        StringBuilder? output = null;
        var copied = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            var start = i;
            var closing = html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart])) { i++; continue; }
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-')) nameEnd++;
            var name = html[nameStart..nameEnd];
            var end = TagEnd(html, nameEnd);
            if (end < 0) break;
            i = end + 1;
            if (closing)
            {
                var at = stack.Count == 0 ? -1 : stack.FindLastIndex(stack.Count - 1, Math.Min(stack.Count, 64), s => s.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (at >= 0) stack.RemoveRange(at, stack.Count - at);
                continue;
            }
            if (RawText.Contains(name))
            {
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
                continue;
            }
            if (Void.Contains(name) || html[end - 1] == '/') continue;
            if (SelfClosingSiblings.Contains(name) && stack.Count > 0 && stack[^1].Equals(name, StringComparison.OrdinalIgnoreCase))
                continue;
            if (stack.Count >= MaxDepth && !KeepAtAnyDepth.Contains(name))
            {
                output ??= new StringBuilder(html.Length);
                output.Append(html, copied, start - copied);
                copied = end + 1;
                continue;
            }
            stack.Add(name);
        }
        if (output is null) return html;
        output.Append(html, copied, html.Length - copied);
        return output.ToString();
    }

    private static int TagEnd(string html, int from)
    {
        char quote = '\0';
        for (var k = from; k < html.Length; k++)
        {
            var c = html[k];
            if (quote != '\0') { if (c == quote) quote = '\0'; }
            else if (c is '"' or '\'') quote = c;
            else if (c == '>') return k;
        }
        return -1;
    }

    private static Encoding? FromBom(ReadOnlySpan<byte> body, out int length)
    {
        length = 0;
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) { length = 3; return Encoding.UTF8; }
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { length = 2; return Encoding.Unicode; }
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { length = 2; return Encoding.BigEndianUnicode; }
        return null;
    }

    private static string? Charset(string? contentType)
    {
        if (contentType is null) return null;
        var at = contentType.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : contentType[(at + 8)..].Split(';')[0].Trim().Trim('"', '\'');
    }

    private static string? MetaCharset(ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 2048)]);
        var at = head.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var value = head[(at + 8)..].TrimStart('"', '\'', ' ');
        var stop = value.IndexOfAny(['"', '\'', ' ', ';', '>', '/']);
        return stop < 0 ? value : value[..stop];
    }

    private static Encoding? FromName(string? name)
    {
        // Labels as browsers read them (iso-8859-1 is windows-1252); a page cannot be UTF-16 by meta tag (it would
        // not have been readable as ASCII): treat it as UTF-8.
        var encoding = Fetching.Charsets.Lookup(name);
        return encoding is UnicodeEncoding ? Encoding.UTF8 : encoding;
    }
}
