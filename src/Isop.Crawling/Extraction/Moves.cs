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
        "parkingcrew", "sedoparking", "bodis.com", "afternic", "hugedomains", "dan.com", "domain has expired", "this domain has been registered",
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

    /// <summary>
    /// The notice on a page, if it announces a move: host names from its links to other sites and from its text (spaced
    /// or bracketed dots undone), other than the page's own.
    /// </summary>
    public static MoveNotice? Notice(string text, IEnumerable<Outlink> links, Uri page)
    {
        var visible = text.Length > MaxTextChars ? text[..MaxTextChars] : text;
        var lower = visible.ToLowerInvariant();
        var phrase = MovedPhrases.FirstOrDefault(p => lower.Contains(p, StringComparison.Ordinal));
        if (phrase is null) return null;
        var own = Urls.Site(page.IdnHost);
        var hosts = new List<string>();
        void Add(string host)
        {
            var name = host.TrimEnd('.').ToLowerInvariant();
            var last = name[(name.LastIndexOf('.') + 1)..];
            if (FileEndings.Contains(last) || Urls.Site(name) == own || hosts.Contains(name) || hosts.Count >= 10) return;
            hosts.Add(name);
        }
        foreach (var link in links) Add(link.Host);
        try
        {
            foreach (Match m in HostText().Matches(SpacedDot().Replace(visible, ".")))
                if (!m.Value.Contains('@', StringComparison.Ordinal)) Add(m.Groups["host"].Value);
        }
        catch (RegexMatchTimeoutException)
        {
            // keep the hosts found so far
        }
        return hosts.Count == 0 ? null : new MoveNotice(hosts, phrase);
    }

    /// <summary>Whether a page is a registrar's parking page (a domain given up or for sale) rather than a site.</summary>
    public static bool Parked(string? title, string text)
    {
        var lower = ((title ?? "") + "\n" + (text.Length > MaxTextChars ? text[..MaxTextChars] : text)).ToLowerInvariant();
        return ParkedPhrases.Any(p => lower.Contains(p, StringComparison.Ordinal));
    }
}
