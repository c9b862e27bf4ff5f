namespace Isop.Crawling.Extraction;

/// <summary>
/// Classifies links by what they lead to. The host lists are general vocabulary of file lockers and link
/// shorteners (not rules for any one site); analysts extend them per run.
/// </summary>
internal static class LinkKinds
{
    private static readonly HashSet<string> Lockers = new(StringComparer.OrdinalIgnoreCase)
    {
        "mega.nz", "mega.co.nz", "mediafire.com", "rapidgator.net", "rg.to", "uploaded.net", "ul.to", "nitroflare.com",
        "1fichier.com", "zippyshare.com", "turbobit.net", "katfile.com", "ddownload.com", "uptobox.com", "dropbox.com",
        "pixeldrain.com", "gofile.io", "krakenfiles.com", "send.cm", "filefactory.com", "hitfile.net", "usersdrive.com",
        "clicknupload.org", "dailyuploads.net", "uploadhaven.com", "anonfiles.com", "bayfiles.com", "racaty.net",
        "solidfiles.com", "userscloud.com", "workupload.com", "filecrypt.cc", "sendspace.com", "4shared.com",
        "drive.google.com", "docs.google.com", "onedrive.live.com", "1drv.ms", "yadi.sk", "disk.yandex.ru", "pcloud.com",
        "terabox.com", "fichier.com", "uloz.to", "nippyshare.com", "frdl.to", "dbree.org", "buzzheavier.com",
    };

    private static readonly HashSet<string> Shorteners = new(StringComparer.OrdinalIgnoreCase)
    {
        "bit.ly", "ouo.io", "ouo.press", "shorte.st", "sh.st", "adf.ly", "linkvertise.com", "exe.io", "shrinkme.io",
        "cutt.ly", "tinyurl.com", "is.gd", "shorturl.at", "rebrand.ly", "za.gl", "bc.vc", "fc.lc", "link-to.net",
        "shrinkearn.com", "clk.sh", "gplinks.co", "droplink.co", "adfoc.us",
    };

    private static readonly string[] FileExtensions =
    [
        ".zip", ".rar", ".7z", ".tar", ".gz", ".iso", ".apk", ".exe", ".dmg", ".mkv", ".mp4", ".avi", ".m4v", ".mov",
        ".wmv", ".mp3", ".flac", ".m4a", ".aac", ".ogg", ".wav", ".cbz", ".cbr", ".epub", ".pdf",
    ];

    public static bool IsMagnet(string href) => href.StartsWith("magnet:?", StringComparison.OrdinalIgnoreCase);

    // Tracker scripts serve the file from a script: Gazelle's torrents.php?action=download&id=…, a passkey or torrent_pass parameter.
    public static bool IsTorrent(Uri url) =>
        url.AbsolutePath.EndsWith(".torrent", StringComparison.OrdinalIgnoreCase)
        || url.Query.Contains(".torrent", StringComparison.OrdinalIgnoreCase)
        || (url.AbsolutePath.EndsWith("torrents.php", StringComparison.OrdinalIgnoreCase) && url.Query.Contains("action=download", StringComparison.OrdinalIgnoreCase))
        || url.Query.Contains("torrent_pass=", StringComparison.OrdinalIgnoreCase) || url.Query.Contains("passkey=", StringComparison.OrdinalIgnoreCase);

    public static bool IsStreamManifest(Uri url) =>
        url.AbsolutePath.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase)
        || url.AbsolutePath.EndsWith(".mpd", StringComparison.OrdinalIgnoreCase);

    public static bool IsVideoFile(Uri url) =>
        url.AbsolutePath.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) || url.AbsolutePath.EndsWith(".webm", StringComparison.OrdinalIgnoreCase);

    public static bool IsLocker(Uri url) => HostIn(url.Host, Lockers);

    public static bool IsShortener(Uri url) => HostIn(url.Host, Shorteners);

    public static bool IsDownload(Uri url) =>
        IsLocker(url) || IsShortener(url) || FileExtensions.Any(e => url.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static bool HostIn(string host, HashSet<string> set)
    {
        host = host.ToLowerInvariant();
        while (true)
        {
            if (set.Contains(host)) return true;
            var dot = host.IndexOf('.');
            if (dot < 0 || host.IndexOf('.', dot + 1) < 0) return false;
            host = host[(dot + 1)..];
        }
    }
}
