using System.Globalization;
using System.Net;

namespace Isop.Crawling.Fetching;

/// <summary>
/// Fixed answers for host names, like curl's <c>--resolve host:port:address</c>. An entry is also the analyst's
/// explicit permission to connect to that address for that host and port, even where the address policy would
/// refuse it (a test range on loopback, a seized server on a lab network).
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
        if (Uri.CheckHostName(host) is UriHostNameType.Unknown)
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

    public bool TryResolve(string host, int port, out IPAddress[] addresses) =>
        entries.TryGetValue((host.TrimEnd('.').ToLowerInvariant(), port), out addresses!);

    public bool Contains(string host, int port) => TryResolve(host, port, out _);

    private static string Format(IPAddress a) =>
        a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();
}
