using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Isop.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Isop.Tests.Cli;

/// <summary><c>isop crawl</c> end to end against a small torrent site on loopback, reached through --resolve.</summary>
public sealed class CrawlCommandTests : IAsyncLifetime
{
    private WebApplication? site;
    private int port;
    private readonly string folder = Directory.CreateTempSubdirectory("isop-crawl-cli-").FullName;

    private static readonly byte[] TorrentBytes = Encoding.Latin1.GetBytes(
        "d8:announce25:udp://tracker.test:1337/a4:infod6:lengthi734003200e4:name35:Moving.S01E03.1080p.WEB-DL.x264-EVO12:piece lengthi262144e6:pieces20:aaaaaaaaaaaaaaaaaaaaee");

    private static readonly byte[] Icon = [0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 4, 0, 0, 0x16, 0, 0, 0];

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        site = builder.Build();
        site.MapGet("/", () => Results.Content("""
            <html><head><title>KTorrents</title><link rel="icon" href="/favicon.ico">
            <script>gtag('config', 'G-TEST123456');</script></head><body>
            <table><thead><tr><th>Name</th><th>Seeders</th></tr></thead><tbody>
            <tr><td><a href="/t/1">Moving.S01E01.1080p.WEB-DL.x264-EVO</a> <a href="magnet:?xt=urn:btih:9fb267cff5ae5603f07a347676ec3bf3e35f75e1">magnet</a></td><td>120</td></tr>
            <tr><td><a href="/t/2">Moving.S01E02.1080p.WEB-DL.x264-EVO</a> <a href="magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567">magnet</a></td><td>80</td></tr>
            <tr><td><a href="/t/3">Moving.S01E03.1080p.WEB-DL.x264-EVO</a> <a href="/dl/3.torrent">torrent</a></td><td>40</td></tr>
            </tbody></table><a href="/private/admin">admin</a><a href="/gone">gone</a>
            <p>BTC 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa</p></body></html>
            """, "text/html; charset=utf-8"));
        site.MapGet("/t/{id:int}", (int id) => Results.Content($"<html><head><title>Moving episode {id}</title></head><body><h1>Moving E0{id}</h1></body></html>", "text/html"));
        site.MapGet("/dl/3.torrent", () => Results.Bytes(TorrentBytes, "application/x-bittorrent"));
        site.MapGet("/favicon.ico", () => Results.Bytes(Icon, "image/x-icon"));
        site.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\n"));
        site.MapGet("/gone", () => Results.Redirect("http://127.0.0.1/steal"));
        await site.StartAsync();
        port = new Uri(site.Urls.First()).Port;
    }

    private async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IsopCommand.Create(stdout, stderr).Parse(["crawl", "--json", .. args]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static List<JsonElement> Lines(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Crawl_writes_verifiable_evidence_a_manifest_pages_listings_and_signals()
    {
        var outDir = Path.Combine(folder, "capture");
        var (code, stdout, stderr) = await Run($"http://ktorrents.test:{port}/", "--out", outDir, "--resolve", $"ktorrents.test:{port}:127.0.0.1",
            "--max-pages", "20", "--max-depth", "2", "--same-site", "--delay", "0", "--operator", "NCB Seoul", "--purpose", "case 2026-114");
        Assert.True(code == 0, stderr);
        var summary = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(1, summary.GetProperty("files").GetInt32());

        var pages = Lines(Path.Combine(outDir, "pages.jsonl"));
        var home = pages.Single(p => p.GetProperty("url").GetString() == $"http://ktorrents.test:{port}/");
        Assert.Equal(200, home.GetProperty("status").GetInt32());
        Assert.False(home.GetProperty("truncated").GetBoolean());
        Assert.StartsWith("sha256:", home.GetProperty("digest").GetString(), StringComparison.Ordinal);
        Assert.True(home.GetProperty("warcOffset").GetInt64() > 0);
        Assert.True(home.TryGetProperty("elapsedMs", out _));
        Assert.Contains(pages, p => p.GetProperty("url").GetString()!.EndsWith("/private/admin", StringComparison.Ordinal) && p.GetProperty("problem").GetString() == "disallowed by robots.txt");
        var gone = pages.Single(p => p.GetProperty("url").GetString()!.EndsWith("/gone", StringComparison.Ordinal));
        Assert.Equal("Refused", gone.GetProperty("outcome").GetString());
        Assert.Contains("loopback", gone.GetProperty("problem").GetString(), StringComparison.Ordinal);

        var listings = Lines(Path.Combine(outDir, "listings.jsonl"));
        Assert.Contains(listings, l => l.GetProperty("kind").GetString() == "magnet" && l.GetProperty("infoHash").GetString() == "9fb267cff5ae5603f07a347676ec3bf3e35f75e1"
            && l.GetProperty("counters").GetProperty("seeders").GetInt32() == 120);
        var torrentInfo = Encoding.Latin1.GetString(TorrentBytes);
        var infoDict = torrentInfo[(torrentInfo.IndexOf("4:info", StringComparison.Ordinal) + 6)..^1];
        Assert.Contains(listings, l => l.GetProperty("source").GetString() == "torrent"
            && l.GetProperty("infoHash").GetString() == Convert.ToHexStringLower(SHA1.HashData(Encoding.Latin1.GetBytes(infoDict)))
            && l.GetProperty("text").GetString() == "Moving.S01E03.1080p.WEB-DL.x264-EVO");

        var signals = Lines(Path.Combine(outDir, "signals.jsonl"));
        Assert.Contains(signals, s => s.GetProperty("type").GetString() == "google-analytics" && s.GetProperty("value").GetString() == "G-TEST123456");
        Assert.Contains(signals, s => s.GetProperty("type").GetString() == "wallet-bitcoin");
        Assert.Contains(signals, s => s.GetProperty("type").GetString() == "favicon-sha256" && s.GetProperty("value").GetString() == Convert.ToHexStringLower(SHA256.HashData(Icon)));
        Assert.Contains(signals, s => s.GetProperty("type").GetString() == "ip" && s.GetProperty("value").GetString() == "127.0.0.1");

        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json"), TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("NCB Seoul", manifest.GetProperty("operator").GetString());
        var file = manifest.GetProperty("files")[0];
        var warc = Path.Combine(outDir, file.GetProperty("name").GetString()!);
        Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(warc, TestContext.Current.CancellationToken))));
        Assert.Equal(home.GetProperty("warcFile").GetString(), Path.GetFileName(warc));

        var verify = new StringWriter();
        Assert.Equal(0, await IsopCommand.Create(verify, new StringWriter()).Parse(["warc", "verify", "--json", warc]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(JsonDocument.Parse(verify.ToString()).RootElement.GetProperty("valid").GetBoolean());
        var warcText = Encoding.UTF8.GetString(await ReadGzipMembers(warc));
        Assert.Contains("operator: NCB Seoul", warcText, StringComparison.Ordinal);
        Assert.Contains("description: case 2026-114", warcText, StringComparison.Ordinal);
        Assert.Contains("WARC-IP-Address: 127.0.0.1", warcText, StringComparison.Ordinal);
        Assert.Contains("WARC-Type: metadata", warcText, StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadGzipMembers(string path)
    {
        await using var file = File.OpenRead(path);
        await using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var memory = new MemoryStream();
        await gzip.CopyToAsync(memory);
        return memory.ToArray();
    }

    [Fact]
    public async Task An_existing_capture_is_never_mixed_with_a_new_one()
    {
        var outDir = Path.Combine(folder, "twice");
        var args = new[] { $"http://ktorrents.test:{port}/t/1", "--out", outDir, "--resolve", $"ktorrents.test:{port}:127.0.0.1", "--max-pages", "2" };
        Assert.Equal(0, (await Run(args)).Code);
        var (code, _, stderr) = await Run(args);
        Assert.Equal(2, code);
        Assert.Contains("already holds a capture", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--resolve", "ktorrents.test:80", "expected host:port:address")]
    [InlineData("--max-pages", "0", "--max-pages must be at least 1")]
    [InlineData("--profile", "/nonexistent/profile.json", "no such file")]
    public async Task Bad_arguments_are_refused_with_a_precise_message(string option, string value, string message)
    {
        var (code, _, stderr) = await Run($"http://ktorrents.test:{port}/", "--out", Path.Combine(folder, "bad"), option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_url_is_refused_as_a_start_page()
    {
        var (code, _, stderr) = await Run("file:///etc/passwd", "--out", Path.Combine(folder, "file"));
        Assert.Equal(2, code);
        Assert.Contains("file: scheme is not fetched", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://nosuch-site.invalid/", "unresolved: nosuch-site.invalid does not resolve")]
    [InlineData("http://127.0.0.1:{0}/", "refused: 127.0.0.1 is loopback")]
    public async Task A_start_page_that_cannot_be_fetched_says_why_and_the_run_fails(string url, string reason)
    {
        // Loopback without --resolve is refused before any connection; .invalid is never sent to DNS.
        var start = string.Format(System.Globalization.CultureInfo.InvariantCulture, url, port);
        var (code, stdout, stderr) = await Run(start, "--out", Path.Combine(folder, "unfetched-" + Guid.NewGuid().ToString("N")), "--delay", "0");
        Assert.Equal(CrawlCommands.NothingFetched, code);
        Assert.Contains($"{start}: {reason}", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing could be fetched", stderr, StringComparison.Ordinal);
        var summary = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(0, summary.GetProperty("responses").GetInt32());
        Assert.Equal(start, summary.GetProperty("unanswered")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task One_answering_start_page_is_enough_and_the_others_are_named()
    {
        var (code, _, stderr) = await Run($"http://ktorrents.test:{port}/t/1", "http://gone-mirror.invalid/", "--out", Path.Combine(folder, "partly"),
            "--resolve", $"ktorrents.test:{port}:127.0.0.1", "--max-pages", "3", "--delay", "0");
        Assert.Equal(0, code);
        Assert.Contains("http://gone-mirror.invalid/: unresolved:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ktorrents.test", stderr, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (site is not null) await site.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
