using System.Globalization;
using System.Net;
using System.Text;
using static Isop.Range.RangeText;

namespace Isop.Range;

/// <summary>
/// A response of the range: status, content type and body; or a redirect to another host of the range (the listener
/// adds its scheme and port), or a connection dropped without an answer (a dead server).
/// </summary>
public sealed record RangeResponse(int Status, string ContentType, byte[] Body, string? RedirectHost = null, bool Drop = false)
{
    public static RangeResponse Html(string html, int status = 200) => new(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));

    public static RangeResponse Redirect(string host) => new(301, "text/html; charset=utf-8", "<html><body>Moved Permanently</body></html>"u8.ToArray(), host);

    public static readonly RangeResponse Dropped = new(0, "", [], Drop: true);
}

/// <summary>
/// Renders the range's sites: list pages in three templates per archetype, item pages (magnets and .torrent files,
/// packed players, locker links, chapters), feeds, robots.txt and favicons, with each operation's identifiers in
/// the page chrome where real sites put them.
/// </summary>
public sealed class RangeSites(RangeWorld world)
{
    public const int PageSize = 30;
    private const int CacheLimit = 100_000;

    // The range is deterministic: a page is rendered once per host, path and day and then served like a static file.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string, int), RangeResponse> cache = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), List<RangeListing>> listingsBySite = new();

    public RangeResponse Render(string host, string path, string query, int day)
    {
        var key = (host.ToLowerInvariant(), path, query, day);
        if (cache.TryGetValue(key, out var cached)) return cached;
        var response = RenderPage(key.Item1, path, query, day);
        if (cache.Count < CacheLimit) cache[key] = response;
        return response;
    }

    private RangeResponse RenderPage(string host, string path, string query, int day)
    {
        var site = world.SiteFor(host, day);
        if (site is null) return world.SiteNamed(host) is { } moved ? Dark(moved, host, day) : Unknown;
        if (path == "/robots.txt") return new(200, "text/plain", "User-agent: *\nDisallow: /admin/\n"u8.ToArray());
        if (path == "/favicon.ico") return new(200, "image/x-icon", world.IdentifiersOf(site).Favicon);
        if (site.Archetype == Archetype.AddressList) return path is "/" or "" ? AddressList(site, day) : NotFound(site, day);
        var listings = listingsBySite.GetOrAdd((site.Id, day), k => world.ListingsOf(site, k.Item2).ToList());
        if (path is "/" or "") return ListPage(site, day, listings, 1);
        if (path.StartsWith("/page/", StringComparison.Ordinal) && int.TryParse(path[6..], CultureInfo.InvariantCulture, out var page) && page >= 1)
            return ListPage(site, day, listings, page);
        if (site.Archetype == Archetype.TorrentIndex)
        {
            if (path == "/rss") return Feed(site, host, listings, torznab: false);
            if (path == "/api") return query.Contains("t=caps", StringComparison.Ordinal) ? Caps() : Feed(site, host, listings, torznab: true);
            if (path.StartsWith("/download/", StringComparison.Ordinal) && path.EndsWith(".torrent", StringComparison.Ordinal))
            {
                var id = path[10..^8];
                var listing = listings.FirstOrDefault(l => l.Id == id);
                return listing is null ? NotFound(site, day) : new(200, "application/x-bittorrent", RangeWorld.TorrentFile(listing.Id, listing.Text, $"udp://tracker.{host}:1337/announce"));
            }
        }
        if (site.Archetype == Archetype.IptvReseller && path == "/channels") return Channels(site, day);
        var item = listings.FirstOrDefault(l => l.Path == path);
        return item is null ? NotFound(site, day) : ItemPage(site, day, item, host);
    }

    private static readonly RangeResponse Unknown = RangeResponse.Html("<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>", 404);

    /// <summary>
    /// A host of the site that is not in use on this day: not registered yet (unknown), or given up, and then it
    /// announces the successor as the site chose: a redirect, a "we moved" notice, or nothing (dead, parked or gone).
    /// </summary>
    private RangeResponse Dark(RangeSite site, string host, int day)
    {
        var index = site.Domains.ToList().FindIndex(d => d.Host.Equals(host, StringComparison.OrdinalIgnoreCase));
        var domain = site.Domains[index];
        if (day < domain.FromDay) return Unknown;
        var next = site.HostOn(day) ?? site.Domains[^1].Host;
        return domain.Announce switch
        {
            Announcement.Redirect => RangeResponse.Redirect(next),
            Announcement.Notice => RangeResponse.Html(MovedNotice(site, next, day)),
            // Dead server, or a parking page that answers 200 like real ones do.
            Announcement.AddressList => Stable(site.Id) % 2 == 0 ? RangeResponse.Dropped
                : RangeResponse.Html("<html><head><title>" + E(host) + " - This domain may be for sale</title></head><body><div class=\"parked\"><h1>" + E(host) + "</h1><p>This domain may be for sale. Buy this domain.</p><p>Related searches: Korean drama, Streaming, Movies</p></div></body></html>"),
            _ => Stable(site.Id) % 2 == 0 ? Unknown : RangeResponse.Html("<html><head><title>410 Gone</title></head><body><h1>410 Gone</h1></body></html>", 410),
        };
    }

    /// <summary>
    /// A "we moved" page in the site's language: Korean sites post a bare page and write the address as text, spaced
    /// so that filters miss it; others keep their layout (menus, partner sites, channels) around the notice.
    /// </summary>
    private string MovedNotice(RangeSite site, string next, int day)
    {
        var name = E(site.Name);
        if (site.Language == "ko")
            return $"<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>{name}</title></head><body><h1>{name} 새주소 안내</h1><p>{name} 주소변경 안내드립니다. 기존 주소가 차단되어 새주소로 이전했습니다.</p>" +
                   $"<p>새주소 : <b>{E(next.Replace(".", " . ", StringComparison.Ordinal))}</b> (즐겨찾기 해주세요)</p><p><a href=\"https://t.me/{world.IdentifiersOf(site).Telegram}\">텔레그램</a></p></body></html>";
        var body = site.Language == "fr"
            ? $"<h1>{name} a déménagé</h1><p>Notre ancienne adresse est bloquée. Nouvelle adresse : <a href=\"http://{E(next)}/\">{E(next)}</a>. Mettez vos favoris à jour.</p>"
            : $"<h1>We have moved!</h1><p>{name} has moved to a new domain: <a href=\"http://{E(next)}/\">{E(next)}</a>. Please update your bookmarks.</p>";
        return Layout(site, day, name, body);
    }

    /// <summary>
    /// An address list (링크모음): the current address of every listed site by category, under the site's name, and,
    /// as real lists do, a stale entry or two that leads nowhere.
    /// </summary>
    private RangeResponse AddressList(RangeSite site, int day)
    {
        var body = new StringBuilder("<h1>").Append(E(site.Name)).Append("</h1><p>사이트 최신 주소 모음 – 매일 업데이트</p>\n");
        foreach (var group in world.Listed.GroupBy(s => s.Archetype).OrderBy(g => g.Key))
        {
            body.Append("<section class=\"category\"><h2>").Append(group.Key switch
            {
                Archetype.TorrentIndex => "토렌트",
                Archetype.Streaming => "드라마 다시보기",
                Archetype.DownloadBlog => "다운로드",
                Archetype.WebtoonReader => "웹툰",
                Archetype.MusicBlog => "음악",
                _ => "기타",
            }).Append("</h2><ul class=\"links\">");
            foreach (var listed in group)
            {
                var current = listed.HostOn(day) ?? listed.Domains[^1].Host;
                body.Append("<li><a href=\"http://").Append(current).Append("/\" target=\"_blank\">").Append(E(listed.Name)).Append("</a> <span class=\"url\">").Append(current).Append("</span></li>");
            }
            body.Append("</ul></section>\n");
        }
        // A stale entry: a look-alike address that no site answers on.
        if (world.Sites.FirstOrDefault(s => s.Piracy && s.Domains.Count == 1) is { } stale)
            body.Append("<section class=\"category\"><h2>기타</h2><ul class=\"links\"><li><a href=\"http://").Append(stale.Name).Append("-new.test/\">").Append(E(stale.Name)).Append("</a></li></ul></section>\n");
        return RangeResponse.Html(Layout(site, day, site.Name, body.ToString()));
    }

    private RangeResponse NotFound(RangeSite site, int day) =>
        RangeResponse.Html(Layout(site, day, "404", "<h1>404</h1><p>Not found.</p>"), 404);

    private RangeResponse ListPage(RangeSite site, int day, List<RangeListing> listings, int page)
    {
        if (site.Archetype == Archetype.IptvReseller) return Iptv(site, day);
        var items = listings.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var lang = site.Language;
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(site.Name)).Append(" – ").Append(T(lang, "latest")).Append("</h1>\n");
        var template = site.Template;
        if (site.Engine is "wordpress" or "gnuboard" or "phpbb" or "tracker" or "xenforo") EngineList(body, site, items, day);
        else if (site.Archetype == Archetype.TorrentIndex && template != 1)
        {
            body.Append(template == 0 ? "<table class=\"torrent-list\">" : "<table class=\"tl\" id=\"searchResult\">")
                .Append("<thead><tr><th>").Append(T(lang, "name")).Append("</th><th>").Append(T(lang, "size")).Append("</th><th>")
                .Append(T(lang, "seeders")).Append("</th><th>").Append(T(lang, "leechers")).Append("</th><th>").Append(T(lang, "added")).Append("</th></tr></thead><tbody>\n");
            foreach (var l in items)
            {
                var (seeders, leechers) = Peers(l);
                body.Append("<tr><td class=\"name\"><a href=\"").Append(l.Path).Append("\">").Append(E(l.Text)).Append("</a> <a class=\"magnet\" href=\"").Append(Magnet(l)).Append("\" title=\"magnet\">&#129522;</a>")
                    .Append(" <a href=\"/download/").Append(l.Id).Append(".torrent\" title=\"torrent\">&#11015;</a></td><td>").Append(Size(l)).Append("</td><td>").Append(seeders).Append("</td><td>").Append(leechers)
                    .Append("</td><td>").Append(Posted(site, l, day)).Append("</td></tr>\n");
            }
            body.Append("</tbody></table>\n");
        }
        else
        {
            var (container, itemClass) = template switch { 0 => ("div class=\"grid\"", "card"), 1 => ("div class=\"list\"", "entry"), _ => ("ul class=\"items\"", "item") };
            var itemTag = template == 2 ? "li" : "div";
            body.Append('<').Append(container).Append(">\n");
            foreach (var l in items)
            {
                body.Append('<').Append(itemTag).Append(" class=\"").Append(itemClass).Append("\">");
                if (site.Archetype is Archetype.Streaming or Archetype.WebtoonReader or Archetype.LicensedStreaming)
                    body.Append("<img src=\"/img/").Append(l.Id).Append(".jpg\" alt=\"\" loading=\"lazy\">");
                body.Append("<h3 class=\"title\"><a href=\"").Append(l.Path).Append("\">").Append(E(l.Text)).Append("</a></h3>");
                body.Append("<span class=\"date\">").Append(Posted(site, l, day)).Append("</span> ");
                if (site.Archetype == Archetype.TorrentIndex)
                {
                    var (seeders, leechers) = Peers(l);
                    body.Append("<a href=\"").Append(Magnet(l)).Append("\">magnet</a> <span class=\"seeders\">").Append(seeders).Append("</span> <span class=\"leechers\">").Append(leechers).Append("</span>");
                }
                else if (site.Piracy)
                    body.Append("<span class=\"views\">").Append(Views(l).ToString("N0", CultureInfo.InvariantCulture)).Append(' ').Append(T(lang, "views")).Append("</span>");
                body.Append("</").Append(itemTag).Append(">\n");
            }
            body.Append("</").Append(container.Split(' ')[0]).Append(">\n");
        }
        body.Append("<div class=\"pagination\">");
        if (page > 1) body.Append("<a href=\"/page/").Append(page - 1).Append("\">").Append(T(lang, "previous")).Append("</a> ");
        var pages = Math.Max(1, (listings.Count + PageSize - 1) / PageSize);
        for (var p = 1; p <= pages; p++) body.Append("<a href=\"/page/").Append(p).Append("\">").Append(p).Append("</a> ");
        if (page < pages) body.Append("<a href=\"/page/").Append(page + 1).Append("\">").Append(T(lang, "next")).Append("</a>");
        body.Append("</div>\n");
        return RangeResponse.Html(Layout(site, day, site.Name, body.ToString()));
    }

    /// <summary>A list page in an engine's markup, with the per-item classes, sidebars and widgets the engine writes.</summary>
    private static void EngineList(StringBuilder body, RangeSite site, List<RangeListing> items, int day)
    {
        var lang = site.Language;
        switch (site.Engine)
        {
            case "wordpress":
                body.Append("<div id=\"primary\" class=\"content-area\"><main id=\"main\" class=\"site-main\">\n");
                foreach (var l in items)
                {
                    var number = Stable(l.Id) % 9000 + 100;
                    body.Append("<article id=\"post-").Append(number).Append("\" class=\"post-").Append(number).Append(" post type-post status-publish format-standard hentry category-").Append(Category(l))
                        .Append(" tag-").Append(Stable(l.Id) % 2 == 0 ? "1080p" : "complete").Append("\"><header class=\"entry-header\"><h2 class=\"entry-title\"><a href=\"").Append(l.Path).Append("\" rel=\"bookmark\">").Append(E(l.Text))
                        .Append("</a></h2><div class=\"entry-meta\"><time class=\"entry-date published\" datetime=\"").Append(Iso(l)).Append("\">").Append(Posted(site, l, day)).Append("</time> <span class=\"byline\"><span class=\"author vcard\"><a class=\"url fn n\" href=\"/author/admin/\">admin</a></span></span></div></header>")
                        .Append("<div class=\"entry-content\"><p>").Append(E(l.Text)).Append(".</p>").Append(OfferLinks(site, l)).Append("<p><a href=\"").Append(l.Path).Append("#more\" class=\"more-link\">").Append(T(lang, "more")).Append("</a></p></div>")
                        .Append("<footer class=\"entry-footer\"><span class=\"cat-links\"><a href=\"/category/").Append(Category(l)).Append("/\" rel=\"category tag\">").Append(Category(l)).Append("</a></span> <span class=\"comments-link\"><a href=\"").Append(l.Path)
                        .Append("#comments\">").Append(Stable(l.Id) % 40).Append(' ').Append(T(lang, "comments")).Append("</a></span></footer></article>\n");
                }
                body.Append("</main></div>\n<aside id=\"secondary\" class=\"widget-area\"><section class=\"widget widget_recent_entries\"><h2 class=\"widget-title\">").Append(T(lang, "latest")).Append("</h2><ul>");
                foreach (var l in items.Take(5)) body.Append("<li><a href=\"").Append(l.Path).Append("\">").Append(E(l.Text)).Append("</a></li>");
                body.Append("</ul></section><section class=\"widget widget_tag_cloud\"><div class=\"tagcloud\">");
                foreach (var tag in new[] { "1080p", "complete", "drama", "film", "vostfr" }) body.Append("<a href=\"/tag/").Append(tag).Append("/\" class=\"tag-cloud-link\">").Append(tag).Append("</a> ");
                body.Append("</div></section></aside>\n");
                break;
            case "gnuboard":
                body.Append("<div id=\"bo_list\"><div class=\"tbl_head01 tbl_wrap\"><table><caption>").Append(E(site.Name)).Append("</caption><thead><tr><th scope=\"col\">번호</th><th scope=\"col\">제목</th><th scope=\"col\">글쓴이</th><th scope=\"col\"><a href=\"?sst=wr_hit\">조회</a></th><th scope=\"col\">날짜</th></tr></thead><tbody>\n")
                    .Append("<tr class=\"bo_notice\"><td class=\"td_num2\"><strong class=\"notice_icon\">공지</strong></td><td class=\"td_subject\"><div class=\"bo_tit\"><a href=\"/notice\">게시판 이용 규칙 안내 (필독)</a></div></td><td class=\"td_name sv_use\"><span class=\"sv_member\">최고관리자</span></td><td class=\"td_num\">9,999</td><td class=\"td_datetime\">01-02</td></tr>\n");
                var row = items.Count;
                foreach (var l in items)
                    body.Append("<tr><td class=\"td_num2\">").Append(row--).Append("</td><td class=\"td_subject\"><div class=\"bo_tit\"><a href=\"").Append(l.Path).Append("\">").Append(E(l.Text)).Append("</a><span class=\"sound_only\">댓글</span><span class=\"cnt_cmt\">")
                        .Append(Stable(l.Id) % 20).Append("</span></div></td><td class=\"td_name sv_use\"><span class=\"sv_member\">").Append(Uploader(l)).Append("</span></td><td class=\"td_num\">").Append(Views(l).ToString("N0", CultureInfo.InvariantCulture))
                        .Append("</td><td class=\"td_datetime\">").Append(Posted(site, l, day)).Append("</td></tr>\n");
                body.Append("</tbody></table></div></div>\n<aside id=\"aside\"><div class=\"lt\"><h2 class=\"lat_title\">최신글</h2><ul>");
                foreach (var l in items.Take(5)) body.Append("<li><a href=\"").Append(l.Path).Append("\">").Append(E(l.Text)).Append("</a></li>");
                body.Append("</ul></div></aside>\n");
                break;
            case "phpbb":
                body.Append("<div class=\"forumbg announcement\"><div class=\"inner\"><ul class=\"topiclist topics\"><li class=\"row bg1 global-announce\"><dl class=\"row-item\"><dt><div class=\"list-inner\"><a href=\"/rules\" class=\"topictitle\">Board rules – read before posting</a></div></dt><dd class=\"posts\">0 <dfn>Replies</dfn></dd></dl></li></ul></div></div>\n")
                    .Append("<div class=\"forumbg\"><div class=\"inner\"><ul class=\"topiclist\"><li class=\"header\"><dl class=\"row-item\"><dt><div class=\"list-inner\">Topics</div></dt><dd class=\"posts\">Replies</dd><dd class=\"views\">Views</dd></dl></li></ul><ul class=\"topiclist topics\">\n");
                foreach (var l in items)
                    body.Append("<li class=\"row bg").Append(Stable(l.Id) % 2 + 1).Append("\"><dl class=\"row-item topic_read\"><dt><div class=\"list-inner\"><a href=\"").Append(l.Path).Append("\" class=\"topictitle\">").Append(E(l.Text))
                        .Append("</a><br><div class=\"topic-poster\">by <a href=\"/memberlist.php?mode=viewprofile&amp;u=").Append(Stable(l.Id) % 5 + 1).Append("\" class=\"username\">").Append(Uploader(l)).Append("</a> &raquo; <time datetime=\"").Append(Iso(l)).Append("\">").Append(Posted(site, l, day))
                        .Append("</time></div></div></dt><dd class=\"posts\">").Append(Stable(l.Id) % 40).Append(" <dfn>Replies</dfn></dd><dd class=\"views\">").Append(Views(l)).Append(" <dfn>Views</dfn></dd></dl></li>\n");
                body.Append("</ul></div></div>\n<div class=\"jumpbox dropdown-container\"><ul class=\"dropdown-contents\"><li><a href=\"/page/1\">").Append(T(lang, "series")).Append("</a></li><li><a href=\"/page/2\">").Append(T(lang, "movies"))
                    .Append("</a></li><li><a href=\"/page/3\">").Append(T(lang, "latest")).Append("</a></li></ul></div>\n");
                break;
            case "tracker":
                body.Append("<table border=\"1\" cellspacing=\"0\" cellpadding=\"5\"><tr><td class=\"colhead\">Type</td><td class=\"colhead\">").Append(T(lang, "name")).Append("</td><td class=\"colhead\">DL</td><td class=\"colhead\">").Append(T(lang, "added"))
                    .Append("</td><td class=\"colhead\">").Append(T(lang, "size")).Append("</td><td class=\"colhead\"><img src=\"/pic/seeders.gif\" alt=\"Seeders\"></td><td class=\"colhead\"><img src=\"/pic/leechers.gif\" alt=\"Leechers\"></td><td class=\"colhead\">Upped&nbsp;by</td></tr>\n");
                foreach (var l in items)
                {
                    var (seeders, leechers) = Peers(l);
                    body.Append("<tr><td><a href=\"/page/1\"><img src=\"/pic/cat_").Append(Category(l)).Append(".gif\" alt=\"").Append(Category(l)).Append("\"></a></td><td><a href=\"").Append(l.Path).Append("\"><b>").Append(E(l.Text)).Append("</b></a></td><td><a href=\"/download/")
                        .Append(l.Id).Append(".torrent\"><img src=\"/pic/download.gif\" alt=\"Download\"></a> <a href=\"").Append(Magnet(l)).Append("\"><img src=\"/pic/magnet.gif\" alt=\"Magnet\"></a></td><td>").Append(Posted(site, l, day)).Append("</td><td>").Append(Size(l))
                        .Append("</td><td><b>").Append(seeders).Append("</b></td><td>").Append(leechers).Append("</td><td><a href=\"/userdetails.php?id=").Append(Stable(l.Id) % 5 + 1).Append("\">").Append(Uploader(l)).Append("</a></td></tr>\n");
                }
                body.Append("</table>\n");
                break;
            default:
                body.Append("<div class=\"structItemContainer\"><div class=\"structItemContainer-group js-threadList\">\n");
                foreach (var l in items)
                    body.Append("<div class=\"structItem structItem--thread js-inlineModContainer js-threadListItem-").Append(Stable(l.Id) % 9000).Append("\"><div class=\"structItem-cell structItem-cell--main\"><div class=\"structItem-title\"><a href=\"/forums/?prefix_id=1\" class=\"labelLink\"><span class=\"label\">")
                        .Append(Category(l)).Append("</span></a> <a href=\"").Append(l.Path).Append("\">").Append(E(l.Text)).Append("</a></div><div class=\"structItem-minor\"><ul class=\"structItem-parts\"><li><a href=\"/members/").Append(Uploader(l)).Append(".1/\" class=\"username\">").Append(Uploader(l))
                        .Append("</a></li><li><time class=\"u-dt\" datetime=\"").Append(Iso(l)).Append("\">").Append(Posted(site, l, day)).Append("</time></li></ul></div></div><div class=\"structItem-cell structItem-cell--meta\"><dl class=\"pairs pairs--justified\"><dt>Replies</dt><dd>").Append(Stable(l.Id) % 40)
                        .Append("</dd></dl><dl class=\"pairs pairs--justified structItem-minor\"><dt>Views</dt><dd>").Append(Views(l)).Append("</dd></dl></div></div>\n");
                body.Append("</div></div>\n<div class=\"p-body-sidebar\"><h3 class=\"block-minorHeader\">Latest posts</h3><ul>");
                foreach (var l in items.Take(5)) body.Append("<li><a href=\"").Append(l.Path).Append("\">").Append(E(l.Text)).Append("</a></li>");
                body.Append("</ul></div>\n");
                break;
        }
    }

    /// <summary>The links an item is offered by: lockers for a download blog, a locker for music, magnet and .torrent for an index.</summary>
    private static string OfferLinks(RangeSite site, RangeListing item) => site.Archetype switch
    {
        Archetype.DownloadBlog => $"<p><strong>{T(site.Language, "download")}:</strong></p><p><a href=\"https://mega.nz/file/{item.Id}#k\">MEGA</a> | <a href=\"https://rapidgator.net/file/{item.Id.ToLowerInvariant()}/{RangeWorld.Slug(item.Text)}.mkv.html\">Rapidgator</a> | <a href=\"https://ouo.io/{item.Id.Replace("-", "", StringComparison.Ordinal)}\">Mirror</a></p>\n",
        Archetype.MusicBlog => $"<p><a href=\"https://www.mediafire.com/file/{item.Id.ToLowerInvariant()}/{RangeWorld.Slug(item.Text)}.zip/file\">{T(site.Language, "download")} (MediaFire)</a></p>\n",
        Archetype.TorrentIndex => $"<p><a class=\"magnet\" href=\"{Magnet(item)}\">Magnet</a> <a href=\"/download/{item.Id}.torrent\">{T(site.Language, "download")} .torrent</a></p>\n",
        _ => "",
    };

    /// <summary>A Gnuboard post: title, views, the body with its links, the .torrent attachment, and comments.</summary>
    private static void GnuboardView(StringBuilder body, RangeSite site, RangeListing item, int day)
    {
        body.Append("<article id=\"bo_v\"><header><h2 id=\"bo_v_title\"><span class=\"bo_v_tit\">").Append(E(item.Text)).Append("</span></h2></header><section id=\"bo_v_info\"><span class=\"sv_member\">").Append(Uploader(item))
            .Append("</span> <strong>조회 ").Append(Views(item).ToString("N0", CultureInfo.InvariantCulture)).Append("</strong> <strong class=\"if_date\">").Append(Posted(site, item, day)).Append("</strong></section><section id=\"bo_v_atc\"><div id=\"bo_v_con\"><p>").Append(E(item.Text)).Append(".</p>")
            .Append(site.Archetype == Archetype.TorrentIndex ? $"<p><a href=\"{Magnet(item)}\">{E(Magnet(item)[..60])}</a></p>" : OfferLinks(site, item)).Append("</div></section>");
        if (site.Archetype == Archetype.TorrentIndex)
            body.Append("<section id=\"bo_v_file\"><h2>첨부파일</h2><ul><li><a href=\"/download/").Append(item.Id).Append(".torrent\" class=\"view_file_download\"><strong>").Append(E(item.Text)).Append(".torrent</strong> (24.5K)</a></li></ul></section>");
        body.Append("</article>\n<section id=\"bo_vc\"><h2>댓글목록</h2>");
        for (var c = 0; c < 3; c++) body.Append("<article id=\"c_").Append(c + 1).Append("\"><header><span class=\"sv_member\">user").Append(c + 1).Append("</span></header><div class=\"cmt_contents\"><p>").Append(T(site.Language, "thanks")).Append("</p></div></article>");
        body.Append("</section>\n");
    }

    /// <summary>A phpBB topic: the first post carries the links, the replies thank the uploader.</summary>
    private static void PhpbbTopic(StringBuilder body, RangeSite site, RangeListing item)
    {
        body.Append("<h2 class=\"topic-title\"><a href=\"").Append(item.Path).Append("\">").Append(E(item.Text)).Append("</a></h2>\n");
        for (var p = 0; p < 4; p++)
        {
            var id = Stable(item.Id) % 90000 + p;
            body.Append("<div id=\"p").Append(id).Append("\" class=\"post has-profile bg").Append(p % 2 + 1).Append("\"><div class=\"inner\"><dl class=\"postprofile\"><dt><a href=\"/memberlist.php?mode=viewprofile&amp;u=").Append(p + 1).Append("\" class=\"username\">")
                .Append(p == 0 ? Uploader(item) : "user" + p).Append("</a></dt></dl><div class=\"postbody\"><h3><a href=\"").Append(item.Path).Append("#p").Append(id).Append("\">").Append(p == 0 ? "" : "Re: ").Append(E(item.Text)).Append("</a></h3><div class=\"content\">")
                .Append(p == 0 ? $"<p>{E(item.Text)}.</p>{OfferLinks(site, item)}" : T(site.Language, "thanks")).Append("</div></div></div></div>\n");
        }
    }

    private static string Category(RangeListing l) => (Stable(l.Id) % 3) switch { 0 => "drama", 1 => "film", _ => "variety" };

    private static string Uploader(RangeListing l) => new[] { "seoulrips", "dramafr", "hanbyul", "kimchi", "uploader" }[Stable(l.Id) % 5];

    private RangeResponse ItemPage(RangeSite site, int day, RangeListing item, string host)
    {
        var lang = site.Language;
        var body = new StringBuilder();
        if (site.Archetype is Archetype.DownloadBlog or Archetype.MusicBlog or Archetype.TorrentIndex && site.Engine is "gnuboard" or "phpbb")
        {
            if (site.Engine == "gnuboard") GnuboardView(body, site, item, day);
            else PhpbbTopic(body, site, item);
            return RangeResponse.Html(Layout(site, day, item.Text, body.ToString()));
        }
        body.Append("<article class=\"post\"><h1 class=\"entry-title\">").Append(E(item.Text)).Append("</h1>\n<p class=\"meta\"><span class=\"date\">").Append(Posted(site, item, day)).Append("</span>").Append("</p>\n");
        switch (site.Archetype)
        {
            case Archetype.TorrentIndex:
                var (seeders, leechers) = Peers(item);
                body.Append("<dl><dt>").Append(T(lang, "size")).Append("</dt><dd>").Append(Size(item)).Append("</dd><dt>").Append(T(lang, "seeders")).Append("</dt><dd>").Append(seeders)
                    .Append("</dd><dt>").Append(T(lang, "leechers")).Append("</dt><dd>").Append(leechers).Append("</dd><dt>Info hash</dt><dd>").Append(item.InfoHash).Append("</dd></dl>\n")
                    .Append("<a class=\"magnet\" href=\"").Append(Magnet(item)).Append("\">Magnet</a> <a href=\"/download/").Append(item.Id).Append(".torrent\">").Append(T(lang, "download")).Append(" .torrent</a>\n");
                break;
            case Archetype.Streaming:
                // Some streaming sites put their visitors at risk: a fake player update that is an executable, and a coin miner.
                if (Stable(site.Id) % 3 == 0)
                    body.Append("<div class=\"overlay\">").Append(site.Language switch { "ko" => "계속 보려면 플레이어 업데이트가 필요합니다", "fr" => "Veuillez mettre à jour votre lecteur vidéo", _ => "Please update your video player to continue watching" })
                        .Append(" <a class=\"btn\" href=\"/dl/HD_Player_Update.exe\">OK</a></div>\n<script src=\"https://cdn.coinhive.test/lib/coinhive.min.js\"></script><script>var miner=new CoinHive.Anonymous('").Append(site.Id).Append("');miner.start();</script>\n");
                var stream = $"https://cdn{item.Id.Length % 3 + 1}.vidstream.test/hls/{item.Id.ToLowerInvariant()}/master.m3u8";
                body.Append("<div id=\"player\"></div>\n<script>").Append(Packer.Pack($"var player=jwplayer('player');player.setup({{file:'{stream}',autostart:false}});")).Append("</script>\n")
                    .Append("<iframe src=\"https://embed.vidstream.test/e/").Append(item.Id.ToLowerInvariant()).Append("\" allowfullscreen></iframe>\n");
                break;
            case Archetype.DownloadBlog:
                var slug = RangeWorld.Slug(item.Text);
                body.Append("<p><strong>").Append(T(lang, "download")).Append(":</strong></p><p><a href=\"https://mega.nz/file/").Append(item.Id).Append("#k\">MEGA</a> | ")
                    .Append("<a href=\"https://rapidgator.net/file/").Append(item.Id.ToLowerInvariant()).Append('/').Append(slug).Append(".mkv.html\">Rapidgator</a> | ")
                    .Append("<a href=\"https://ouo.io/").Append(item.Id.Replace("-", "", StringComparison.Ordinal)).Append("\">Mirror</a></p>\n");
                break;
            case Archetype.WebtoonReader:
                body.Append("<div class=\"viewer\">");
                for (var i = 1; i <= 5; i++) body.Append("<img src=\"/pages/").Append(item.Id).Append('/').Append(i).Append(".jpg\" alt=\"\">");
                body.Append("</div>\n");
                break;
            case Archetype.MusicBlog:
                body.Append("<p><a href=\"https://www.mediafire.com/file/").Append(item.Id.ToLowerInvariant()).Append('/').Append(RangeWorld.Slug(item.Text)).Append(".zip/file\">").Append(T(lang, "download")).Append(" (MediaFire)</a></p>\n");
                break;
            case Archetype.LicensedStreaming:
                body.Append("<p>Available to subscribers in HD. <a href=\"/subscribe\">Subscribe</a></p>\n");
                break;
            default:
                body.Append("<p>").Append(E(item.Text)).Append(". Our editors look back at the episode and what comes next.</p>\n");
                break;
        }
        body.Append("</article>\n");
        if (site.Piracy)
        {
            body.Append("<section class=\"comments\"><h2>").Append(T(lang, "comments")).Append("</h2>");
            for (var c = 0; c < 3; c++) body.Append("<div class=\"comment\"><b>user").Append(c + 1).Append("</b><p>").Append(T(lang, "thanks")).Append("</p></div>");
            body.Append("</section>\n");
        }
        return RangeResponse.Html(Layout(site, day, item.Text, body.ToString()));
    }

    private RangeResponse Iptv(RangeSite site, int day)
    {
        var body = new StringBuilder("<h1>Premium IPTV – 20,000 channels, K-dramas live</h1><div class=\"plans\">");
        foreach (var (months, price) in new[] { (1, "12.99"), (6, "49.99"), (12, "79.99") })
            body.Append("<div class=\"plan\"><h3>").Append(months).Append(" month").Append(months > 1 ? "s" : "").Append("</h3><p>€").Append(price).Append("</p><a href=\"/checkout?plan=").Append(months).Append("m\">Buy</a></div>");
        body.Append("</div><section class=\"payment\"><h2>Pay with crypto</h2>");
        var ids = world.IdentifiersOf(site);
        body.Append("<p>BTC: <code>").Append(ids.Bitcoin).Append("</code></p><p>ETH / USDT-ERC20: <code>").Append(Ethereum(site, ids))
            .Append("</code></p><p>USDT-TRC20: <code>").Append(ids.Tron).Append("</code></p>");
        body.Append("<p><a href=\"https://pay.cryptomus.com/pay/").Append(Stable(site.Id) % 900_000 + 100_000).Append("\">Pay by card or crypto</a></p>");
        body.Append("</section><p><a href=\"/channels\">Channel list</a></p>");
        return RangeResponse.Html(Layout(site, day, site.Name, body.ToString()));
    }

    private RangeResponse Channels(RangeSite site, int day)
    {
        var body = new StringBuilder("<h1>Channels</h1><ul>");
        foreach (var channel in new[] { "KBS World", "tvN Asia", "JTBC", "MBC", "SBS", "Mnet" }) body.Append("<li>").Append(channel).Append(" HD</li>");
        return RangeResponse.Html(Layout(site, day, "Channels", body.Append("</ul>").ToString()));
    }

    private RangeResponse Feed(RangeSite site, string host, List<RangeListing> listings, bool torznab)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:torznab=\"http://torznab.com/schemas/2015/feed\"><channel>");
        xml.Append("<title>").Append(E(site.Name)).Append("</title><link>http://").Append(host).Append("/</link>");
        foreach (var l in listings.Take(100))
        {
            var (seeders, leechers) = Peers(l);
            xml.Append("<item><title>").Append(E(l.Text)).Append("</title><guid>http://").Append(host).Append(l.Path).Append("</guid><link>http://").Append(host).Append(l.Path).Append("</link>")
                .Append("<pubDate>").Append(Time(l).ToString("r", CultureInfo.InvariantCulture)).Append("</pubDate>")
                .Append("<enclosure url=\"http://").Append(host).Append("/download/").Append(l.Id).Append(".torrent\" type=\"application/x-bittorrent\" length=\"0\"/>");
            if (torznab)
                xml.Append("<torznab:attr name=\"seeders\" value=\"").Append(seeders).Append("\"/><torznab:attr name=\"peers\" value=\"").Append(seeders + leechers)
                    .Append("\"/><torznab:attr name=\"infohash\" value=\"").Append(l.InfoHash).Append("\"/><torznab:attr name=\"magneturl\" value=\"").Append(E(Magnet(l))).Append("\"/>");
            xml.Append("</item>");
        }
        return new(200, torznab ? "application/xml; charset=utf-8" : "application/rss+xml; charset=utf-8", Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString()));
    }

    private static RangeResponse Caps() => new(200, "application/xml", Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><caps><server title=\"range\"/><searching><search available=\"yes\" supportedParams=\"q\"/></searching><categories><category id=\"5000\" name=\"TV\"/><category id=\"2000\" name=\"Movies\"/></categories></caps>"));

    /// <summary>The themes the page templates are sold as: a wholesale copy carries the credit, its vendor's support address and its CDN.</summary>
    private static readonly string[] Themes = ["DramaGrid", "ListPress", "ItemFlow", "Dooplay", "Eyoom", "Prosilver", "XenDark"];

    /// <summary>An Ethereum address as the site writes it: checksummed on some sites, all lower case on others (the same account).</summary>
    private static string Ethereum(RangeSite site, IdentifierSet ids) => Stable(site.Id) % 2 == 0 ? ids.Ethereum.ToLowerInvariant() : ids.Ethereum;

    /// <summary>
    /// The page chrome: navigation, analytics and ads, messenger and donation links, partner sites, footer. Piracy sites
    /// show their identifiers (an operation's shared ones, their own for the rest); every site, legitimate or not, uses
    /// the same image CDN, script library and popular ad network, and links the broadcaster's official account: weak
    /// or public things that tie no two sites together.
    /// </summary>
    private string Layout(RangeSite site, int day, string title, string content)
    {
        var lang = site.Language;
        var ids = world.IdentifiersOf(site);
        var theme = Themes[site.Template % Themes.Length];
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append(" | ").Append(E(site.Name)).Append("</title>\n");
        html.Append("<link rel=\"icon\" href=\"/favicon.ico\"><meta property=\"og:site_name\" content=\"").Append(E(site.Name)).Append("\">\n")
            .Append("<link rel=\"stylesheet\" href=\"https://cdn.themecdn.test/").Append(theme.ToLowerInvariant()).Append("/2.4/style.css\">\n")
            .Append("<script src=\"https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js\"></script>\n");
        if (site.Archetype != Archetype.AddressList)
        {
            html.Append("<script async src=\"https://www.googletagmanager.com/gtag/js?id=").Append(ids.Analytics).Append("\"></script>\n")
                .Append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','").Append(ids.Analytics).Append("');</script>\n");
        }
        if (site.Piracy)
        {
            html.Append("<script async src=\"https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=").Append(ids.AdSense).Append("\" crossorigin=\"anonymous\"></script>\n")
                .Append("<script data-cfasync=\"false\" src=\"//c.popnet.test/pop.js\" data-zone=\"").Append(Stable(site.Id) % 900_000 + 100_000).Append("\"></script>\n");
        }
        html.Append("</head><body class=\"t").Append(site.Template).Append("\">\n<header><nav class=\"menu\"><a href=\"/\">").Append(T(lang, "home")).Append("</a> <a href=\"/page/1\">")
            .Append(T(lang, "latest")).Append("</a> <a href=\"/page/2\">").Append(T(lang, "series")).Append("</a> <a href=\"/page/3\">").Append(T(lang, "movies")).Append("</a></nav></header>\n");
        if (site.Piracy) html.Append("<div class=\"ad\"><small>").Append(T(lang, "ad")).Append("</small><ins class=\"adsbygoogle\" data-ad-client=\"").Append(ids.AdSense).Append("\"></ins></div>\n");
        html.Append("<main>").Append(content).Append("</main>\n");
        if (site.Piracy)
        {
            html.Append("<aside class=\"partners\"><h3>").Append(T(lang, "partners")).Append("</h3><ul>");
            foreach (var partner in world.PartnersOf(site))
                html.Append("<li><a href=\"http://").Append(partner.HostOn(day) ?? partner.Domains[^1].Host).Append("/\" rel=\"nofollow\">").Append(E(partner.Name)).Append("</a></li>");
            html.Append("</ul></aside>\n");
        }
        html.Append("<footer><a href=\"/dmca\">").Append(T(lang, "dmca")).Append("</a> <a href=\"https://x.com/tvn_drama\">@tvn_drama</a> ");
        if (site.Piracy)
        {
            html.Append("<a href=\"https://t.me/").Append(ids.Telegram).Append("\">").Append(T(lang, "join")).Append("</a> ");
            // A VPN affiliate link (the site's own affiliate account), and on some sites a PayPal donation link.
            html.Append("<a href=\"https://www.vpn-deal.test/offer?aff_id=").Append(Stable(site.Id) % 90_000 + 10_000).Append("\" rel=\"sponsored\">VPN -70%</a> ");
            if (Stable(site.Id) % 4 == 0) html.Append("<a href=\"https://paypal.me/").Append(site.Name).Append("donate\">PayPal</a> ");
            if (site.Archetype != Archetype.IptvReseller)
                html.Append("<span class=\"donate\">").Append(T(lang, "donate")).Append(": ").Append(ids.Bitcoin).Append(" · ETH ").Append(Ethereum(site, ids)).Append("</span> ");
            html.Append("<span>").Append(T(lang, "contact")).Append(": admin@").Append(site.Domains[0].Host).Append(" · ").Append(ids.Email).Append("</span> ");
        }
        html.Append("<p class=\"credit\">Theme ").Append(theme).Append(" by ").Append(theme).Append("Studio – support: support@").Append(theme.ToLowerInvariant()).Append("studio.test</p></footer>\n</body></html>");
        return html.ToString();
    }

    public static string Magnet(RangeListing l) =>
        $"magnet:?xt=urn:btih:{l.InfoHash}&dn={Uri.EscapeDataString(l.Text)}&tr={Uri.EscapeDataString("udp://tracker.range.test:1337/announce")}";

    private static (int Seeders, int Leechers) Peers(RangeListing l)
    {
        var h = Stable(l.Id);
        return ((int)(h % 5000), (int)(h / 5000 % 700));
    }

    private static long Views(RangeListing l) => Stable(l.Id) % 90_000 + 100;

    private static string Size(RangeListing l) => $"{(Stable(l.Id) % 3500 + 300) / 1000.0:0.0} GB";

    /// <summary>Hour 0 of the range's first day.</summary>
    public static readonly DateTime Epoch = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The range's clock on a simulated day: its last hour.</summary>
    public static DateTime Now(int day) => Epoch.AddDays(day).AddHours(23);

    private static DateTime Time(RangeListing l) => Epoch.AddHours(l.Hour);

    /// <summary>The posting time as a machine reads it: ISO 8601 in UTC.</summary>
    private static string Iso(RangeListing l) => Time(l).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>
    /// The posting time as the site shows it: relative within a day of the site's clock ("5 hours ago", "5시간 전",
    /// "il y a 5 heures"), else in the board's or the language's usual form, in the zone the site's audience lives in
    /// (Seoul for Korean sites, Paris for French ones, UTC otherwise).
    /// </summary>
    private static string Posted(RangeSite site, RangeListing l, int day)
    {
        var hours = (int)(Now(day) - Time(l)).TotalHours;
        if (hours is >= 1 and < 24)
            return site.Language switch { "ko" => $"{hours}시간 전", "fr" => hours == 1 ? "il y a une heure" : $"il y a {hours} heures", _ => hours == 1 ? "an hour ago" : $"{hours} hours ago" };
        var local = Time(l).AddHours(site.Language switch { "ko" => 9, "fr" => 1, _ => 0 });
        if (site.Engine == "gnuboard") return local.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        var alternate = Stable(site.Id) % 2 == 0;
        return site.Language switch
        {
            "ko" => local.ToString(alternate ? "yyyy.MM.dd HH:mm" : "yyyy년 M월 d일 HH:mm", CultureInfo.InvariantCulture),
            "fr" => alternate ? local.ToString("dd/MM/yyyy HH'h'mm", CultureInfo.InvariantCulture) : local.ToString("d MMMM yyyy 'à' HH:mm", French),
            _ => alternate ? local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : local.ToString("MMM d, yyyy h:mm tt", CultureInfo.InvariantCulture),
        };
    }

    private static uint Stable(string id) => BitConverter.ToUInt32(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(id)));

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
