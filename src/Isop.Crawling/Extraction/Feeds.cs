using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Isop.Crawling.Extraction;

/// <summary>One entry of an RSS, Atom or Torznab/Newznab feed.</summary>
internal sealed record FeedItem(string Title, string? Link, string? Guid, DateTimeOffset? Published, long? Size, string? Enclosure, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// Reads RSS 2.0/1.0, Atom and Torznab feeds safely: no DTDs, no external entities, bounded size and item count.
/// Torznab and Newznab <c>attr</c> elements (seeders, peers, infohash, magneturl, size, category) are collected.
/// </summary>
internal static class Feeds
{
    public const int MaxItems = 10_000;
    private const string AtomNs = "http://www.w3.org/2005/Atom";

    public static bool LooksLikeFeed(string? contentType, ReadOnlySpan<byte> body)
    {
        if (contentType is not null && (contentType.Contains("rss", StringComparison.OrdinalIgnoreCase) || contentType.Contains("atom", StringComparison.OrdinalIgnoreCase)))
            return true;
        var head = System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 512)]);
        return head.Contains("<rss", StringComparison.Ordinal) || head.Contains("<feed", StringComparison.Ordinal) || head.Contains("<rdf:RDF", StringComparison.Ordinal);
    }

    /// <summary>Parses a feed; throws <see cref="XmlException"/> with line and position when it is malformed.</summary>
    public static IReadOnlyList<FeedItem> Parse(Stream xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = 50_000_000,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
        };
        using var reader = XmlReader.Create(xml, settings);
        var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        var items = new List<FeedItem>();
        foreach (var element in document.Descendants())
        {
            if (items.Count >= MaxItems) break;
            if (element.Name.LocalName == "item") items.Add(RssItem(element));
            else if (element.Name.LocalName == "entry" && element.Name.NamespaceName == AtomNs) items.Add(AtomEntry(element));
        }
        return items;
    }

    private static FeedItem RssItem(XElement item)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attr in item.Elements().Where(e => e.Name.LocalName == "attr"))
            if (attr.Attribute("name")?.Value is { } name && attr.Attribute("value")?.Value is { } value)
                attributes[name] = attributes.TryGetValue(name, out var existing) ? existing + "," + value : value;
        var enclosure = item.Elements().FirstOrDefault(e => e.Name.LocalName == "enclosure");
        long? size = long.TryParse(Child(item, "size"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
            : attributes.TryGetValue("size", out var a) && long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var sa) ? sa
            : long.TryParse(enclosure?.Attribute("length")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var se) && se > 0 ? se : null;
        return new FeedItem(Child(item, "title") ?? "", Child(item, "link"), Child(item, "guid"), Date(Child(item, "pubDate") ?? Child(item, "date")), size,
            enclosure?.Attribute("url")?.Value, attributes);
    }

    private static FeedItem AtomEntry(XElement entry)
    {
        var links = entry.Elements(XName.Get("link", AtomNs)).ToList();
        var link = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
        var enclosure = links.FirstOrDefault(l => (string?)l.Attribute("rel") == "enclosure");
        long? size = long.TryParse(enclosure?.Attribute("length")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
        return new FeedItem(Child(entry, "title") ?? "", link, Child(entry, "id"), Date(Child(entry, "published") ?? Child(entry, "updated")), size,
            enclosure?.Attribute("href")?.Value, new Dictionary<string, string>());
    }

    private static string? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();

    private static DateTimeOffset? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d
            : DateTimeOffset.TryParseExact(text.Replace("GMT", "+0000", StringComparison.Ordinal), "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out d) ? d
            : null;
    }
}
