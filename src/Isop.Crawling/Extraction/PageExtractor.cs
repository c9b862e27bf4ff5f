using System.Xml;
using Isop.Crawling.Torrents;

namespace Isop.Crawling.Extraction;

/// <summary>Chooses the extractor for a response by its type and first bytes: HTML, a feed, a .torrent, a script or a playlist.</summary>
internal static class PageExtractor
{
    /// <summary>HTML beyond this is not parsed (it is still kept whole in the evidence): parsing costs memory in proportion.</summary>
    public const int MaxHtmlBytes = 4 * 1024 * 1024;

    public static PageExtraction Extract(Uri url, string? contentType, ReadOnlySpan<byte> body, IReadOnlyList<KeyValuePair<string, string>>? headers = null, ExtractionProfile? profile = null)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (body.Length == 0) return PageExtraction.Empty();
        if (type is "application/x-bittorrent" || TorrentFile.LooksLikeTorrent(body)) return Torrent(url, body);
        if (Feeds.LooksLikeFeed(type, body) && (type.Contains("xml", StringComparison.Ordinal) || type.Length == 0 || type.Contains("rss", StringComparison.Ordinal) || type.Contains("atom", StringComparison.Ordinal)))
            return Feed(url, body);
        if (type is "application/vnd.apple.mpegurl" or "application/x-mpegurl" or "audio/mpegurl" || body.StartsWith("#EXTM3U"u8)) return Playlist(url, body);
        if (type.Contains("javascript", StringComparison.Ordinal)) return Script(HtmlText.Decode(body, contentType));
        if (type is "" or "text/html" or "application/xhtml+xml" or "text/plain")
        {
            var page = HtmlExtractor.Extract(url, HtmlText.Decode(body[..Math.Min(body.Length, MaxHtmlBytes)], contentType), headers, profile);
            return body.Length > MaxHtmlBytes ? page with { Problem = $"only the first {MaxHtmlBytes / (1024 * 1024)} MiB of {body.Length} bytes of HTML were read" } : page;
        }
        return PageExtraction.Empty();
    }

    private static PageExtraction Torrent(Uri url, ReadOnlySpan<byte> body)
    {
        try
        {
            var torrent = TorrentFile.Parse(body);
            var listing = new Listing
            {
                Text = torrent.Name,
                Href = url.AbsoluteUri,
                Kind = "torrent",
                Torrent = url.AbsoluteUri,
                InfoHash = torrent.InfoHashV1 ?? torrent.InfoHashV2,
                Size = torrent.TotalLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Detail = string.Join(" | ", torrent.Files.Take(20).Select(f => f.Path)),
                Source = "torrent",
            };
            var signals = torrent.Trackers.Select(t => new Signal("tracker", t, "announce")).ToList();
            return new PageExtraction(torrent.Name, [], [listing], signals, [], null);
        }
        catch (BencodeException e)
        {
            return PageExtraction.Empty($"torrent: {e.Message}");
        }
    }

    private static PageExtraction Feed(Uri url, ReadOnlySpan<byte> body)
    {
        var doctype = body.IndexOf("<!DOCTYPE"u8);
        if (doctype >= 0)
            return PageExtraction.Empty($"feed: line {body[..doctype].Count((byte)'\n') + 1}: a DOCTYPE is not accepted in a feed (entity expansion)");
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            var listings = new List<Listing>();
            var links = new List<Uri>();
            foreach (var item in Feeds.Parse(stream))
            {
                var magnet = new[] { item.Link, item.Enclosure, item.Attributes.GetValueOrDefault("magneturl") }.FirstOrDefault(l => l is not null && LinkKinds.IsMagnet(l));
                var parsed = magnet is null ? null : Magnet.Parse(magnet, out _);
                var torrent = new[] { item.Enclosure, item.Link }.Select(l => Urls.Resolve(l, url, out _)).FirstOrDefault(u => u is not null && (LinkKinds.IsTorrent(u) || item.Enclosure == u.OriginalString));
                var page = Urls.Resolve(item.Link, url, out _) ?? Urls.Resolve(item.Guid, url, out _);
                if (page is not null && links.Count < HtmlExtractor.MaxLinks) links.Add(page);
                var counters = new Dictionary<string, long>();
                foreach (var (name, key) in new[] { ("seeders", "seeders"), ("leechers", "peers"), ("downloads", "grabs") })
                    if (item.Attributes.TryGetValue(key, out var v) && long.TryParse(v, out var n)) counters[name] = n;
                listings.Add(new Listing
                {
                    Text = item.Title,
                    Href = page?.AbsoluteUri ?? magnet ?? torrent?.AbsoluteUri,
                    Kind = Listing.KindOf(magnet, torrent?.AbsoluteUri, 0, 0),
                    Magnet = magnet,
                    Torrent = torrent?.AbsoluteUri,
                    InfoHash = item.Attributes.GetValueOrDefault("infohash")?.ToLowerInvariant() ?? parsed?.InfoHashV1 ?? parsed?.InfoHashV2,
                    Counters = counters,
                    Date = item.Published?.ToString("O"),
                    Size = item.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Source = "feed",
                });
                if (listings.Count >= HtmlExtractor.MaxListings) break;
            }
            return new PageExtraction(null, links, listings, [], [], null);
        }
        catch (XmlException e)
        {
            return PageExtraction.Empty($"feed: line {e.LineNumber}, position {e.LinePosition}: {e.Message}");
        }
    }

    private static PageExtraction Playlist(Uri url, ReadOnlySpan<byte> body)
    {
        var streams = new List<string>();
        foreach (var line in System.Text.Encoding.UTF8.GetString(body).Split('\n'))
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            if (Urls.Resolve(text, url, out _) is { } u && LinkKinds.IsStreamManifest(u) && streams.Count < HtmlExtractor.MaxLinks) streams.Add(u.AbsoluteUri);
        }
        return new PageExtraction(null, [], [new Listing { Text = url.Segments[^1], Href = url.AbsoluteUri, Kind = "stream", Streams = streams, Source = "playlist" }], [], [], null);
    }

    private static PageExtraction Script(string script)
    {
        var signals = new List<Signal>();
        var seen = new HashSet<(string, string)>();
        Signals.Find(script, signals, seen);
        foreach (var layer in ScriptDecoder.Decode(script)) Signals.Find(layer, signals, seen);
        return new PageExtraction(null, [], [], signals, [], null);
    }
}
