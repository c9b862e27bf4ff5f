namespace Isop.Crawling.Extraction;

/// <summary>What a piracy page offers: one item, with the links and counters found for it.</summary>
public sealed record Listing
{
    /// <summary>The item's title as the page shows it (anchor text, heading, alt text or a feed title).</summary>
    public required string Text { get; init; }

    /// <summary>The item's own page, or its magnet, torrent, stream or download link when it has no page.</summary>
    public string? Href { get; init; }

    /// <summary>magnet, torrent, stream, download or page: the most direct way the item is offered.</summary>
    public required string Kind { get; init; }

    public string? InfoHash { get; init; }
    public string? Magnet { get; init; }
    public string? Torrent { get; init; }
    public IReadOnlyList<string> Streams { get; init; } = [];
    public IReadOnlyList<string> Downloads { get; init; } = [];
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();
    public string? Date { get; init; }
    public string? Size { get; init; }

    /// <summary>All the item's text, squeezed (episode numbers and qualities often sit beside the title).</summary>
    public string? Detail { get; init; }

    /// <summary>How it was found: structure, profile, embed, link, script, feed or torrent.</summary>
    public required string Source { get; init; }

    public static string KindOf(string? magnet, string? torrent, int streams, int downloads) =>
        magnet is not null ? "magnet" : torrent is not null ? "torrent" : streams > 0 ? "stream" : downloads > 0 ? "download" : "page";
}

/// <summary>Everything extracted from one response.</summary>
internal sealed record PageExtraction(
    string? Title,
    IReadOnlyList<Uri> Links,
    IReadOnlyList<Listing> Listings,
    IReadOnlyList<Signal> Signals,
    IReadOnlyList<Uri> Icons,
    string? Problem,
    IReadOnlyList<Outlink>? Outlinks = null,
    MoveNotice? Moved = null,
    bool Parked = false,
    string? Language = null)
{
    public static PageExtraction Empty(string? problem = null) => new(null, [], [], [], [], problem);
}
