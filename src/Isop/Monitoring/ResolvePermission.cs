using System.Net;
using System.Net.NetworkInformation;
using Isop.Crawling.Fetching;

namespace Isop.Monitoring;

/// <summary>
/// A platform's resolve map says where its host names lead. An entry that leads to loopback, a private or link-local
/// network, or this server itself would let whoever edits a platform read internal services back from the evidence,
/// so such entries are a permission of the server (<see cref="Setting"/>), never something a platform's settings grant.
/// </summary>
public static class ResolvePermission
{
    /// <summary>The server setting (environment <c>Isop__Crawling__AllowPrivateResolve=true</c>); on in <c>--demo</c>.</summary>
    public const string Setting = "Isop:Crawling:AllowPrivateResolve";

    public static bool AllowedBy(IConfiguration configuration) =>
        bool.TryParse(configuration[Setting], out var allowed) && allowed;

    /// <summary>Why the entry needs the server's permission, or null when it leads to a public address (or does not parse).</summary>
    public static string? Needed(string entry)
    {
        ResolveMap map;
        try { map = ResolveMap.Parse([entry]); }
        catch (FormatException) { return null; }
        foreach (var address in map.Addresses)
        {
            var why = AddressPolicy.Forbidden(address) ?? (IsThisServer(address) ? "an address of this server" : null);
            if (why is not null)
                return $"{address} is {why}: resolve entries that lead to loopback, private or link-local networks or to this server need the server setting {Setting} (environment Isop__Crawling__AllowPrivateResolve=true)";
        }
        return null;
    }

    private static bool IsThisServer(IPAddress address)
    {
        // "[::ffff:203.0.113.7]" is the same server as "203.0.113.7".
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Any(u => (u.Address.IsIPv4MappedToIPv6 ? u.Address.MapToIPv4() : u.Address).Equals(address));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}
