using System.Net;
using Isop.Enforcement;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Enforcement;

/// <summary>Blocklists in every format, and the RPZ zone loaded by real DNS software: BIND's zone checker and an Unbound that enforces it.</summary>
public sealed class BlocklistTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Decided = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private static BlockedName Name(string domain, string platform = "Toonkor", string basis = "Seoul Central District Court, 2026-11-02") =>
        new(domain, platform, "KR", basis, "KCSC", Decided, null);

    private static readonly BlockedName[] Names =
    [
        Name("blocked.test"), Name("xn--9n2bp8q.test", "누누티비"), Name("mirror.blocked.test"), Name("blocked.test", "Toonkor mirror"),
        new("=cmd.test", "=HYPERLINK(\"http://evil.test\")", "KR", "-2+3", "@someone", Decided, Decided.AddDays(90)),
    ];

    [Fact]
    public void Every_format_lists_each_name_once_in_a_stable_order()
    {
        var rpz = Blocklists.Write(BlocklistFormat.Rpz, "KR", 7, Decided, Names);
        var lines = rpz.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("; Isop blocklist for KR: 4 names, serial 7", lines[0], StringComparison.Ordinal);
        Assert.Equal("$TTL 300", lines[1]);
        Assert.Equal("@ IN SOA localhost. hostmaster.localhost. 7 3600 600 604800 300", lines[2]);
        Assert.Equal("@ IN NS localhost.", lines[3]);
        Assert.Equal(
            ["=cmd.test CNAME .", "*.=cmd.test CNAME .", "blocked.test CNAME .", "*.blocked.test CNAME .", "mirror.blocked.test CNAME .", "*.mirror.blocked.test CNAME .",
             "xn--9n2bp8q.test CNAME .", "*.xn--9n2bp8q.test CNAME ."],
            lines[4..]);
        Assert.Equal(rpz, Blocklists.Write(BlocklistFormat.Rpz, "KR", 7, Decided, Names.Reverse()));

        Assert.Equal(["0.0.0.0 =cmd.test", "0.0.0.0 blocked.test", "0.0.0.0 mirror.blocked.test", "0.0.0.0 xn--9n2bp8q.test"],
            Blocklists.Write(BlocklistFormat.Hosts, "KR", 7, Decided, Names).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..]);
        Assert.Equal(["=cmd.test", "blocked.test", "mirror.blocked.test", "xn--9n2bp8q.test"],
            Blocklists.Write(BlocklistFormat.Domains, "KR", 7, Decided, Names).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..]);

        var csv = Blocklists.Write(BlocklistFormat.Csv, "KR", 7, Decided, Names).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"domain\",\"platform\",\"jurisdiction\",\"basis\",\"decided_by\",\"decided_at\",\"until\",\"successor_of\",\"tlp\"", csv[0]);
        // No cell starts a spreadsheet formula.
        Assert.Equal("\"'=cmd.test\",\"'=HYPERLINK(\"\"http://evil.test\"\")\",\"KR\",\"'-2+3\",\"'@someone\",\"2026-11-02T09:30:00Z\",\"2027-01-31T09:30:00Z\",,\"CLEAR\"", csv[1]);
        Assert.Equal("\"xn--9n2bp8q.test\",\"누누티비\",\"KR\",\"Seoul Central District Court, 2026-11-02\",\"KCSC\",\"2026-11-02T09:30:00Z\",,,\"CLEAR\"", csv[4]);
    }

    [Fact]
    public void A_name_too_long_for_a_policy_zone_is_named_in_a_comment_and_the_zone_still_loads()
    {
        var label = new string('a', 63);
        var longName = $"{label}.{label}.{label}.{new string('b', 20)}.test";
        var rpz = Blocklists.Write(BlocklistFormat.Rpz, "KR", 5, Decided, [Name("blocked.test"), Name(longName)]);
        Assert.Contains($"; left out, too long for a policy zone: {longName}\n", rpz, StringComparison.Ordinal);
        Assert.DoesNotContain($"*.{longName}", rpz, StringComparison.Ordinal);
        Assert.Contains("\nblocked.test CNAME .\n", rpz, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("netflix.com", "netflix.com", true)]
    [InlineData("www.netflix.com", "netflix.com", true)]
    [InlineData("a.b.netflix.com", "netflix.com", true)]
    [InlineData("evilnetflix.com", "netflix.com", false)]
    [InlineData("netflix.com.evil.test", "netflix.com", false)]
    [InlineData("com", "netflix.com", false)]
    [InlineData("netflix.co", "netflix.com", false)]
    public void An_allowed_name_covers_itself_and_its_subdomains_only(string domain, string allowed, bool covered)
    {
        Assert.Equal(covered, AllowList.IsWithin(domain, allowed));
        Assert.Equal(covered ? allowed : null, AllowList.Covering(["tving.com", allowed], domain));
    }

    [Fact]
    public void Names_the_allow_list_covers_are_left_out_and_allowed_names_under_a_blocked_one_pass_through()
    {
        var rpz = Blocklists.Write(BlocklistFormat.Rpz, "KR", 9, Decided, [Name("blocked.test"), Name("www.tving.com"), Name("tving.com.blocked.test")],
            allowed: ["watch.blocked.test", "legit.test", "blocked.test.example", "tving.com"]);
        var lines = rpz.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("; Isop blocklist for KR: 2 names", lines[0], StringComparison.Ordinal);
        Assert.Equal(["blocked.test CNAME .", "*.blocked.test CNAME .", "tving.com.blocked.test CNAME .", "*.tving.com.blocked.test CNAME .",
            "watch.blocked.test CNAME rpz-passthru.", "*.watch.blocked.test CNAME rpz-passthru."], lines[4..]);
        Assert.Equal(["blocked.test", "tving.com.blocked.test"],
            Blocklists.Write(BlocklistFormat.Domains, "KR", 9, Decided, [Name("blocked.test"), Name("www.tving.com"), Name("tving.com.blocked.test")], allowed: ["tving.com"])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..]);
    }

    [Theory]
    [InlineData("rpz", BlocklistFormat.Rpz)]
    [InlineData("RPZ", BlocklistFormat.Rpz)]
    [InlineData(" Hosts ", BlocklistFormat.Hosts)]
    [InlineData("domains", BlocklistFormat.Domains)]
    [InlineData("CSV", BlocklistFormat.Csv)]
    [InlineData("json", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Formats_are_named_in_any_case(string? text, BlocklistFormat? expected)
    {
        Assert.Equal(expected is not null, Blocklists.TryParseFormat(text, out var format));
        if (expected is { } e) Assert.Equal(e, format);
    }

    [Fact]
    public async Task BINDs_checker_loads_the_zone_under_any_origin_with_its_serial()
    {
        var checker = ExternalTools.Require("named-checkzone", "bind9-utils");
        using var folder = new TemporaryFolder();
        var zone = Path.Combine(folder.Path, "blocklist.rpz");
        await File.WriteAllTextAsync(zone, Blocklists.Write(BlocklistFormat.Rpz, "KR", 2026120201, Decided, Names.Where(n => !n.Domain.StartsWith('='))), Ct);
        foreach (var origin in new[] { "rpz.isop", "kr.blocklist.example" })
        {
            var (code, output) = await Sharing.StixPeers.RunAsync(checker, ["-i", "full", origin, zone], null, TimeSpan.FromMinutes(1));
            Assert.True(code == 0, output);
            Assert.Contains($"zone {origin}/IN: loaded serial 2026120201", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_real_Unbound_answers_NXDOMAIN_for_blocked_names_and_their_subdomains_and_resolves_the_others()
    {
        // The names' own data, every one of them with an address: only the policy can make a blocked one NXDOMAIN.
        await using var resolver = await LoopbackUnbound.StartAsync(
            Blocklists.Write(BlocklistFormat.Rpz, "KR", 3, Decided, [Name("blocked.test"), Name("other-blocked.test")], allowed: ["safe.blocked.test", "legit.test"]),
            """
            localhost IN A 127.0.0.1
            legit IN A 127.0.0.10
            www.legit IN A 127.0.0.13
            blocked IN A 127.0.0.11
            www.blocked IN A 127.0.0.12
            deep.down.blocked IN A 127.0.0.14
            other-blocked IN A 127.0.0.15
            safe.blocked IN A 127.0.0.16
            www.safe.blocked IN A 127.0.0.17
            """, Ct);
        Assert.Equal((0, IPAddress.Parse("127.0.0.10")), await resolver.QueryAsync("legit.test", Ct));
        Assert.Equal((0, IPAddress.Parse("127.0.0.13")), await resolver.QueryAsync("www.legit.test", Ct));
        foreach (var name in new[] { "blocked.test", "www.blocked.test", "deep.down.blocked.test", "other-blocked.test" })
            Assert.Equal((3, (IPAddress?)null), await resolver.QueryAsync(name, Ct));
        // An allowed name under a blocked one, and its subdomains, still resolve.
        Assert.Equal((0, IPAddress.Parse("127.0.0.16")), await resolver.QueryAsync("safe.blocked.test", Ct));
        Assert.Equal((0, IPAddress.Parse("127.0.0.17")), await resolver.QueryAsync("www.safe.blocked.test", Ct));
        // Blocked by the policy, not by missing data: Unbound logs each policy it applies.
        var log = await resolver.LogAsync(Ct);
        Assert.Contains("rpz: applied blocked.test. rpz-nxdomain", log, StringComparison.Ordinal);
        Assert.Contains("rpz: applied *.blocked.test. rpz-nxdomain", log, StringComparison.Ordinal);
        Assert.DoesNotContain("legit.test", log.Split('\n').Where(l => l.Contains("rpz: applied", StringComparison.Ordinal)).Aggregate("", string.Concat), StringComparison.Ordinal);
    }
}
