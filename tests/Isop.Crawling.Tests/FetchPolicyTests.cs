using System.IO.Compression;
using System.Net;
using Isop.Crawling.Fetching;

namespace Isop.Crawling.Tests;

public sealed class FetchPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback (127.0.0.0/8) in IPv4-mapped form")]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local (169.254.0.0/16) in NAT64 form")]
    [InlineData("2002:c0a8:0101::1", "6to4")]
    public void Internal_addresses_are_forbidden_in_every_spelling(string address, string reason) =>
        Assert.Contains(reason, AddressPolicy.Forbidden(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.Null(AddressPolicy.Forbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData(22, true)]
    [InlineData(25, true)]
    [InlineData(6667, true)]
    [InlineData(80, false)]
    [InlineData(443, false)]
    [InlineData(8080, false)]
    [InlineData(0, true)]
    [InlineData(70000, true)]
    public void Ports_of_other_protocols_are_forbidden(int port, bool forbidden) =>
        Assert.Equal(forbidden, AddressPolicy.ForbiddenPort(port) is not null);

    [Fact]
    public void Resolve_entries_read_like_curl_and_errors_name_the_part()
    {
        var map = ResolveMap.Parse(["Site.Test:8080:127.0.0.1", "v6.test:443:[::1],127.0.0.2"]);
        Assert.True(map.TryResolve("site.test", 8080, out var a));
        Assert.Equal(IPAddress.Loopback, Assert.Single(a));
        Assert.False(map.Contains("site.test", 8081));
        Assert.True(map.TryResolve("v6.test", 443, out var b));
        Assert.Equal([IPAddress.IPv6Loopback, IPAddress.Parse("127.0.0.2")], b);
        Assert.Contains("host:port:address", Assert.Throws<FormatException>(() => ResolveMap.Parse(["site.test"])).Message, StringComparison.Ordinal);
        Assert.Contains("port", Assert.Throws<FormatException>(() => ResolveMap.Parse(["site.test:http:127.0.0.1"])).Message, StringComparison.Ordinal);
        Assert.Contains("'localhost' is not an IP address", Assert.Throws<FormatException>(() => ResolveMap.Parse(["site.test:80:localhost"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wildcard_entry_answers_for_every_name_under_its_suffix_and_an_exact_entry_wins()
    {
        var map = ResolveMap.Parse(["*.test:8080:127.0.0.1", "*.lab.test:8080:127.0.0.3", "exact.test:8080:127.0.0.2"]);
        Assert.True(map.TryResolve("new-domain.test", 8080, out var a));
        Assert.Equal(IPAddress.Loopback, Assert.Single(a));
        Assert.True(map.TryResolve("Deep.Sub.Site.TEST.", 8080, out var deep));
        Assert.Equal(IPAddress.Loopback, Assert.Single(deep));
        Assert.True(map.TryResolve("exact.test", 8080, out var exact));
        Assert.Equal(IPAddress.Parse("127.0.0.2"), Assert.Single(exact));
        Assert.True(map.TryResolve("a.lab.test", 8080, out var longer));
        Assert.Equal(IPAddress.Parse("127.0.0.3"), Assert.Single(longer));
        // The suffix itself, another port, and a name that merely ends in the same letters are not covered.
        Assert.False(map.Contains("test", 8080));
        Assert.False(map.Contains("new-domain.test", 8081));
        Assert.False(map.Contains("contest", 8080));
        Assert.Contains("*.suffix", Assert.Throws<FormatException>(() => ResolveMap.Parse(["*.:80:127.0.0.1"])).Message, StringComparison.Ordinal);
        Assert.Contains("leftmost", Assert.Throws<FormatException>(() => ResolveMap.Parse(["a.*.test:80:127.0.0.1"])).Message, StringComparison.Ordinal);
        Assert.Contains("*.suffix", Assert.Throws<FormatException>(() => ResolveMap.Parse(["*.*.test:80:127.0.0.1"])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/private/x", false)]
    [InlineData("/private", false)]
    [InlineData("/public/page", true)]
    [InlineData("/public/secret.pdf", true)] // the longer Allow wins over the shorter Disallow
    [InlineData("/docs/secret.pdf", false)]
    [InlineData("/public/secret.pdf?x=1", true)]
    [InlineData("/search?q=a", false)]
    [InlineData("/robots.txt", true)]
    public void Robots_rules_follow_rfc_9309(string path, bool allowed)
    {
        var robots = Robots.Parse("""
            # comment
            User-agent: OtherBot
            Disallow: /

            User-agent: isopbot
            User-agent: somebot
            Disallow: /private
            Allow: /public/
            Disallow: /*.pdf$
            Disallow: /search
            Crawl-delay: 2.5
            """, "IsopBot/1.0 (test)");
        Assert.Equal(allowed, robots.Allows(new Uri("http://site.test" + path)));
        Assert.Equal(TimeSpan.FromSeconds(2.5), robots.CrawlDelay);
    }

    [Fact]
    public void Robots_falls_back_to_the_star_group_and_status_rules_apply()
    {
        var robots = Robots.Parse("User-agent: *\nDisallow: /x\n", "IsopBot/1.0");
        Assert.False(robots.Allows(new Uri("http://a.test/x/y")));
        Assert.True(robots.Allows(new Uri("http://a.test/y")));
        Assert.True(Robots.FromResponse(404, [], "IsopBot").Allows(new Uri("http://a.test/x")));
        Assert.False(Robots.FromResponse(503, [], "IsopBot").Allows(new Uri("http://a.test/x")));
        Assert.False(Robots.FromResponse(null, [], "IsopBot").Allows(new Uri("http://a.test/x")));
    }

    [Fact]
    public void Content_codings_are_undone_in_reverse_order_and_raw_deflate_is_accepted()
    {
        var text = "<html>" + new string('a', 5000) + "</html>";
        var data = System.Text.Encoding.UTF8.GetBytes(text);
        var twice = Compress(Compress(data, s => new GZipStream(s, CompressionLevel.Fastest, true)), s => new BrotliStream(s, CompressionLevel.Fastest, true));
        var decoded = ContentDecoder.Decode(twice, ["gzip", "br"], 1 << 20, 100);
        Assert.Equal(data, decoded.Bytes);
        Assert.Null(decoded.Cut);
        var raw = ContentDecoder.Decode(Compress(data, s => new DeflateStream(s, CompressionLevel.Fastest, true)), ["deflate"], 1 << 20, 100);
        Assert.Equal(data, raw.Bytes);
        var zlib = ContentDecoder.Decode(Compress(data, s => new ZLibStream(s, CompressionLevel.Fastest, true)), ["deflate"], 1 << 20, 100);
        Assert.Equal(data, zlib.Bytes);
    }

    [Fact]
    public void Unknown_stacked_and_corrupt_codings_are_reported()
    {
        Assert.Contains("unsupported content coding 'compress'", ContentDecoder.Decode(new byte[10], ["compress"], 1000, 10).Problem, StringComparison.Ordinal);
        Assert.Contains("4 stacked", ContentDecoder.Decode(new byte[10], ["gzip, gzip, gzip, gzip"], 1000, 10).Problem, StringComparison.Ordinal);
        var data = Compress(new byte[100_000], s => new GZipStream(s, CompressionLevel.Fastest, true));
        for (var i = 20; i < data.Length - 8; i++) data[i] ^= 0x5A;
        var cut = ContentDecoder.Decode(data, ["gzip"], 1 << 20, 1000);
        Assert.Contains("gzip data is corrupt or cut", cut.Problem, StringComparison.Ordinal);
        var identity = ContentDecoder.Decode(new byte[2000], ["identity"], 1000, 10);
        Assert.Equal(("length", 1000), (identity.Cut, identity.Bytes.Length));
    }

    private static byte[] Compress(byte[] data, Func<Stream, Stream> open)
    {
        using var memory = new MemoryStream();
        using (var compressor = open(memory)) compressor.Write(data);
        return memory.ToArray();
    }
}

public sealed class UnresolvedNameTests
{
    [Theory]
    [InlineData("http://nosuch.invalid/", ".invalid names are never sent to DNS")]
    [InlineData("http://unmapped-site.test:8080/", ".test names are never sent to DNS")]
    [InlineData("https://printer.local/", ".local names are never sent to DNS")]
    [InlineData("http://hidden-service.onion/", ".onion names are never sent to DNS")]
    public async Task A_special_use_name_is_unresolved_without_asking_DNS(string url, string reason)
    {
        using var fetcher = new SafeFetcher(new FetchOptions());
        var result = await fetcher.FetchAsync(new Uri(url), TestContext.Current.CancellationToken);
        Assert.Equal(FetchOutcome.Unresolved, result.Outcome);
        Assert.Contains(reason, result.Problem, StringComparison.Ordinal);
        Assert.Null(result.Final);
    }
}

public sealed class MappedPortTests
{
    /// <summary>A resolve entry names where a host is, never that a mail or shell port may be spoken HTTP to (issue 11).</summary>
    [Theory]
    [InlineData("http://mail.test:25/", "mail.test:25:127.0.0.1")]
    [InlineData("http://shell.test:22/", "shell.test:22:127.0.0.1")]
    public async Task A_port_of_another_protocol_is_refused_even_through_a_resolve_entry(string url, string entry)
    {
        using var fetcher = new SafeFetcher(new FetchOptions { Resolve = ResolveMap.Parse([entry]) });
        var result = await fetcher.FetchAsync(new Uri(url), TestContext.Current.CancellationToken);
        Assert.Equal(FetchOutcome.Refused, result.Outcome);
        Assert.Contains("belongs to another protocol", result.Problem, StringComparison.Ordinal);
    }
}
