using System.Security.Cryptography;

namespace Isop.Crawling.Torrents;

public sealed record TorrentEntry(string Path, long Length);

/// <summary>What a .torrent file offers: its info-hashes (v1 SHA-1, v2 SHA-256), name, files, sizes and trackers.</summary>
public sealed record TorrentFile(string? InfoHashV1, string? InfoHashV2, string Name, IReadOnlyList<TorrentEntry> Files, long TotalLength, IReadOnlyList<string> Trackers, string? Comment, string? CreatedBy)
{
    public const int MaxBytes = 16 * 1024 * 1024;
    public const int MaxFiles = 100_000;

    /// <summary>Reads a .torrent; throws <see cref="BencodeException"/> with the offset and reason when it is malformed.</summary>
    public static TorrentFile Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxBytes) throw new BencodeException($"torrent larger than {MaxBytes} bytes", MaxBytes);
        if (Bencode.Parse(data) is not BDictionary root) throw new BencodeException("a torrent must be a dictionary", 0);
        if (root["info"] is not BDictionary info) throw new BencodeException("no info dictionary", root.Start);
        var infoBytes = data[info.Start..info.End];
        var version = (info["meta version"] as BInteger)?.Value ?? 1;
        var hasV1 = info["pieces"] is BBytes;
        var v1 = hasV1 ? Convert.ToHexStringLower(SHA1.HashData(infoBytes)) : null;
        var v2 = version >= 2 ? Convert.ToHexStringLower(SHA256.HashData(infoBytes)) : null;
        var name = (info["name.utf-8"] as BBytes ?? info["name"] as BBytes)?.Text
            ?? throw new BencodeException("the info dictionary has no name", info.Start);

        var files = new List<TorrentEntry>();
        if (info["file tree"] is BDictionary tree) Walk(tree, name, files);
        else if (info["files"] is BList list)
        {
            foreach (var item in list.Items)
            {
                if (item is not BDictionary file || file["length"] is not BInteger { Value: >= 0 } length || file["path"] is not BList path)
                    throw new BencodeException("a files entry needs a length and a path", item.Start);
                if (files.Count >= MaxFiles) throw new BencodeException($"more than {MaxFiles} files", item.Start);
                files.Add(new TorrentEntry(name + "/" + string.Join('/', path.Items.OfType<BBytes>().Select(p => p.Text)), length.Value));
            }
        }
        else if (info["length"] is BInteger { Value: >= 0 } single) files.Add(new TorrentEntry(name, single.Value));
        else throw new BencodeException("the info dictionary has neither length, files nor file tree", info.Start);

        var trackers = new List<string>();
        if (root["announce"] is BBytes announce) trackers.Add(announce.Text);
        if (root["announce-list"] is BList tiers)
            foreach (var tier in tiers.Items.OfType<BList>())
                foreach (var tracker in tier.Items.OfType<BBytes>())
                    if (!trackers.Contains(tracker.Text)) trackers.Add(tracker.Text);
        return new TorrentFile(v1, v2, name, files, files.Sum(f => f.Length), trackers,
            (root["comment"] as BBytes)?.Text, (root["created by"] as BBytes)?.Text);
    }

    private static void Walk(BDictionary node, string prefix, List<TorrentEntry> files)
    {
        foreach (var (key, value) in node.Entries)
        {
            if (value is not BDictionary child) continue;
            if (key.Length == 0 && child["length"] is BInteger length)
            {
                if (files.Count >= MaxFiles) throw new BencodeException($"more than {MaxFiles} files", child.Start);
                files.Add(new TorrentEntry(prefix, length.Value));
            }
            else Walk(child, prefix + "/" + key, files);
        }
    }

    public static bool LooksLikeTorrent(ReadOnlySpan<byte> data) =>
        data.Length > 10 && data[0] == 'd' && data.IndexOf("4:info"u8) > 0;
}
