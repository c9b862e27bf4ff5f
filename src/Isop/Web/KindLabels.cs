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
}
