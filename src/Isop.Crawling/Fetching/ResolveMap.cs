using System.Globalization;
using System.Net;

namespace Isop.Crawling.Fetching;

/// <summary>
/// Fixed answers for host names, like curl's <c>--resolve host:port:address</c>. An entry is also the analyst's
/// explicit permission to connect to that address for that host and port, even where the address policy would
/// refuse it (a test range on loopback, a seized server on a lab network). A host may be a wildcard, <c>*.test</c>:
/// it answers for every name under that suffix (not the suffix itself), so that domains discovered later in a lab
/// resolve too; an exact entry wins over a wildcard, and a longer suffix over a shorter one.
/// </summary>
public sealed class ResolveMap
{
    private readonly Dictionary<(string Host, int Port), IPAddress[]> entries = [];

    public static ResolveMap Empty => new();

    public int Count => entries.Count;

    public IEnumerable<string> Entries =>
        entries.Select(e => $"{e.Key.Host}:{e.Key.Port}:{string.Join(',', e.Value.Select(Format))}");

    /// <summary>Parses <c>host:port:address[,address…]</c>; IPv6 addresses may be written in brackets.</summary>
    public static ResolveMap Parse(IEnumerable<string> specs)
    {
        var map = new ResolveMap();
        foreach (var spec in specs) map.Add(spec);
        return map;
    }

    public void Add(string spec)
    {
        var first = spec.IndexOf(':');
        var second = first < 0 ? -1 : spec.IndexOf(':', first + 1);
        if (first <= 0 || second < 0)
            throw new FormatException($"resolve entry '{spec}': expected host:port:address");
        var host = spec[..first].Trim().TrimEnd('.').ToLowerInvariant();
        var wildcard = host.StartsWith("*.", StringComparison.Ordinal);
        if (wildcard && (host.Length < 3 || host.IndexOf('*', 1) >= 0 || Uri.CheckHostName(host[2..]) is not UriHostNameType.Dns))
            throw new FormatException($"resolve entry '{spec}': a wildcard is written *.suffix, with a host name after the dot");
        if (!wildcard && host.Contains('*', StringComparison.Ordinal))
            throw new FormatException($"resolve entry '{spec}': '*' may only stand for the leftmost labels (*.suffix)");
        if (!wildcard && Uri.CheckHostName(host) is UriHostNameType.Unknown)
            throw new FormatException($"resolve entry '{spec}': '{host}' is not a host name");
        if (!int.TryParse(spec.AsSpan(first + 1, second - first - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new FormatException($"resolve entry '{spec}': the port must be a number from 1 to 65535");
        var addresses = new List<IPAddress>();
        foreach (var part in spec[(second + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            var text = part.StartsWith('[') && part.EndsWith(']') ? part[1..^1] : part;
            if (!IPAddress.TryParse(text, out var address))
                throw new FormatException($"resolve entry '{spec}': '{part}' is not an IP address");
            addresses.Add(address);
        }
        entries[(host, port)] = [.. addresses];
    }

    /// <summary>Every address the entries lead to.</summary>
    public IEnumerable<IPAddress> Addresses => entries.Values.SelectMany(a => a);

    /// <summary>The entry for a host and port: an exact one, else the wildcard with the longest suffix that covers the host.</summary>
    public bool TryResolve(string host, int port, out IPAddress[] addresses)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        if (entries.TryGetValue((name, port), out addresses!)) return true;
        for (var dot = name.IndexOf('.'); dot > 0 && dot < name.Length - 1; dot = name.IndexOf('.', dot + 1))
            if (entries.TryGetValue(("*" + name[dot..], port), out addresses!)) return true;
        addresses = [];
        return false;
    }

    public bool Contains(string host, int port) => TryResolve(host, port, out _);

    private static string Format(IPAddress a) =>
        a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();
}
