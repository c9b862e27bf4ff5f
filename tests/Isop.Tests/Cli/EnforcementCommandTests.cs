using System.Net;
using System.Text.Json;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Cli;

/// <summary><c>isop decision</c>, <c>isop allow-list</c> and <c>isop blocklist</c>, down to a real Unbound enforcing the zone written.</summary>
public sealed class EnforcementCommandTests(PostgresServer postgres) : CommandLineTest(postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_decision_becomes_a_zone_that_Unbound_enforces_and_the_allow_list_refuses_a_legitimate_site()
    {
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", "admin@police.test", "--org", "Cyber Police", "--org-kind", "law-enforcement")).Code);
        Assert.Equal(0, (await RunAsync("platform", "add", "Toonkor", "--domain", "toonkor.test", "--domain", "toonkor2.test", "--kind", "streaming-site")).Code);
        Assert.Equal(0, (await RunAsync("platform", "add", "Legit Webtoons", "--domain", "watch.legit.test", "--kind", "other")).Code);

        var (code, stdout, stderr) = await RunAsync("decision", "add", "--platform", "toonkor", "--jurisdiction", "kr", "--basis", "Copyright Act art. 103", "--decided-by", "KCSC", "--until", "2030-01-01", "--json");
        Assert.True(code == 0, stderr);
        var decision = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("KR", decision.GetProperty("jurisdiction").GetString());
        Assert.Equal(["toonkor.test", "toonkor2.test"], decision.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));

        // The allow-list covers subdomains; a decision against a platform under it is refused, exit 1, and recorded nowhere.
        Assert.Equal(0, (await RunAsync("allow-list", "add", "legit.test", "--reason", "licensed webtoon service")).Code);
        var refused = await RunAsync("decision", "add", "--platform", "watch.legit.test", "--jurisdiction", "KR", "--basis", "x", "--decided-by", "KCSC");
        Assert.Equal(1, refused.Code);
        Assert.Contains("Refused by the allow-list: platform Legit Webtoons cannot be blocked; watch.legit.test is under legit.test, which is on the allow-list: licensed webtoon service", refused.Stderr, StringComparison.Ordinal);
        var decisions = (await RunAsync("decision", "list", "--json")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(decisions);
        var allowList = JsonDocument.Parse((await RunAsync("allow-list", "list", "--json")).Stdout).RootElement;
        Assert.Equal("legit.test", allowList.GetProperty("domain").GetString());

        using var folder = new TemporaryFolder();
        var zone = Path.Combine(folder.Path, "kr.rpz");
        var written = await RunAsync("blocklist", "--jurisdiction", "KR", "--format", "rpz", "--out", zone, "--json");
        Assert.True(written.Code == 0, written.Stderr);
        Assert.Equal(2, JsonDocument.Parse(written.Stdout).RootElement.GetProperty("names").GetInt32());
        await using var resolver = await LoopbackUnbound.StartAsync(await File.ReadAllTextAsync(zone, Ct), """
            localhost IN A 127.0.0.1
            toonkor IN A 127.0.0.21
            www.toonkor IN A 127.0.0.22
            toonkor2 IN A 127.0.0.23
            watch.legit IN A 127.0.0.24
            """, Ct);
        foreach (var name in new[] { "toonkor.test", "www.toonkor.test", "toonkor2.test" })
            Assert.Equal((3, (IPAddress?)null), await resolver.QueryAsync(name, Ct));
        Assert.Equal((0, IPAddress.Parse("127.0.0.24")), await resolver.QueryAsync("watch.legit.test", Ct));

        // The same decisions give the same serial; the other formats list the same names.
        var hosts = await RunAsync("blocklist", "--jurisdiction", "KR", "--format", "hosts");
        Assert.Equal(["0.0.0.0 toonkor.test", "0.0.0.0 toonkor2.test"], hosts.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..]);
        Assert.Equal(await File.ReadAllTextAsync(zone, Ct), (await RunAsync("blocklist", "--jurisdiction", "KR")).Stdout);

        // Revoked, the zone is empty and its serial larger.
        var revoked = await RunAsync("decision", "revoke", decision.GetProperty("id").GetString()!, "--reason", "lifted");
        Assert.True(revoked.Code == 0, revoked.Stderr);
        var empty = (await RunAsync("blocklist", "--jurisdiction", "KR")).Stdout;
        Assert.DoesNotContain("toonkor", empty, StringComparison.Ordinal);
        Assert.True(Serial(empty) > Serial(await File.ReadAllTextAsync(zone, Ct)));
    }

    [Fact]
    public async Task Contacts_import_fills_the_address_book_and_a_bad_file_names_its_line()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "contacts.csv");
        await File.WriteAllTextAsync(file, "name,kind,email,country,domains,networks\r\nHost One,host,abuse@hostone.test,KR,hostone.test,203.0.113.0/24\r\n", Ct);
        var (code, stdout, stderr) = await RunAsync("contacts", "import", file, "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("added").GetInt32());
        var listed = JsonDocument.Parse((await RunAsync("contacts", "list", "--json")).Stdout).RootElement;
        Assert.Equal("abuse@hostone.test", listed.GetProperty("email").GetString());
        await File.WriteAllTextAsync(file, "name,kind,email\r\nHost Two,host,not-an-address\r\n", Ct);
        var bad = await RunAsync("contacts", "import", file);
        Assert.Equal(1, bad.Code);
        Assert.Contains("line 2, email: expected one e-mail address", bad.Stderr, StringComparison.Ordinal);
    }

    private static uint Serial(string zone) =>
        uint.Parse(zone.Split('\n').Single(l => l.StartsWith("@ IN SOA ", StringComparison.Ordinal)).Split(' ')[5], System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("decision add --platform Nowhere --jurisdiction KR --basis b --decided-by d", "--platform: no platform named \"Nowhere\"")]
    [InlineData("decision add --platform Toonkor --jurisdiction Korea --basis b --decided-by d", "--jurisdiction: expected a country code (ISO 3166-1 alpha-2)")]
    [InlineData("decision add --platform Toonkor --jurisdiction KR --basis b --decided-by d --until soon", "--until: expected an ISO 8601 date")]
    [InlineData("decision add --platform Toonkor --jurisdiction KR --basis b --decided-by d --tlp CLEAR", "--tlp: must be TLP:AMBER or stricter")]
    [InlineData("blocklist --jurisdiction KR --format zip", "--format: expected one of rpz, hosts, domains, csv")]
    [InlineData("blocklist --jurisdiction K", "--jurisdiction: expected a country code (ISO 3166-1 alpha-2)")]
    [InlineData("blocklist --jurisdiction XX", "--jurisdiction: expected a country code (ISO 3166-1 alpha-2)")]
    [InlineData("blocklist --jurisdiction uk", "--jurisdiction: expected an ISO 3166-1 code: the United Kingdom's is GB, not UK")]
    [InlineData("blocklist --jurisdiction KR --for Nobody", "--for: no organisation named \"Nobody\"")]
    [InlineData("allow-list add https://legit.test/x", "domain: ")]
    [InlineData("allow-list remove legit.test", "legit.test is not on the allow-list")]
    public async Task Wrong_arguments_are_refused_with_the_option_named(string arguments, string message)
    {
        await RunAsync("admin", "create", "--email", "admin@police.test", "--org", "Cyber Police", "--org-kind", "law-enforcement");
        await RunAsync("platform", "add", "Toonkor", "--domain", "toonkor.test");
        var (code, _, stderr) = await RunAsync(arguments.Split(' '));
        Assert.Equal(1, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }
}
