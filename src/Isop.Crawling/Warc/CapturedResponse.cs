using System.Text;
using Isop.Crawling.Fetching;

namespace Isop.Crawling.Warc;

/// <summary>
/// The HTTP response a WARC response record holds: its status line, its headers, and its body with the content
/// codings undone (under the fetcher's limits on size and ratio), cut at a bound for display.
/// </summary>
public sealed record CapturedResponse(
    string StatusLine, int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool Cut, string? Problem)
{
    public string? this[string name] => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The response in a record, or null when the record holds no HTTP response (a request, metadata, warcinfo).</summary>
    public static CapturedResponse? Of(WarcRecord record, int maxBody)
    {
        if (!record.Type.Equals("response", StringComparison.OrdinalIgnoreCase)) return null;
        if (!(record["Content-Type"] ?? "").StartsWith("application/http", StringComparison.OrdinalIgnoreCase)) return null;
        var block = record.Block.AsSpan();
        var end = block.IndexOf("\r\n\r\n"u8);
        if (end < 0) return null;
        var lines = Encoding.Latin1.GetString(block[..end]).Split("\r\n");
        var statusLine = lines[0];
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], out var status)) return null;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        var raw = record.Block.AsMemory(end + 4);
        var codings = headers.Where(h => h.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        // A captured body is undone as the fetcher undid it: a bomb stays a bomb, cut at the bound.
        var decoded = ContentDecoder.Decode(raw, codings, maxBody, 1000);
        var cut = decoded.Cut is not null || record["WARC-Truncated"] is not null;
        return new CapturedResponse(statusLine, status, headers, decoded.Bytes, cut, decoded.Problem);
    }
}
