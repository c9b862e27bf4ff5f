using System.Net;
using System.Net.Sockets;

namespace Isop.Crawling.Fetching;

/// <summary>
/// Which addresses and ports a crawler may connect to. Piracy sites are hostile: a redirect or a DNS answer that
/// points into the operator's own network (loopback, private ranges, link-local, cloud metadata) must be refused on
/// the address actually connected to, however it is spelled (IPv4-mapped IPv6, NAT64).
/// </summary>
public static class AddressPolicy
{
    private static readonly (uint Network, int Bits, string Name)[] ForbiddenV4 =
    [
        (0x00000000, 8, "unspecified (0.0.0.0/8)"),
        (0x0A000000, 8, "private (10.0.0.0/8)"),
        (0x64400000, 10, "carrier-grade NAT (100.64.0.0/10)"),
        (0x7F000000, 8, "loopback (127.0.0.0/8)"),
        (0xA9FE0000, 16, "link-local (169.254.0.0/16)"),
        (0xAC100000, 12, "private (172.16.0.0/12)"),
        (0xC0000000, 24, "IETF protocol assignments (192.0.0.0/24)"),
        (0xC0000200, 24, "documentation (192.0.2.0/24)"),
        (0xC0A80000, 16, "private (192.168.0.0/16)"),
        (0xC6120000, 15, "benchmarking (198.18.0.0/15)"),
        (0xC6336400, 24, "documentation (198.51.100.0/24)"),
        (0xCB007100, 24, "documentation (203.0.113.0/24)"),
        (0xE0000000, 4, "multicast (224.0.0.0/4)"),
        (0xF0000000, 4, "reserved (240.0.0.0/4)"),
    ];

    /// <summary>
    /// Ports browsers refuse to fetch from (mail, shell, file sharing, and other protocols a crafted HTTP request
    /// could talk to).
    /// </summary>
    private static readonly HashSet<int> UnsafePorts =
    [
        1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109,
        110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530,
        531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 5060,
        5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080,
    ];

    /// <summary>Why the address is forbidden, or null when a crawler may connect to it.</summary>
    public static string? Forbidden(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return ForbiddenV4Reason(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "not an IP address";
        if (address.IsIPv4MappedToIPv6) return Embedded(address.MapToIPv4(), "IPv4-mapped");
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return "unspecified (::)";
        if (address.Equals(IPAddress.IPv6Loopback)) return "loopback (::1)";
        if ((b[0] & 0xFE) == 0xFC) return "unique local (fc00::/7)";
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return "link-local (fe80::/10)";
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return "site-local (fec0::/10)";
        if (b[0] == 0xFF) return "multicast (ff00::/8)";
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return "documentation (2001:db8::/32)";
        if (b[..12].SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]))
            return Embedded(new IPAddress(b[12..]), "NAT64");
        if (b[..12].IndexOfAnyExcept((byte)0) < 0) return Embedded(new IPAddress(b[12..]), "IPv4-compatible");
        if (b[0] == 0x20 && b[1] == 0x02) return Embedded(new IPAddress(b[2..6]), "6to4");
        return null;
    }

    /// <summary>Why the port is unsafe to fetch from, or null.</summary>
    public static string? ForbiddenPort(int port) =>
        port is <= 0 or > 65535 ? $"port {port} is out of range"
        : UnsafePorts.Contains(port) ? $"port {port} belongs to another protocol" : null;

    private static string? Embedded(IPAddress v4, string form) =>
        ForbiddenV4Reason(v4) is { } reason ? $"{reason} in {form} form" : null;

    private static string? ForbiddenV4Reason(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        var value = (uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3];
        if (value == 0xFFFFFFFF) return "broadcast (255.255.255.255)";
        foreach (var (network, bits, name) in ForbiddenV4)
            if ((value & (0xFFFFFFFFu << (32 - bits))) == network) return name;
        return null;
    }
}
