using System.Text.RegularExpressions;

namespace Isop.Crawling.Extraction;

/// <summary>A link from a page to another site, with the text it is shown under (an address list names the site it points at).</summary>
public sealed record Outlink(string Host, string Url, string? Label);

/// <summary>What a page says about where a site went: the host names a "we moved" notice gives, and the words that said so.</summary>
public sealed record MoveNotice(IReadOnlyList<string> Hosts, string Phrase);

/// <summary>
/// Reads the signs that a site moved or went dark: "we moved" notices in the languages piracy sites are written in
/// (Korean sites post 새주소 / 주소변경 notices and write the address as spaced text so that filters miss it), and
/// the parking pages registrars show on a domain that was given up.
/// </summary>
internal static partial class Moves
{
    private const int MaxTextChars = 20_000;

    /// <summary>Words that announce a new address, lower case.</summary>
    private static readonly string[] MovedPhrases =
    [
        "새주소", "새 주소", "주소변경", "주소 변경", "주소이전", "주소 이전", "도메인 변경", "도메인변경", "최신주소", "최신 주소", "우회주소",
        "we have moved", "we've moved", "we moved", "has moved to", "have moved to", "moved to a new domain", "our new domain", "our new address", "new domain is", "new address is",
        "nouvelle adresse", "a déménagé", "avons déménagé", "nouveau domaine", "nouveau nom de domaine",
        "nuevo dominio", "nueva dirección", "nos mudamos", "neue adresse", "neue domain", "umgezogen", "nuovo dominio", "nuovo indirizzo",
        "novo endereço", "novo domínio", "yeni adres", "новый адрес", "новый домен", "переехали", "新域名", "新地址", "新网址", "最新地址", "新しいurl", "移転しました",
    ];

    /// <summary>Words of registrars' parking pages, lower case.</summary>
    private static readonly string[] ParkedPhrases =
    [
        "domain may be for sale", "this domain is for sale", "domain is for sale", "buy this domain", "this domain is parked", "domain parked", "parked free",
        "parkingcrew", "sedoparking", "bodis.com", "afternic", "hugedomains", "domain has expired", "this domain has been registered",
        "도메인 판매", "이 도메인은 판매", "ce domaine est à vendre", "domaine à vendre", "nom de domaine à vendre", "dominio en venta", "domain steht zum verkauf",
    ];

    /// <summary>Where a host name is written to be read by people, not filters: "site . com", "site[.]com", "site(dot)com", "site 점 com".</summary>
    [GeneratedRegex(@"\s*(?:\[\s*\.\s*\]|\(\s*\.\s*\)|\[\s*dot\s*\]|\(\s*dot\s*\)|\s\.\s|\s점\s)\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex SpacedDot();

    [GeneratedRegex(@"(?<![\w.@-])(?:https?://)?(?<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}[a-z]{2,24})(?::\d{1,5})?(?![\w@-])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex HostText();

    /// <summary>Name endings that are files, not hosts.</summary>
    private static readonly HashSet<string> FileEndings = new(StringComparer.Ordinal)
    {
        "html", "htm", "php", "asp", "aspx", "jsp", "js", "css", "json", "xml", "txt", "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "mp4", "mkv", "avi", "zip", "rar", "torrent", "srt",
    };

    /// <summary>Hosts that appear beside notices without being anyone's new address: social networks, messengers, site engines.</summary>
    private static readonly string[] NeverSuccessors =
    [
        "t.me", "telegram.me", "telegram.org", "x.com", "twitter.com", "facebook.com", "fb.com", "instagram.com", "youtube.com", "youtu.be", "tiktok.com",
        "discord.gg", "discord.com", "wa.me", "whatsapp.com", "kakao.com", "naver.com", "daum.net", "google.com", "wordpress.org", "wordpress.com", "blogger.com",
        "github.com", "cloudflare.com", "jquery.com", "bootstrapcdn.com", "w3.org", "schema.org", "gravatar.com", "vk.com", "reddit.com",
    ];

    /// <summary>
    /// The notice on a page, if it announces a move: the host names given in the block that says so (the innermost
    /// element holding the words, widened until it names a host), written addresses first (spaced or bracketed dots
    /// undone), then its links; never the page's own site, a social network or a site engine.
    /// </summary>
    public static MoveNotice? Notice(AngleSharp.Dom.IElement body, Uri baseUrl, Uri page)
    {
        var text = body.TextContent;
        var lower = (text.Length > MaxTextChars ? text[..MaxTextChars] : text).ToLowerInvariant();
        var phrase = MovedPhrases.FirstOrDefault(p => lower.Contains(p, StringComparison.Ordinal));
        if (phrase is null) return null;
        // The innermost element whose text holds the words.
        var block = body;
        var descended = true;
        while (descended)
        {
            descended = false;
            foreach (var child in block.Children)
                if (child.TextContent.Contains(phrase, StringComparison.OrdinalIgnoreCase))
                {
                    block = child;
                    descended = true;
                    break;
                }
        }
        var own = Urls.Site(page.IdnHost);
        for (var scope = block; scope is not null; scope = scope == body ? null : scope.ParentElement)
        {
            var hosts = HostsIn(scope, baseUrl, own);
            if (hosts.Count > 0) return new MoveNotice(hosts, phrase);
        }
        return null;
    }

    private static List<string> HostsIn(AngleSharp.Dom.IElement scope, Uri baseUrl, string own)
    {
        var hosts = new List<string>();
        void Add(string host)
        {
            var name = host.TrimEnd('.').ToLowerInvariant();
            var last = name[(name.LastIndexOf('.') + 1)..];
            if (name.Length > 253 || FileEndings.Contains(last) || Urls.Site(name) == own || hosts.Contains(name) || hosts.Count >= 10) return;
            if (NeverSuccessors.Any(n => name == n || name.EndsWith("." + n, StringComparison.Ordinal))) return;
            hosts.Add(name);
        }
        var text = scope.TextContent;
        if (text.Length > MaxTextChars) text = text[..MaxTextChars];
        try
        {
            foreach (Match m in HostText().Matches(SpacedDot().Replace(text, ".")))
                if (!m.Value.Contains('@', StringComparison.Ordinal)) Add(m.Groups["host"].Value);
        }
        catch (RegexMatchTimeoutException)
        {
            // keep the hosts found so far
        }
        foreach (var anchor in scope.QuerySelectorAll("a[href]"))
            if (Urls.Resolve(anchor.GetAttribute("href"), baseUrl, out _) is { Scheme: "http" or "https" } target) Add(target.IdnHost);
        return hosts;
    }

    /// <summary>Whether a page is a registrar's parking page (a domain given up or for sale) rather than a site.</summary>
    public static bool Parked(string? title, string text)
    {
        var lower = ((title ?? "") + "\n" + (text.Length > MaxTextChars ? text[..MaxTextChars] : text)).ToLowerInvariant();
        return ParkedPhrases.Any(p => lower.Contains(p, StringComparison.Ordinal));
    }
}
