namespace Isop.Crawling.Torrents;

/// <summary>A magnet link: BitTorrent info-hashes (v1 btih in hex or base32, v2 btmh multihash), name, trackers, size.</summary>
public sealed record Magnet(string? InfoHashV1, string? InfoHashV2, string? Name, IReadOnlyList<string> Trackers, long? Length)
{
    public const int MaxLength = 8192;

    /// <summary>Reads a magnet URI; null with the reason when it is not a BitTorrent magnet.</summary>
    public static Magnet? Parse(string text, out string? problem)
    {
        problem = null;
        if (text.Length > MaxLength) { problem = "magnet longer than 8192 characters"; return null; }
        if (!text.StartsWith("magnet:?", StringComparison.OrdinalIgnoreCase)) { problem = "not a magnet: URI"; return null; }
        string? v1 = null, v2 = null, name = null;
        long? length = null;
        var trackers = new List<string>();
        foreach (var pair in text[8..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) continue;
            var key = pair[..eq].ToLowerInvariant();
            var dot = key.IndexOf('.');
            if (dot > 0) key = key[..dot]; // xt.1, tr.2 …
            string value;
            try { value = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' ')); }
            catch (UriFormatException) { continue; }
            switch (key)
            {
                case "xt" when value.StartsWith("urn:btih:", StringComparison.OrdinalIgnoreCase):
                    v1 ??= BtihToHex(value[9..]);
                    break;
                case "xt" when value.StartsWith("urn:btmh:", StringComparison.OrdinalIgnoreCase):
                    var multihash = value[9..];
                    // 0x12 = SHA-256, 0x20 = 32 bytes
                    if (multihash.Length == 68 && multihash.StartsWith("1220", StringComparison.Ordinal) && IsHex(multihash))
                        v2 ??= multihash[4..].ToLowerInvariant();
                    break;
                case "dn":
                    name ??= value;
                    break;
                case "tr":
                    if (!trackers.Contains(value)) trackers.Add(value);
                    break;
                case "xl" when long.TryParse(value, out var xl) && xl >= 0:
                    length = xl;
                    break;
            }
        }
        if (v1 is null && v2 is null) { problem = "the magnet has no valid btih or btmh info-hash"; return null; }
        return new Magnet(v1, v2, name, trackers, length);
    }

    /// <summary>
    /// The magnet URI of an info-hash (40 hex digits: v1 <c>btih</c>; 64: v2 <c>btmh</c>), with its display name; null
    /// for anything else.
    /// </summary>
    public static string? UriOf(string? infoHash, string? name)
    {
        if (infoHash is null || !IsHex(infoHash)) return null;
        var topic = infoHash.Length switch
        {
            40 => "urn:btih:" + infoHash.ToLowerInvariant(),
            64 => "urn:btmh:1220" + infoHash.ToLowerInvariant(),
            _ => null,
        };
        if (topic is null) return null;
        return string.IsNullOrWhiteSpace(name) ? "magnet:?xt=" + topic : $"magnet:?xt={topic}&dn={Uri.EscapeDataString(name.Length > 500 ? name[..500] : name)}";
    }

    /// <summary>A v1 info-hash as lower-case hex: 40 hex digits, or 32 base32 characters (RFC 4648).</summary>
    public static string? BtihToHex(string value)
    {
        if (value.Length == 40 && IsHex(value)) return value.ToLowerInvariant();
        return value.Length == 32 && Base32.Decode(value) is { Length: 20 } bytes ? Convert.ToHexStringLower(bytes) : null;
    }

    private static bool IsHex(string s) => s.All(char.IsAsciiHexDigit);
}
