using System.Globalization;
using System.Text;
using Isop.Access;

namespace Isop.Enforcement;

/// <summary>The formats a blocklist is published in: what ISPs' resolvers, hosts files and intermediaries' tools read.</summary>
public enum BlocklistFormat
{
    /// <summary>A DNS Response Policy Zone (BIND, Unbound, Knot, PowerDNS): every name and its subdomains answer NXDOMAIN.</summary>
    Rpz,
    /// <summary>A hosts file: each name mapped to 0.0.0.0 (no subdomains: a hosts file has no wildcards).</summary>
    Hosts,
    /// <summary>One name a line.</summary>
    Domains,
    /// <summary>One row a name, with the decision behind it.</summary>
    Csv,
}

/// <summary>
/// A name a blocklist blocks (ASCII, lower case, no trailing dot) and the decision that blocks it: the platform it belongs
/// to (a successor of the decided platform, <paramref name="SuccessorOf"/>, when it hopped there) and the TLP of what
/// the row derives from.
/// </summary>
public sealed record BlockedName(string Domain, string Platform, string Jurisdiction, string Basis, string DecidedBy, DateTimeOffset DecidedAt, DateTimeOffset? Until,
    string? SuccessorOf = null, Tlp Tlp = Tlp.Clear);

/// <summary>Writes blocklists. The names are given already checked (<see cref="Platforms.DomainNames.TryNormalise"/>) and allowed.</summary>
public static class Blocklists
{
    public static readonly IReadOnlyList<string> FormatNames = ["rpz", "hosts", "domains", "csv"];

    /// <summary>The longest name an RPZ zone lists: room is left for "*." and a zone name of up to 50 characters.</summary>
    public const int MaxRpzName = 200;

    public static bool TryParseFormat(string? text, out BlocklistFormat format)
    {
        format = default;
        var i = FormatNames.ToList().FindIndex(n => string.Equals(n, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (i < 0) return false;
        format = (BlocklistFormat)i;
        return true;
    }

    public static string MediaType(BlocklistFormat format) => format switch
    {
        // RFC 4027: DNS master files.
        BlocklistFormat.Rpz => "text/dns",
        BlocklistFormat.Csv => "text/csv",
        _ => "text/plain",
    };

    public static string Extension(BlocklistFormat format) => format switch
    {
        BlocklistFormat.Rpz => "rpz",
        BlocklistFormat.Hosts => "hosts",
        BlocklistFormat.Csv => "csv",
        _ => "txt",
    };

    /// <summary>
    /// The blocklist of a jurisdiction as text. <paramref name="serial"/> is the zone's SOA serial: it must grow with every
    /// change of the list (RFC 1982 arithmetic, so a resolver that transfers or reloads the zone sees it is newer). Names
    /// the <paramref name="allowed"/> list covers are left out; in RPZ, allowed names under a blocked one pass through.
    /// </summary>
    public static string Write(BlocklistFormat format, string jurisdiction, uint serial, DateTimeOffset generated, IEnumerable<BlockedName> names,
        IEnumerable<string>? allowed = null, Tlp? tlp = null)
    {
        // One line per name, in a stable order: the same decisions give the same file (and the same ETag).
        // A name the allow-list covers is never listed, even if it was decided before the allow-list named it.
        var allowList = (allowed ?? []).ToList();
        var rows = names.Where(n => AllowList.Covering(allowList, n.Domain) is null)
            .GroupBy(n => n.Domain, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var text = new StringBuilder();
        var at = generated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var title = $"Isop blocklist for {jurisdiction}: {rows.Count} name{(rows.Count == 1 ? "" : "s")}, serial {serial}, made {at}{(tlp is { } label ? $", TLP:{label.Label()}" : "")}";
        switch (format)
        {
            case BlocklistFormat.Rpz:
                // Names relative to the origin (@ for the SOA and NS): the zone loads under whatever name the resolver gives
                // it. CNAME . is the NXDOMAIN action; *.name covers the subdomains.
                text.Append("; ").Append(title).Append('\n');
                text.Append("$TTL 300\n");
                text.Append("@ IN SOA localhost. hostmaster.localhost. ").Append(serial.ToString(CultureInfo.InvariantCulture)).Append(" 3600 600 604800 300\n");
                text.Append("@ IN NS localhost.\n");
                foreach (var row in rows)
                {
                    // A name so long that *.name under the resolver's zone name would pass DNS's 255 octets would make the
                    // whole zone fail to load: it is named in a comment instead.
                    if (row.Domain.Length > MaxRpzName)
                    {
                        text.Append("; left out, too long for a policy zone: ").Append(row.Domain).Append('\n');
                        continue;
                    }
                    text.Append(row.Domain).Append(" CNAME .\n");
                    text.Append("*.").Append(row.Domain).Append(" CNAME .\n");
                }
                // An allowed name under a blocked one passes through, with its subdomains: within a policy zone the more
                // specific name wins (the RPZ specification's precedence, as BIND and Unbound apply it).
                foreach (var name in allowList.Where(a => a.Length <= MaxRpzName && rows.Any(r => AllowList.IsWithin(a, r.Domain) && a != r.Domain)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    text.Append(name).Append(" CNAME rpz-passthru.\n");
                    text.Append("*.").Append(name).Append(" CNAME rpz-passthru.\n");
                }
                break;
            case BlocklistFormat.Hosts:
                text.Append("# ").Append(title).Append('\n');
                foreach (var row in rows) text.Append("0.0.0.0 ").Append(row.Domain).Append('\n');
                break;
            case BlocklistFormat.Domains:
                text.Append("# ").Append(title).Append('\n');
                foreach (var row in rows) text.Append(row.Domain).Append('\n');
                break;
            case BlocklistFormat.Csv:
                text.Append(Web.Csv.Row(["domain", "platform", "jurisdiction", "basis", "decided_by", "decided_at", "until", "successor_of", "tlp"]));
                foreach (var row in rows)
                    text.Append(Web.Csv.Row([row.Domain, row.Platform, row.Jurisdiction, row.Basis, row.DecidedBy, Date(row.DecidedAt), row.Until is { } u ? Date(u) : null, row.SuccessorOf, row.Tlp.Label()]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not a blocklist format");
        }
        return text.ToString();
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>The names that may never be noticed or blocked, and what they cover: themselves and their subdomains.</summary>
public static class AllowList
{
    /// <summary>Whether <paramref name="domain"/> is <paramref name="parent"/> or one of its subdomains (names normalised, ASCII).</summary>
    public static bool IsWithin(string domain, string parent) =>
        domain.Length == parent.Length
            ? string.Equals(domain, parent, StringComparison.Ordinal)
            : domain.Length > parent.Length && domain[domain.Length - parent.Length - 1] == '.' && domain.EndsWith(parent, StringComparison.Ordinal);

    /// <summary>The allowed name that covers <paramref name="domain"/> (it, or a parent of it), or null.</summary>
    public static string? Covering(IEnumerable<string> allowed, string domain) => allowed.Where(a => IsWithin(domain, a)).OrderBy(a => a.Length).FirstOrDefault();
}
