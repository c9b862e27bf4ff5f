using Isop.Platforms;

namespace Isop.Web;

/// <summary>The words a reader sees for kinds that the code names (<c>TorrentIndex</c>, <c>magnet</c>): keys of the shared resources.</summary>
public static class KindLabels
{
    public static string Of(PlatformKind kind) => kind switch
    {
        PlatformKind.StreamingSite => "Streaming site",
        PlatformKind.TorrentIndex => "Torrent index",
        PlatformKind.DownloadBlog => "Download blog",
        PlatformKind.Cyberlocker => "Cyberlocker",
        PlatformKind.IptvSeller => "IPTV seller",
        PlatformKind.Forum => "Forum",
        PlatformKind.AddressList => "Address list",
        _ => "Other",
    };

    /// <summary>Where a case stands, as a reader says it.</summary>
    public static string OfCaseStatus(Cases.CaseStatus status) => status switch
    {
        Cases.CaseStatus.Open => "Open",
        Cases.CaseStatus.Investigating => "Investigating",
        Cases.CaseStatus.Action => "Action",
        _ => "Closed",
    };

    /// <summary>What a case link names, as a reader says it.</summary>
    public static string OfCaseLink(Cases.CaseLinkKind kind) => kind switch
    {
        Cases.CaseLinkKind.Platform => "Platform",
        Cases.CaseLinkKind.Operation => "Operation",
        Cases.CaseLinkKind.ReleaseGroup => "Release group",
        Cases.CaseLinkKind.Work => "Work",
        _ => "Identifier",
    };

    /// <summary>What a listing leads to, as the extractor names it; an unknown name is shown as it is.</summary>
    public static string OfListing(string kind) => kind switch
    {
        "torrent" => "Torrent file",
        "magnet" => "Magnet link",
        "stream" => "Stream",
        "download" => "Download",
        "embed" => "Embedded player",
        "page" => "Page",
        _ => kind,
    };

    /// <summary>What an identifier family or signal kind is, as a reader says it.</summary>
    public static string OfSignal(string kind) => kind switch
    {
        "google-analytics" => "Google Analytics ID",
        "google-tag-manager" => "Google Tag Manager ID",
        "adsense" => "AdSense publisher",
        "yandex-metrika" => "Yandex Metrica counter",
        "yandex-rtb" => "Yandex ad account",
        "facebook-pixel" => "Facebook pixel",
        "statcounter" => "StatCounter project",
        "histats" => "Histats counter",
        "hotjar" => "Hotjar site",
        "telegram" => "Telegram channel",
        "discord" => "Discord invite",
        "whatsapp" => "WhatsApp number",
        "x" => "X account",
        "email" => "E-mail address",
        "favicon" or "favicon-sha256" or "favicon-mmh3" => "Favicon",
        "certificate" or "tls-sha256" => "Certificate",
        "tls-name" => "Certificate name",
        "ip" => "IP address",
        "tracker" => "Torrent tracker",
        "wallet-bitcoin" => "Bitcoin wallet",
        "wallet-ethereum" => "Ethereum wallet",
        "wallet-tron" => "TRON wallet",
        "wallet-monero" => "Monero wallet",
        "paypal" => "PayPal account",
        "donation" => "Donation page",
        "affiliate" => "Affiliate account",
        "payment-page" => "Payment page",
        "risk-miner" => "Coin miner",
        "risk-fake-update" => "Fake player update",
        "risk-forced-download" => "Forced download",
        "risk-popunder" => "Pop-under ads",
        "og:site_name" => "Site name (Open Graph)",
        "server" => "Web server",
        _ => kind,
    };

    /// <summary>What an abuse contact is.</summary>
    public static string OfContact(string kind) => kind switch
    {
        "host" => "Hosting provider",
        "registrar" => "Registrar",
        "cdn" => "CDN",
        "search-engine" => "Search engine",
        "platform" => "Platform",
        "other" => "Other",
        _ => kind,
    };

    /// <summary>How a successor was found.</summary>
    public static string OfSuccession(string via) => via switch
    {
        "redirect" => "Redirect",
        "notice" => "Moved notice",
        "address-list" => "Address list",
        "identifiers" => "Shared identifiers",
        _ => via,
    };

    /// <summary>What an item of a succession's evidence shows.</summary>
    public static string OfSuccessionEvidence(string kind) => kind switch
    {
        "dark" => "Went dark",
        "redirect" => "Redirect",
        "notice" => "Moved notice",
        "address-list" => "Address list",
        "successor" => "Successor",
        "identifier" => "Identifier",
        _ => kind,
    };

    /// <summary>A part of a platform's score.</summary>
    public static string OfScorePart(string part) => part switch
    {
        "infringement share" => "Infringement share",
        "volume" => "Volume",
        "works" => "Works",
        "rights holders" => "Rights holders",
        "freshness" => "Freshness",
        "persistence" => "Persistence",
        "audience" => "Audience",
        "risk" => "Risk to the public",
        _ => part,
    };

    /// <summary>Strength of an identifier.</summary>
    public static string OfStrength(Isop.Operations.SignalStrength strength) => strength switch
    {
        Isop.Operations.SignalStrength.Strong => "Strong",
        Isop.Operations.SignalStrength.Medium => "Medium",
        _ => "Weak",
    };

    /// <summary>Where a release's time comes from.</summary>
    public static string OfReleaseSource(string source) => source == "posted" ? "Stated by the page" : "First sighting";
}
