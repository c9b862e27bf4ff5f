using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Isop.Crawling.Torrents;

namespace Isop.Crawling.Extraction;

/// <summary>
/// Extracts listings, links, hidden media and signals from an HTML page by generic structure: anchors are
/// grouped by their path of tags and classes, each group's items are the children of its common ancestor, and
/// items that repeat at least three times and look like offers become listings. No site-specific code; an
/// analyst's <see cref="ExtractionProfile"/> takes over where structure is not enough.
/// </summary>
internal static partial class HtmlExtractor
{
    public const int MaxLinks = 10_000;
    public const int MaxListings = 5_000;
    public const int MaxSignals = 1_000;
    private const int MinRepeats = 3;

    private static readonly HashSet<string> Generic = new(StringComparer.OrdinalIgnoreCase)
    {
        "home", "next", "previous", "prev", "more", "read more", "login", "log in", "sign in", "sign up", "register",
        "download", "download now", "watch", "watch now", "play", "magnet", "torrent", "link", "here", "click here",
        "mirror", "accueil", "suivant", "précédent", "télécharger", "regarder", "홈", "다음", "이전", "다운로드", "보기", "더보기",
    };

    private static readonly (string Name, string[] Words)[] CounterWords =
    [
        ("seeders", ["seeders", "seeder", "seeds", "seed", "se", "s", "시더", "시드", "sources"]),
        ("leechers", ["leechers", "leecher", "leech", "le", "l", "peers", "리처", "피어"]),
        ("downloads", ["downloads", "download", "dl", "completed", "snatched", "téléchargements", "다운로드", "다운"]),
        ("views", ["views", "view", "vues", "hits", "조회", "조회수", "조회 수", "plays", "écoutes", "affichages"]),
        ("comments", ["comments", "comment", "commentaires", "댓글", "replies", "réponses", "답글", "답변", "comm."]),
        ("likes", ["likes", "like", "추천", "좋아요", "j'aime"]),
    ];

    [GeneratedRegex(@"(?<![\p{L}'])(?<label>(?>[\p{L}']{1,20}))\s*[:：]?\s*(?<n>\d{1,3}(?:[,. \u00A0\u202F]\d{3})+|\d+(?:[.,]\d+)?[kKmM]?)(?![\w-[개회건명]])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex LabelledNumber();

    [GeneratedRegex(@"(?<![\d,.])(?<n>\d{1,3}(?:[,. \u00A0\u202F]\d{3})+|\d+(?:[.,]\d+)?[kKmM]?)\s*(?<label>(?>[\p{L}']{1,20}))(?![\p{L}'])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NumberLabel();

    [GeneratedRegex(@"\b(?<d>\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}/\d{1,2}/\d{4})\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DateText();

    [GeneratedRegex(@"(?:\d{1,3}\s*(?:hours?|minutes?|mins?|days?)\s+ago|\d{1,3}\s*(?:시간|분|일)\s*전|il y a (?:\d{1,3}|une?)\s+(?:heures?|minutes?|jours?)|\d{4}년\s*\d{1,2}월\s*\d{1,2}일(?:\s*\d{1,2}:\d{2})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}(?:\s+\d{1,2}:\d{2}\s*[AP]M)?|\d{1,2}\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\s+\d{4}(?:\s+à\s+\d{1,2}:\d{2})?)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex RelativeDateText();

    [GeneratedRegex(@"\b(?<n>\d{1,5}(?:[.,]\d{1,3})?)\s?(?<u>[KMGT]i?B|[KMGT]o)\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex SizeText();

    [GeneratedRegex(@"(?:https?:)?//[A-Za-z0-9.-]{1,253}(?::\d{1,5})?/[^\s""'<>\\)]{0,2000}", RegexOptions.CultureInvariant, 500)]
    private static partial Regex UrlInText();

    [GeneratedRegex(@"['""](?<u>[^'""\s<>]{1,2000}\.(?:m3u8|mpd|mp4)(?:\?[^'""\s<>]{0,500})?)['""]", RegexOptions.CultureInvariant, 500)]
    private static partial Regex MediaPath();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    /// <summary>Links to other sites kept per page (hosts and their labels).</summary>
    public const int MaxOutlinks = 300;

    public static PageExtraction Extract(Uri url, string html, IReadOnlyList<KeyValuePair<string, string>>? headers = null, ExtractionProfile? profile = null)
    {
        html = HtmlText.LimitDepth(html);
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html);
        var baseUrl = document.QuerySelector("base[href]")?.GetAttribute("href") is { } b && Urls.Resolve(b, url, out _) is { } resolvedBase ? resolvedBase : url;

        var title = Squeeze(document.QuerySelector("h1")?.TextContent) is { Length: > 0 } h1 ? h1
            : Meta(document, "og:title") ?? Squeeze(document.Title);

        var links = new List<Uri>();
        var seenLinks = new HashSet<string>(StringComparer.Ordinal);
        var anchors = document.QuerySelectorAll("a[href], area[href]").ToList();
        foreach (var anchor in anchors)
        {
            var href = anchor.GetAttribute("href")!;
            if (LinkKinds.IsMagnet(href)) continue;
            if (links.Count < MaxLinks && Urls.Resolve(href, baseUrl, out _) is { } link && seenLinks.Add(link.AbsoluteUri)) links.Add(link);
        }
        foreach (var link in document.QuerySelectorAll("link[rel~=next][href], link[type*=rss][href], link[type*=atom][href]"))
            if (links.Count < MaxLinks && Urls.Resolve(link.GetAttribute("href"), baseUrl, out _) is { } u && seenLinks.Add(u.AbsoluteUri)) links.Add(u);

        // Hidden and embedded media: frames, players, and URLs inside (decoded) scripts.
        var scripts = document.QuerySelectorAll("script").Select(s => s.TextContent).Where(t => t.Length > 0).ToList();
        var decoded = scripts.SelectMany(ScriptDecoder.Decode).ToList();
        var streams = new List<(string Url, string Source)>();
        var streamSet = new HashSet<string>(StringComparer.Ordinal);
        void AddStream(string? raw, string source)
        {
            if (streams.Count < MaxListings && Urls.Resolve(raw, baseUrl, out _) is { } u && streamSet.Add(u.AbsoluteUri)) streams.Add((u.AbsoluteUri, source));
        }
        foreach (var element in document.QuerySelectorAll("iframe[src], frame[src], embed[src], video[src], video source[src], audio[src], audio source[src], object[data]"))
            AddStream(element.GetAttribute("src") ?? element.GetAttribute("data"), "embed");
        foreach (var element in document.QuerySelectorAll("iframe[data-src], video[data-src]"))
            AddStream(element.GetAttribute("data-src"), "embed");
        var scriptUrls = new List<string>();
        foreach (var text in scripts.Concat(decoded))
        {
            try
            {
                foreach (Match m in UrlInText().Matches(text)) scriptUrls.Add(m.Value);
                foreach (Match m in MediaPath().Matches(text)) scriptUrls.Add(m.Groups["u"].Value);
            }
            catch (RegexMatchTimeoutException)
            {
                // keep what was found
            }
        }
        foreach (var raw in scriptUrls)
            if (Urls.Resolve(raw.StartsWith("//", StringComparison.Ordinal) ? baseUrl.Scheme + ":" + raw : raw, baseUrl, out _) is { } u && (LinkKinds.IsStreamManifest(u) || LinkKinds.IsVideoFile(u)))
                AddStream(u.AbsoluteUri, "script");

        var listings = new List<Listing>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        if (profile is not null) listings.AddRange(ProfileListings(document, baseUrl, profile, claimed));
        else
        {
            listings.AddRange(StructureListings(anchors, baseUrl, claimed));
            listings.AddRange(ArticleListings(document, url, baseUrl, claimed));
        }
        listings.AddRange(LooseListings(anchors, baseUrl, title, claimed));
        foreach (var (stream, source) in streams.Where(s => claimed.Add(s.Url)))
            listings.Add(new Listing { Text = title ?? url.AbsoluteUri, Href = stream, Kind = "stream", Streams = [stream], Source = source });
        if (listings.Count > MaxListings) listings.RemoveRange(MaxListings, listings.Count - MaxListings);

        var signals = new List<Signal>();
        var seen = new HashSet<(string, string)>();
        PageSignals(document, html, baseUrl, headers, signals, seen);
        foreach (var layer in decoded) Signals.Find(layer, signals, seen);
        if (signals.Count > MaxSignals) signals.RemoveRange(MaxSignals, signals.Count - MaxSignals);

        var icons = document.QuerySelectorAll("link[rel~=icon][href], link[rel~=shortcut][href]")
            .Select(l => Urls.Resolve(l.GetAttribute("href"), baseUrl, out _)).OfType<Uri>().Take(3).ToList();
        if (icons.Count == 0 && Urls.Resolve("/favicon.ico", baseUrl, out _) is { } favicon) icons.Add(favicon);
        // Links to other sites, with their text: where address lists and "we moved" notices point.
        var outlinks = new List<Outlink>();
        var outHosts = new HashSet<string>(StringComparer.Ordinal);
        var site = Urls.Site(url.IdnHost);
        foreach (var anchor in anchors)
        {
            if (outlinks.Count >= MaxOutlinks) break;
            if (Urls.Resolve(anchor.GetAttribute("href"), baseUrl, out _) is not { Scheme: "http" or "https" } target || target.IdnHost.Length > 253 || Urls.Site(target.IdnHost) == site) continue;
            var label = Clip(Squeeze(anchor.TextContent), 200);
            if (outHosts.Add(target.IdnHost + "\n" + label)) outlinks.Add(new Outlink(target.IdnHost, target.AbsoluteUri, label));
        }
        var bodyText = document.Body is { } body ? Squeeze(BlockText(body).Replace(BlockBreak, ' ')) ?? "" : "";
        // A notice is a page that offers nothing: a live site with a "latest address" banner is not one.
        var offers = listings.Any(l => l.Source != "link" && (l.Href is null || !Uri.TryCreate(l.Href, UriKind.Absolute, out var h) || Urls.Site(h.IdnHost) == site));
        var moved = !offers && document.Body is { } noticeBody ? Moves.Notice(noticeBody, baseUrl, url) : null;
        var language = document.DocumentElement.GetAttribute("lang") ?? Meta(document, "og:locale");
        return new PageExtraction(title, links, listings, signals, icons, null, outlinks, moved, Moves.Parked(document.Title, bodyText), language is { Length: > 0 and <= 35 } ? language : null);
    }

    /// <summary>Items found by repeated structure: anchors grouped by tag-and-class path, items under each group's common ancestor.</summary>
    private static IEnumerable<Listing> StructureListings(List<IElement> anchors, Uri baseUrl, HashSet<string> claimed)
    {
        var groups = new Dictionary<string, List<IElement>>(StringComparer.Ordinal);
        var chrome = new Dictionary<IElement, bool>();
        var keys = new Dictionary<IElement, string>();
        var siblingClasses = new Dictionary<IElement, Dictionary<(string, string), int>>();
        foreach (var anchor in anchors)
        {
            if (InChrome(anchor, chrome)) continue;
            var key = PathKey(anchor, keys, siblingClasses);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(anchor);
        }
        var items = new List<IElement>();
        var itemSet = new HashSet<IElement>();
        var containers = new HashSet<IElement>();
        foreach (var group in groups.Values.Where(g => g.Count >= MinRepeats))
            foreach (var item in GroupItems(group, containers))
                if (itemSet.Add(item)) items.Add(item);
        // A container found to hold several posts is not itself an item of another group (its locker links, say).
        items.RemoveAll(containers.Contains);
        itemSet.ExceptWith(containers);
        // An item nested inside another item is part of it.
        foreach (var item in items)
        {
            if (item.Ancestors<IElement>().Any(itemSet.Contains)) continue;
            if (Describe(item, baseUrl, "structure", null) is { } listing && !IsBareReply(listing) && Claim(listing, claimed)) yield return listing;
        }
    }

    /// <summary>
    /// The items of one group: the children of its common ancestor. A group spread over several lists (sticky and
    /// normal threads, one table per section) is split by list; an item holding several headed posts (Blogger's
    /// posts grouped by date) is split into its posts.
    /// </summary>
    private static List<IElement> GroupItems(List<IElement> group, HashSet<IElement> containers)
    {
        var found = new List<IElement>();
        if (CommonAncestor(group) is not { } ancestor) return found;
        var byChild = new Dictionary<IElement, List<IElement>>();
        var order = new List<IElement>();
        foreach (var anchor in group)
            if (ChildOnPath(ancestor, anchor) is { } child)
            {
                if (!byChild.TryGetValue(child, out var members)) { byChild[child] = members = []; order.Add(child); }
                members.Add(anchor);
            }
        if (order.Count < MinRepeats)
        {
            foreach (var child in order)
                if (byChild[child].Count >= MinRepeats && byChild[child].Count < group.Count) found.AddRange(GroupItems(byChild[child], containers));
            return found;
        }
        foreach (var child in order)
        {
            var members = byChild[child];
            // Bounded: splitting compares every pair of posts, and a hostile page could hold thousands in one element.
            if (members.Count is > 1 and <= 100 && members.All(a => a.Closest(HeadingSelector) is { } h && child.Contains(h) && h != child))
            {
                containers.Add(child);
                found.AddRange(Posts(child, members));
            }
            else found.Add(child);
        }
        return found;
    }

    /// <summary>Each anchor's highest ancestor inside <paramref name="container"/> that holds no other of the anchors.</summary>
    private static IEnumerable<IElement> Posts(IElement container, List<IElement> members)
    {
        foreach (var anchor in members)
        {
            var unit = anchor;
            while (unit.ParentElement is { } parent && parent != container && !members.Any(m => m != anchor && parent.Contains(m))) unit = parent;
            yield return unit;
        }
    }

    /// <summary>A forum reply ("Re: …") without links of its own repeats its thread's title: it is not an offer.</summary>
    private static bool IsBareReply(Listing listing) =>
        listing.Kind == "page" && (listing.Text.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) || listing.Text.StartsWith("RE :", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Posts outside repeated structure: an article (HTML article, hentry, schema.org posting, a full story) that
    /// carries locker, magnet or torrent links is one listing with its heading as title and all its links.
    /// </summary>
    private static IEnumerable<Listing> ArticleListings(IDocument document, Uri url, Uri baseUrl, HashSet<string> claimed)
    {
        var chrome = new Dictionary<IElement, bool>();
        var articles = document.QuerySelectorAll(ArticleSelector).ToList();
        var set = articles.ToHashSet();
        foreach (var article in articles)
        {
            if (article.Ancestors<IElement>().Any(set.Contains) || InChrome(article, chrome)) continue;
            if (Describe(article, baseUrl, "article", url.AbsoluteUri) is { } listing
                && (listing.Downloads.Count > 0 || listing.Magnet is not null || listing.Torrent is not null) && Claim(listing, claimed))
                yield return listing;
        }
    }

    private const string ArticleSelector = "article, .hentry, .h-entry, [itemtype$='/BlogPosting'], [itemtype$='/Article'], .fullstory";

    private const string HeadingSelector = "h1, h2, h3, h4, h5, h6, [class*=title]";

    private static IEnumerable<Listing> ProfileListings(IDocument document, Uri baseUrl, ExtractionProfile profile, HashSet<string> claimed)
    {
        foreach (var item in document.QuerySelectorAll(profile.Item))
        {
            var titleElement = ExtractionProfile.First(item, profile.Title);
            var linkElement = ExtractionProfile.First(item, profile.Link) ?? titleElement?.QuerySelector("a[href]") ?? (titleElement is IHtmlAnchorElement ? titleElement : null);
            var text = Squeeze(titleElement?.TextContent) is { Length: > 0 } t ? t : Squeeze(linkElement?.TextContent) ?? "";
            var href = Absolute(linkElement?.GetAttribute("href"), baseUrl);
            var magnet = ExtractionProfile.First(item, profile.Magnet)?.GetAttribute("href");
            var torrent = Absolute(ExtractionProfile.First(item, profile.Torrent)?.GetAttribute("href"), baseUrl);
            List<string> downloads = profile.Download is null ? [] : [.. item.QuerySelectorAll(profile.Download).Select(e => Absolute(e.GetAttribute("href"), baseUrl)).OfType<string>()];
            List<string> streams = profile.Stream is null ? [] : [.. item.QuerySelectorAll(profile.Stream).Select(e => Absolute(e.GetAttribute("src") ?? e.GetAttribute("href") ?? e.GetAttribute("data-src"), baseUrl)).OfType<string>()];
            var counters = new Dictionary<string, long>();
            foreach (var (name, selector) in profile.Counters)
                if (Number(item.QuerySelector(selector)?.TextContent) is { } n) counters[name] = n;
            var listing = Offer(text, href, magnet, torrent, streams, downloads, counters,
                Squeeze(ExtractionProfile.First(item, profile.Date)?.TextContent), Squeeze(ExtractionProfile.First(item, profile.Size)?.TextContent), TextOf(item), "profile");
            if (listing.Text.Length > 0 && Claim(listing, claimed)) yield return listing;
        }
    }

    /// <summary>
    /// Offers outside repeated structure: magnets, torrents and locker links anywhere on the page. On a detail page
    /// with one magnet, the page's .torrent link is the same offer and joins it.
    /// </summary>
    private static IEnumerable<Listing> LooseListings(List<IElement> anchors, Uri baseUrl, string? title, HashSet<string> claimed)
    {
        var found = new List<Listing>();
        foreach (var anchor in anchors)
        {
            var href = anchor.GetAttribute("href")!.Trim();
            var text = Squeeze(anchor.TextContent);
            var named = TitleLike(text) ? text! : null;
            Listing? listing = null;
            if (LinkKinds.IsMagnet(href))
            {
                if (Magnet.Parse(href, out _) is not { } magnet) continue;
                listing = new Listing { Text = named ?? magnet.Name ?? title ?? "", Href = href, Kind = "magnet", Magnet = href, InfoHash = magnet.InfoHashV1 ?? magnet.InfoHashV2, Source = "link" };
            }
            else if (Urls.Resolve(href, baseUrl, out _) is { } u)
            {
                var label = named is not null && !LinkLabel(named, u) ? named : null;
                if (LinkKinds.IsTorrent(u))
                    listing = new Listing { Text = label ?? title ?? u.Segments[^1], Href = u.AbsoluteUri, Kind = "torrent", Torrent = u.AbsoluteUri, Source = "link" };
                else if (LinkKinds.IsDownload(u) && !Urls.SameSite(u, baseUrl))
                    listing = new Listing { Text = label ?? title ?? u.Host, Href = u.AbsoluteUri, Kind = "download", Downloads = [u.AbsoluteUri], Source = "link" };
            }
            if (listing is not null && Claim(listing, claimed)) found.Add(listing);
        }
        var magnets = found.Where(l => l.Kind == "magnet").ToList();
        if (magnets.Count == 1)
        {
            var torrents = found.Where(l => l.Kind == "torrent").ToList();
            if (torrents.Count == 1)
            {
                found[found.IndexOf(magnets[0])] = magnets[0] with { Torrent = torrents[0].Torrent };
                found.Remove(torrents[0]);
            }
        }
        return found;
    }

    private static bool Claim(Listing listing, HashSet<string> claimed)
    {
        var keys = new[] { listing.Href, listing.Magnet, listing.Torrent }.Concat(listing.Streams).Concat(listing.Downloads).OfType<string>().ToList();
        var fresh = keys.Count == 0 || keys.Any(k => !claimed.Contains(k));
        foreach (var key in keys) claimed.Add(key);
        return fresh;
    }

    /// <summary>
    /// One item's offer: its title from the heading that links the item (else the first heading, else its longest
    /// link text), its page from that link (else <paramref name="ownPage"/>), and every magnet, torrent, locker and player.
    /// </summary>
    private static Listing? Describe(IElement item, Uri baseUrl, string source, string? ownPage)
    {
        string? magnet = null, torrent = null, page = null, pageText = null;
        var pageNamed = false;
        var downloads = new List<string>();
        var streams = new List<string>();
        foreach (var anchor in item.QuerySelectorAll("a[href]"))
        {
            var href = anchor.GetAttribute("href")!.Trim();
            if (LinkKinds.IsMagnet(href)) { magnet ??= href; continue; }
            if (href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || Urls.Resolve(href, baseUrl, out _) is not { } u) continue;
            var text = Squeeze(anchor.TextContent);
            if (LinkKinds.IsTorrent(u) || (text is not null && text.Contains(".torrent", StringComparison.OrdinalIgnoreCase))) { torrent ??= u.AbsoluteUri; continue; }
            if (LinkKinds.IsDownload(u) && !Urls.SameSite(u, baseUrl)) { downloads.Add(u.AbsoluteUri); continue; }
            if (ByPerson(anchor, item, u)) continue;
            var named = !string.IsNullOrEmpty(text);
            if (!named) text = Squeeze(anchor.GetAttribute("title")) ?? Squeeze(anchor.QuerySelector("img[alt]")?.GetAttribute("alt"));
            if (text is null || (pageNamed && !named)) continue;
            if (pageText is null || (named && !pageNamed && TitleLike(text)) || (TitleLike(text) && (!TitleLike(pageText) || text.Length > pageText.Length)))
            {
                pageText = text;
                page = u.AbsoluteUri;
                pageNamed = named;
            }
        }
        foreach (var frame in item.QuerySelectorAll("iframe[src], video[src], video source[src]"))
            if (Absolute(frame.GetAttribute("src"), baseUrl) is { } s) streams.Add(s);
        var (heading, headingLink) = Heading(item, baseUrl);
        if (headingLink is not null) page = headingLink;
        else if (ownPage is not null) page = ownPage;
        var magnetInfo = magnet is not null ? Magnet.Parse(magnet, out _) : null;
        var title = TitleLike(heading) ? heading! : TitleLike(pageText) ? pageText! : magnetInfo?.Name;
        if (title is null) return null;
        var blocks = BlockText(item);
        var detail = Squeeze(blocks.Replace(BlockBreak, ' '));
        var date = item.QuerySelector("time[datetime]")?.GetAttribute("datetime") ?? item.QuerySelector("abbr.published[title]")?.GetAttribute("title")
            ?? DateCell(item) ?? Match(DateText(), detail, "d") ?? Match(RelativeDateText(), detail, null);
        return Offer(title, page, magnet, torrent, streams, downloads, Counters(item, blocks), date, Match(SizeText(), detail, null), detail, source, magnetInfo);
    }

    /// <summary>The text of the item's date element, as boards and themes mark it (<c>span.date</c>, <c>td_datetime</c>, <c>.entry-date</c>, <c>.posted</c>).</summary>
    private static string? DateCell(IElement item)
    {
        foreach (var e in item.QuerySelectorAll("[class*=date], [class*=time], [class*=posted], [class*=ago]"))
            if (Squeeze(e.TextContent) is { Length: >= 4 and <= 60 } text && text.Any(char.IsDigit)) return text;
        return null;
    }

    /// <summary>The item's title: the longest link text of the first heading that links somewhere, else the first heading's text.</summary>
    private static (string? Text, string? Link) Heading(IElement item, Uri baseUrl)
    {
        string? first = null;
        Dictionary<IElement, bool>? chrome = null;
        foreach (var heading in item.QuerySelectorAll(HeadingSelector))
        {
            // A related-posts box or a share bar inside the post has headings of its own.
            if (InChrome(heading, chrome ??= [])) continue;
            if (first is null && Squeeze(heading.TextContent) is { } whole && TitleLike(whole)) first = whole;
            string? text = null, link = null;
            IEnumerable<IElement> links = heading is IHtmlAnchorElement ? [heading] : heading.QuerySelectorAll("a[href]");
            foreach (var anchor in links)
            {
                var href = anchor.GetAttribute("href")?.Trim();
                if (href is null || href.StartsWith('#') || LinkKinds.IsMagnet(href) || Urls.Resolve(href, baseUrl, out _) is not { } u) continue;
                var t = Squeeze(anchor.TextContent);
                if (TitleLike(t) && (text is null || t!.Length > text.Length)) (text, link) = (t, u.AbsoluteUri);
            }
            if (text is not null) return (text, link);
        }
        return (first, null);
    }

    // Profile pages of forum engines: memberlist.php, member.php, userdetails.php, /members/…, /profile/….
    private static readonly string[] PersonPaths = ["member", "profile", "/user", "userdetails"];

    private static readonly string[] PersonMarks = ["author", "user", "member", "poster", "byline", "avatar", "profile"];

    /// <summary>A link to a member (uploader, last poster, avatar) names a person, not the item.</summary>
    private static bool ByPerson(IElement anchor, IElement item, Uri url)
    {
        foreach (var mark in PersonPaths)
            if (url.AbsolutePath.Contains(mark, StringComparison.OrdinalIgnoreCase)) return true;
        for (var e = anchor; e is not null && e != item; e = e.ParentElement)
        {
            var marks = e.ClassName;
            if (e.GetAttribute("rel") is { } rel && rel.Contains("author", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.IsNullOrEmpty(marks)) continue;
            foreach (var mark in PersonMarks)
                if (marks.Contains(mark, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>One listing from what was found for an item; the magnet gives the info-hash and, failing a title, the name.</summary>
    private static Listing Offer(string text, string? page, string? magnet, string? torrent, List<string> streams, List<string> downloads,
        Dictionary<string, long> counters, string? date, string? size, string? detail, string source, Magnet? parsed = null)
    {
        var info = parsed ?? (magnet is not null ? Magnet.Parse(magnet, out _) : null);
        return new Listing
        {
            Text = text.Length > 0 ? text : info?.Name ?? page ?? "",
            Href = page ?? magnet ?? torrent ?? downloads.FirstOrDefault() ?? streams.FirstOrDefault(),
            Kind = Listing.KindOf(magnet, torrent, streams.Count, downloads.Count),
            Magnet = magnet,
            InfoHash = info?.InfoHashV1 ?? info?.InfoHashV2,
            Torrent = torrent,
            Streams = streams,
            Downloads = downloads,
            Counters = counters,
            Date = date,
            Size = size,
            Detail = Clip(detail),
            Source = source,
        };
    }

    /// <summary>Counters by table column header, by class or title, or by a label beside the number.</summary>
    private static Dictionary<string, long> Counters(IElement item, string? itemText)
    {
        var counters = new Dictionary<string, long>();
        if (item is IHtmlTableRowElement row && row.Closest("table") is IHtmlTableElement table)
        {
            var columns = HeaderCounters.GetValue(table, HeaderColumns);
            var column = 0;
            foreach (var cell in row.Cells)
            {
                if (cell.LocalName != "td") break;
                if (column < columns.Length && columns[column] is { } name && (Number(cell.TextContent) ?? Number(TextOf(cell)?.Split(' ')[0])) is { } n) counters.TryAdd(name, n);
                column += Span(cell);
            }
        }
        foreach (var element in item.GetDescendants().OfType<IElement>())
        {
            if (element.ChildElementCount != 0) continue;
            var hint = element.ClassName ?? element.GetAttribute("title") ?? element.GetAttribute("data-label");
            if (string.IsNullOrEmpty(hint)) continue;
            foreach (var token in hint.Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
                if (token.Length > 1 && CounterName(token) is { } name && Number(element.TextContent) is { } n)
                    counters.TryAdd(name, n);
        }
        var text = itemText ?? "";
        try
        {
            foreach (Match m in LabelledNumber().Matches(text))
                if (TextCounter(m.Groups["label"].Value) is { } name && Number(m.Groups["n"].Value) is { } n) counters.TryAdd(name, n);
            foreach (Match m in NumberLabel().Matches(text))
                if (TextCounter(m.Groups["label"].Value) is { } name && Number(m.Groups["n"].Value) is { } n) counters.TryAdd(name, n);
        }
        catch (RegexMatchTimeoutException)
        {
            // keep what was found
        }
        return counters;
    }

    /// <summary>Which counter each column of a table holds, read once per table from its header row.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IHtmlTableElement, string?[]> HeaderCounters = [];

    /// <summary>
    /// The counter of each column from the header row: the head's first row, else the first row of th cells or of
    /// cells classed as headers (TBDev's colhead, vBulletin's thead); a header may be an icon with alt text; colspans count.
    /// </summary>
    private static string?[] HeaderColumns(IHtmlTableElement table)
    {
        var header = table.Head?.Rows.FirstOrDefault() ?? table.Rows.FirstOrDefault(r => r.Cells.Length > 0
            && (HeadClass(r) || r.Cells.All(c => c.LocalName == "th" || HeadClass(c))));
        if (header is null) return [];
        var columns = new List<string?>();
        foreach (var cell in header.Cells)
        {
            var label = Squeeze(cell.TextContent) ?? Squeeze(cell.QuerySelector("img[alt]")?.GetAttribute("alt")) ?? Squeeze(cell.GetAttribute("title"));
            var name = CounterName(label);
            for (var i = 0; i < Span(cell); i++) columns.Add(name);
        }
        return [.. columns];
    }

    private static bool HeadClass(IElement e) => e.ClassName?.Contains("head", StringComparison.OrdinalIgnoreCase) ?? false;

    // A hostile colspan is bounded like browsers bound it.
    private static int Span(IHtmlTableCellElement cell) => (int)Math.Clamp(cell.ColumnSpan, 1u, 1000u);

    // In running text a one- or two-letter label ("S01", "WEB-DL 7") is part of a name; column headers may abbreviate.
    private static string? TextCounter(string label) =>
        label.Length >= 3 || label.Any(c => c is >= '\uAC00' and <= '\uD7A3') ? CounterName(label) : null;

    private static string? CounterName(string? label)
    {
        if (string.IsNullOrEmpty(label)) return null;
        var word = label.Trim().TrimEnd(':', '：').ToLowerInvariant();
        foreach (var (name, words) in CounterWords)
            if (words.Contains(word)) return name;
        return null;
    }

    /// <summary>A count as pages write it: 1,234 · 1 234 · 1.2K · 3M.</summary>
    internal static long? Number(string? text)
    {
        var t = text?.Trim().Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(t) || t.Length > 16) return null;
        var multiplier = 1L;
        if (t[^1] is 'k' or 'K') { multiplier = 1_000; t = t[..^1]; }
        else if (t[^1] is 'm' or 'M') { multiplier = 1_000_000; t = t[..^1]; }
        if (multiplier == 1 && t.Contains('.', StringComparison.Ordinal)) t = t.Replace(".", "", StringComparison.Ordinal);
        return double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v >= 0 ? (long)Math.Round(v * multiplier) : null;
    }

    private static void PageSignals(IDocument document, string html, Uri baseUrl, IReadOnlyList<KeyValuePair<string, string>>? headers, List<Signal> signals, HashSet<(string, string)> seen)
    {
        Signals.Find(html, signals, seen);
        void Add(string type, string? value, string context)
        {
            if (!string.IsNullOrWhiteSpace(value)) Signals.Add(signals, seen, type, value.Trim(), context, 0);
        }
        if (document.QuerySelector("link[rel~=canonical][href]")?.GetAttribute("href") is { } canonical)
            Add("canonical", Absolute(canonical, baseUrl), "<link rel=canonical>");
        foreach (var property in new[] { "og:url", "og:site_name", "og:title", "og:image" })
            Add(property, Meta(document, property), $"<meta property={property}>");
        foreach (var mail in document.QuerySelectorAll("a[href^='mailto:' i]"))
            Add("email", mail.GetAttribute("href")![7..].Split('?')[0].ToLowerInvariant(), "mailto link");
        if (document.QuerySelector("meta[name=generator][content]")?.GetAttribute("content") is { } generator)
            Add("generator", generator, "<meta name=generator>");
        foreach (var (name, value) in headers ?? [])
        {
            if (name.Equals("Server", StringComparison.OrdinalIgnoreCase)) Add("server", value, "Server header");
            else if (name.Equals("X-Powered-By", StringComparison.OrdinalIgnoreCase)) Add("powered-by", value, "X-Powered-By header");
        }
    }

    private static string? Meta(IDocument document, string property) =>
        Squeeze(document.QuerySelector($"meta[property='{property}'][content], meta[name='{property}'][content]")?.GetAttribute("content"));

    // Sidebars, widgets, tag clouds, related posts, comments and pinned notices repeat post links or hold none.
    private static readonly string[] ChromeMarks =
        ["nav", "menu", "footer", "breadcrumb", "pagination", "pager", "share", "social", "sidebar", "widget-area", "widget_", "tagcloud", "tag-cloud", "related", "comment", "notice", "announce", "dropdown", "jumpbox", "gnb", "lnb", "snb", "cnb", "tabs", "catlink", "cat-item", "cat-links"];

    /// <summary>Site navigation, headers, footers, sidebars and pagers repeat too, but are not offers (memoised per element).</summary>
    private static bool InChrome(IElement? element, Dictionary<IElement, bool> memo)
    {
        if (element is null || element.LocalName is "body" or "html") return false;
        if (memo.TryGetValue(element, out var known)) return known;
        var chrome = element.LocalName is "nav" or "aside" or "thead" or "th"
            || (element.LocalName is "header" or "footer" && element.ParentElement?.Closest("article, .hentry, .post") is null)
            || (element.LocalName is "tr" or "td" && (element.ClassName?.Contains("head", StringComparison.OrdinalIgnoreCase) ?? false))
            || element.GetAttribute("role") is "navigation" or "banner" or "contentinfo"
            || Marked(element.ClassName) || Marked(element.Id)
            || InChrome(element.ParentElement, memo);
        memo[element] = chrome;
        return chrome;
    }

    private static bool Marked(string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        foreach (var token in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // A modifier says the page has a sidebar or menu ("has-sidebar", "p-body-main--withSidebar"), not that this is one.
            if (token.Contains("with", StringComparison.OrdinalIgnoreCase) || token.Contains("--", StringComparison.Ordinal)
                || token.StartsWith("has-", StringComparison.OrdinalIgnoreCase) || token.StartsWith("no-", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var mark in ChromeMarks)
                if (token.Contains(mark, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The element's path of tags and classes from the body down (memoised per element). At each level the class is
    /// the one most of its same-tag siblings share, so that per-item classes (WordPress's category-… and tag-…,
    /// "hot" or "sticky" threads) do not split a list.
    /// </summary>
    private static string PathKey(IElement element, Dictionary<IElement, string> memo, Dictionary<IElement, Dictionary<(string, string), int>> siblingClasses)
    {
        if (element.LocalName is "body" or "html" || element.ParentElement is not { } parent) return "";
        if (memo.TryGetValue(element, out var known)) return known;
        string? chosen = null;
        if (element.ClassList.Length > 0)
        {
            if (!siblingClasses.TryGetValue(parent, out var counts))
            {
                siblingClasses[parent] = counts = [];
                foreach (var child in parent.Children)
                    foreach (var c in child.ClassList)
                        if (StableClass(c)) counts[(child.LocalName, c)] = counts.GetValueOrDefault((child.LocalName, c)) + 1;
            }
            var best = 0;
            foreach (var c in element.ClassList)
            {
                if (!StableClass(c)) continue;
                var n = counts.GetValueOrDefault((element.LocalName, c));
                if (n > best || (n == best && string.CompareOrdinal(c, chosen) < 0)) (chosen, best) = (c, n);
            }
        }
        var key = PathKey(parent, memo, siblingClasses) + ">" + (chosen is null ? element.LocalName : element.LocalName + "." + chosen);
        memo[element] = key;
        return key;
    }

    private static bool StableClass(string c) => !c.Any(char.IsDigit) && c is not ("odd" or "even" or "alt" or "active" or "first" or "last");

    /// <summary>The deepest element that contains all of them, by walking each one's ancestors once.</summary>
    private static IElement? CommonAncestor(List<IElement> elements)
    {
        var chain = elements[0].Ancestors<IElement>().ToList();
        var position = new Dictionary<IElement, int>(chain.Count);
        for (var i = 0; i < chain.Count; i++) position[chain[i]] = i;
        var lowest = 0;
        foreach (var element in elements.Skip(1))
        {
            var e = element.ParentElement;
            while (e is not null && !position.ContainsKey(e)) e = e.ParentElement;
            if (e is null) return null;
            lowest = Math.Max(lowest, position[e]);
        }
        return chain.Count > 0 ? chain[lowest] : null;
    }

    /// <summary>The child of <paramref name="ancestor"/> that contains <paramref name="element"/>.</summary>
    private static IElement? ChildOnPath(IElement ancestor, IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
            if (e.ParentElement == ancestor) return e;
        return null;
    }

    private static readonly string[] LabelWords =
        ["part", "mirror", "link", "links", "server", "download", "dl", "direct", "folder", "file", "files", "télécharger", "lien", "miroir", "다운로드", "링크", "받기", "서버"];

    /// <summary>Anchor text that only names the host or the link ("MEGA", "Mirror 2", "Rapidgator part 1"), not the work.</summary>
    private static bool LinkLabel(string text, Uri url)
    {
        var hostWords = url.Host.ToLowerInvariant().Split('.', '-');
        var words = Spaces().Split(new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')])).Where(w => w.Length > 0).ToList();
        return words.Count <= 4 && words.Any(w => LabelWords.Contains(w) || hostWords.Contains(w) || hostWords.Any(h => h.Length > 3 && w.Contains(h, StringComparison.Ordinal)));
    }

    /// <summary>Text that can name a work: not a number, a page counter or a generic button label.</summary>
    internal static bool TitleLike(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300) return false;
        if (Generic.Contains(text.Trim())) return false;
        var letters = text.Count(char.IsLetter);
        if (letters == 0) return false;
        var hangul = text.Count(c => c is >= '\uAC00' and <= '\uD7A3');
        return hangul >= 2 || letters >= 4;
    }

    private static string? Absolute(string? href, Uri baseUrl) =>
        href is null ? null : LinkKinds.IsMagnet(href) ? href.Trim() : Urls.Resolve(href, baseUrl, out _)?.AbsoluteUri;

    private static string? Match(Regex pattern, string? text, string? group)
    {
        if (text is null) return null;
        try
        {
            var m = pattern.Match(text);
            return m.Success ? (group is null ? m.Value : m.Groups[group].Value) : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>An element's text with a space between text nodes, so that table cells and spans do not run together.</summary>
    internal static string? TextOf(IElement element)
    {
        var text = new System.Text.StringBuilder();
        foreach (var node in element.GetDescendants())
            if (node is IText t && t.ParentElement?.LocalName is not ("script" or "style"))
            {
                text.Append(t.Data).Append(' ');
                if (text.Length > 10_000) break;
            }
        return Squeeze(text.ToString());
    }

    private static readonly HashSet<string> Blocks = ["div", "p", "li", "ul", "ol", "dl", "dd", "td", "th", "tr", "table", "section", "article", "header", "footer", "br", "h1", "h2", "h3", "h4", "h5", "h6"];

    // Not whitespace, so a label-and-number pattern never reaches across it.
    private const char BlockBreak = '\u001F';

    /// <summary>
    /// An element's text with a break between blocks, so that a label is read beside its own number only ("23 Replies", "4521 Views");
    /// a definition's term and value stay together ("Replies 48").
    /// </summary>
    private static string BlockText(IElement element)
    {
        var text = new System.Text.StringBuilder();
        void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (text.Length > 10_000) return;
                if (child is IText t) text.Append(t.Data).Append(' ');
                else if (child is IElement e && e.LocalName is not ("script" or "style"))
                {
                    var block = Blocks.Contains(e.LocalName);
                    if (block && e.LocalName != "dd") text.Append(BlockBreak);
                    Walk(e);
                    if (block) text.Append(BlockBreak);
                }
            }
        }
        Walk(element);
        return text.ToString();
    }

    internal static string? Squeeze(string? text) =>
        text is null ? null : Spaces().Replace(text, " ").Trim() is { Length: > 0 } s ? s : null;

    /// <summary>At most <paramref name="max"/> characters, never ending on half of a surrogate pair (PostgreSQL refuses those).</summary>
    internal static string? Clip(string? text, int max = 300)
    {
        if (text is null || text.Length <= max) return text;
        return text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }
}
