using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
        Assert.Equal("\"domain\",\"platform\",\"jurisdiction\",\"basis\",\"decided_by\",\"decided_at\",\"until\"", csv[0]);
        // No cell starts a spreadsheet formula.
        Assert.Equal("\"'=cmd.test\",\"'=HYPERLINK(\"\"http://evil.test\"\")\",\"KR\",\"'-2+3\",\"'@someone\",\"2026-11-02T09:30:00Z\",\"2027-01-31T09:30:00Z\"", csv[1]);
        Assert.Equal("\"xn--9n2bp8q.test\",\"누누티비\",\"KR\",\"Seoul Central District Court, 2026-11-02\",\"KCSC\",\"2026-11-02T09:30:00Z\",", csv[4]);
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
        var checker = Require("named-checkzone", "bind9-utils");
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
        var unbound = Require("unbound", "unbound");
        var checkconf = Require("unbound-checkconf", "unbound");
        using var folder = new TemporaryFolder();
        var port = FreeUdpPort();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "blocklist.rpz"),
            Blocklists.Write(BlocklistFormat.Rpz, "KR", 3, Decided, [Name("blocked.test"), Name("other-blocked.test")], allowed: ["safe.blocked.test", "legit.test"]), Ct);
        // The names' own data, every one of them with an address: only the policy can make a blocked one NXDOMAIN. Unbound
        // answers local-zone data before it applies a policy (and serves test. as an empty static zone by default), so the
        // data is an authoritative zone here, which it consults after the policy.
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "test.zone"), """
            $TTL 300
            @ IN SOA localhost. hostmaster.localhost. 1 3600 600 86400 300
            @ IN NS localhost.
            legit IN A 127.0.0.10
            www.legit IN A 127.0.0.13
            blocked IN A 127.0.0.11
            www.blocked IN A 127.0.0.12
            deep.down.blocked IN A 127.0.0.14
            other-blocked IN A 127.0.0.15
            safe.blocked IN A 127.0.0.16
            www.safe.blocked IN A 127.0.0.17
            """.Replace("\n            ", "\n", StringComparison.Ordinal), Ct);
        var config = Path.Combine(folder.Path, "unbound.conf");
        await File.WriteAllTextAsync(config, $"""
            server:
              interface: 127.0.0.1
              port: {port}
              do-daemonize: no
              username: ""
              chroot: ""
              directory: "{folder.Path}"
              pidfile: ""
              use-syslog: no
              logfile: "{Path.Combine(folder.Path, "unbound.log")}"
              module-config: "respip iterator"
              do-not-query-localhost: no
              local-zone: "test." nodefault
              access-control: 127.0.0.0/8 allow
            rpz:
              name: "rpz.isop."
              zonefile: "{Path.Combine(folder.Path, "blocklist.rpz")}"
              rpz-log: yes
            auth-zone:
              name: "test."
              zonefile: "{Path.Combine(folder.Path, "test.zone")}"
              for-downstream: yes
              for-upstream: yes
              fallback-enabled: no
            # Anything else goes to a loopback port where nothing listens: this resolver never asks the outside.
            forward-zone:
              name: "."
              forward-addr: 127.0.0.1@9
            """, Ct);
        var (checkCode, checkOutput) = await Sharing.StixPeers.RunAsync(checkconf, [config], null, TimeSpan.FromMinutes(1));
        Assert.True(checkCode == 0, checkOutput);

        using var server = Process.Start(new ProcessStartInfo(unbound, ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        try
        {
            var legit = await QueryUntilUpAsync(port, "legit.test");
            Assert.Equal((0, IPAddress.Parse("127.0.0.10")), legit);
            Assert.Equal((0, IPAddress.Parse("127.0.0.13")), await QueryAsync(port, "www.legit.test"));
            foreach (var name in new[] { "blocked.test", "www.blocked.test", "deep.down.blocked.test", "other-blocked.test" })
                Assert.Equal((3, (IPAddress?)null), await QueryAsync(port, name));
            // An allowed name under a blocked one, and its subdomains, still resolve.
            Assert.Equal((0, IPAddress.Parse("127.0.0.16")), await QueryAsync(port, "safe.blocked.test"));
            Assert.Equal((0, IPAddress.Parse("127.0.0.17")), await QueryAsync(port, "www.safe.blocked.test"));
            // Blocked by the policy, not by missing data: Unbound logs each policy it applies.
            var log = await File.ReadAllTextAsync(Path.Combine(folder.Path, "unbound.log"), Ct);
            Assert.Contains("rpz: applied blocked.test. rpz-nxdomain", log, StringComparison.Ordinal);
            Assert.Contains("rpz: applied *.blocked.test. rpz-nxdomain", log, StringComparison.Ordinal);
            Assert.DoesNotContain("legit.test", log.Split('\n').Where(l => l.Contains("rpz: applied", StringComparison.Ordinal)).Aggregate("", string.Concat), StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(Ct);
        }
    }

    /// <summary>The program's path, or the test is skipped (failed under CI, where .ci/run installs the package).</summary>
    private static string Require(string program, string package)
    {
        foreach (var folder in new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" })
        {
            var path = Path.Combine(folder, program);
            if (File.Exists(path)) return path;
        }
        var message = $"{program} is not installed (Debian package {package}).";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail(message);
        Assert.Skip(message);
        return "";
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    private static async Task<(int Rcode, IPAddress? Address)> QueryUntilUpAsync(int port, string name)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await QueryAsync(port, name);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && DateTime.UtcNow < until && !Ct.IsCancellationRequested)
            {
                // Not listening yet.
            }
        }
    }

    /// <summary>One A query over UDP to the loopback resolver: the response code and the first address.</summary>
    private static async Task<(int Rcode, IPAddress? Address)> QueryAsync(int port, string name)
    {
        var query = new List<byte> { 0x4a, 0x21, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            query.Add((byte)label.Length);
            query.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        query.AddRange([0, 0, 1, 0, 1]);
        using var client = new UdpClient(AddressFamily.InterNetwork);
        client.Connect(IPAddress.Loopback, port);
        await client.SendAsync(query.ToArray(), Ct);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        wait.CancelAfter(TimeSpan.FromSeconds(2));
        var reply = (await client.ReceiveAsync(wait.Token)).Buffer;
        Assert.Equal(0x4a21, (reply[0] << 8) | reply[1]);
        var rcode = reply[3] & 0x0f;
        var answers = (reply[6] << 8) | reply[7];
        var at = 12;
        at = SkipName(reply, at) + 4;
        for (var i = 0; i < answers; i++)
        {
            at = SkipName(reply, at);
            var type = (reply[at] << 8) | reply[at + 1];
            var length = (reply[at + 8] << 8) | reply[at + 9];
            at += 10;
            if (type == 1 && length == 4) return (rcode, new IPAddress(reply.AsSpan(at, 4)));
            at += length;
        }
        return (rcode, null);
    }

    private static int SkipName(byte[] message, int at)
    {
        while (message[at] != 0)
        {
            if ((message[at] & 0xc0) == 0xc0) return at + 2;
            at += message[at] + 1;
        }
        return at + 1;
    }
}
