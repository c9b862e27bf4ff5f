using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Monitoring;
using Isop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Monitoring;

/// <summary>
/// The viewer of captured pages, on both databases: a record's headers and digests checked again, its body served
/// apart under a sandbox policy (a captured script or image of the live site cannot run or load), and only to those
/// who may see the platform, at offsets where a record starts.
/// </summary>
public abstract class EvidenceViewerTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Hostile = "<html><head><title>EVO</title></head><body><h1>Captured EVO page</h1><script>fetch('http://live.test/beacon')</script><img src=\"http://live.test/pixel.gif\"><form action=\"http://live.test/login\"><input name=\"p\"></form></body></html>";

    private static string Sha256(byte[] data) => "sha256:" + Isop.Crawling.Base32.Encode(SHA256.HashData(data));

    /// <summary>One WARC record as its own gzip member, as Isop writes them.</summary>
    private static void Record(Stream output, string type, string? uri, byte[] block, string? payloadDigest, params (string, string)[] extra)
    {
        var head = new StringBuilder("WARC/1.1\r\n").Append("WARC-Type: ").Append(type).Append("\r\n")
            .Append("WARC-Record-ID: <urn:uuid:").Append(Guid.NewGuid()).Append(">\r\n").Append("WARC-Date: 2026-11-20T10:00:00.000000Z\r\n");
        if (uri is not null) head.Append("WARC-Target-URI: ").Append(uri).Append("\r\n");
        head.Append("WARC-Block-Digest: ").Append(Sha256(block)).Append("\r\n");
        if (payloadDigest is not null) head.Append("WARC-Payload-Digest: ").Append(payloadDigest).Append("\r\n");
        foreach (var (name, value) in extra) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Content-Length: ").Append(block.Length).Append("\r\n\r\n");
        using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        gzip.Write(Encoding.UTF8.GetBytes(head.ToString()));
        gzip.Write(block);
        gzip.Write("\r\n\r\n"u8);
    }

    private static byte[] Response(string headers, byte[] body) => [.. Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\n{headers}Content-Length: {body.Length}\r\n\r\n"), .. body];

    private sealed record Capture(Guid Platform, string File, long Page, long Tampered, long Zipped, long Image, long Length);

    /// <summary>A platform of <paramref name="client"/>'s organisation with an evidence file: warcinfo, the hostile page, a tampered copy, a gzip-coded page and an image.</summary>
    private async Task<Capture> CaptureAsync(HttpClient client, string tlp)
    {
        var name = $"viewer-{Guid.NewGuid():N}"[..20];
        var created = await client.PostAsJsonAsync("/api/v1/platforms", new { name, kind = "streaming-site", domains = new[] { $"{name}.test" }, tlp }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var platform = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var settings = fixture.App.Services.GetRequiredService<MonitorSettings>();
        var file = $"{platform:N}/run/capture.warc.gz";
        var path = Path.Combine(settings.EvidenceRoot, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var output = File.Create(path);
        Record(output, "warcinfo", null, "software: test\r\n"u8.ToArray(), null, ("Content-Type", "application/warc-fields"));
        var page = output.Position;
        var body = Encoding.UTF8.GetBytes(Hostile);
        Record(output, "response", $"http://{name}.test/", Response("Content-Type: text/html; charset=utf-8\r\n", body), Sha256(body),
            ("WARC-IP-Address", "127.0.0.1"), ("Content-Type", "application/http; msgtype=response"));
        var tampered = output.Position;
        Record(output, "response", $"http://{name}.test/2", Response("Content-Type: text/html\r\n", body), Sha256("something else"u8.ToArray()),
            ("Content-Type", "application/http; msgtype=response"));
        var zipped = output.Position;
        using (var compressed = new MemoryStream())
        {
            await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write("<p>gzip coded page</p>"u8);
            var coded = compressed.ToArray();
            Record(output, "response", $"http://{name}.test/z", Response("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", coded), Sha256(coded),
                ("Content-Type", "application/http; msgtype=response"));
        }
        var image = output.Position;
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        Record(output, "response", $"http://{name}.test/i.png", Response("Content-Type: image/png\r\n", png), Sha256(png), ("Content-Type", "application/http; msgtype=response"));
        return new Capture(platform, file, page, tampered, zipped, image, output.Position);
    }

    private static string Query(Capture c, long offset) => $"file={Uri.EscapeDataString(c.File)}&offset={offset}";

    [Fact]
    public async Task The_viewer_shows_the_WARC_headers_the_HTTP_response_and_the_digests_checked_again()
    {
        fixture.Require();
        var c = await CaptureAsync(fixture.Analyst, "GREEN");
        var response = await fixture.Analyst.GetAsync($"/Platforms/{c.Platform}/Evidence?{Query(c, c.Page)}", Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        foreach (var header in EvidenceViewer.KeyHeaders) Assert.Contains($"<code>{header}</code>", page, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", page, StringComparison.Ordinal);
        Assert.Contains("2026-11-20T10:00:00.000000Z", page, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 200 OK", page, StringComparison.Ordinal);
        Assert.Contains("text/html; charset=utf-8", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("badge bg-success").Length - 1);
        Assert.Contains(Sha256(Encoding.UTF8.GetBytes(Hostile)), page, StringComparison.Ordinal);
        Assert.Contains($"<iframe sandbox=\"\" src=\"/api/v1/platforms/{c.Platform}/evidence/body?{WebUtility.HtmlEncode(Query(c, c.Page))}\"", page, StringComparison.Ordinal);
        // The captured markup is never in the page itself, and the page keeps the site's strict policy.
        Assert.DoesNotContain("live.test", page, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var tampered = await fixture.Analyst.GetStringAsync($"/Platforms/{c.Platform}/Evidence?{Query(c, c.Tampered)}", Ct);
        Assert.Contains("badge bg-danger", tampered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_body_is_served_under_a_sandbox_policy_so_its_script_and_live_site_image_are_blocked()
    {
        fixture.Require();
        var c = await CaptureAsync(fixture.Analyst, "GREEN");
        var response = await fixture.Analyst.GetAsync($"/api/v1/platforms/{c.Platform}/evidence/body?{Query(c, c.Page)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        // The body is the capture as it was: what keeps its script and image from running or loading is the policy.
        Assert.Equal(Hostile, await response.Content.ReadAsStringAsync(Ct));

        var zipped = await fixture.Analyst.GetAsync($"/api/v1/platforms/{c.Platform}/evidence/body?{Query(c, c.Zipped)}", Ct);
        Assert.Equal("<p>gzip coded page</p>", await zipped.Content.ReadAsStringAsync(Ct));
        var image = await fixture.Analyst.GetAsync($"/api/v1/platforms/{c.Platform}/evidence/body?{Query(c, c.Image)}", Ct);
        Assert.Equal("application/octet-stream", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", image.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("sandbox", image.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"body-download\"", await fixture.Analyst.GetStringAsync($"/Platforms/{c.Platform}/Evidence?{Query(c, c.Image)}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_offset_or_file_is_not_found_never_an_error()
    {
        fixture.Require();
        var c = await CaptureAsync(fixture.Analyst, "GREEN");
        foreach (var query in new[]
        {
            Query(c, c.Page + 7), Query(c, c.Length), Query(c, c.Length + 1000), $"file={Uri.EscapeDataString(c.File)}&offset=-1", $"file={Uri.EscapeDataString(c.File)}",
            $"file={Uri.EscapeDataString($"{c.Platform:N}/run/missing.warc.gz")}&offset=0", $"file={Uri.EscapeDataString($"{c.Platform:N}/../../etc/passwd")}&offset=0",
            $"file={Uri.EscapeDataString("/etc/passwd")}&offset=0", $"file={Uri.EscapeDataString($"{c.Platform:N}/run")}&offset=0", "offset=0",
        })
        {
            Assert.True((await fixture.Analyst.GetAsync($"/Platforms/{c.Platform}/Evidence?{query}", Ct)).StatusCode == HttpStatusCode.NotFound, $"page {query}");
            Assert.True((await fixture.Analyst.GetAsync($"/api/v1/platforms/{c.Platform}/evidence/body?{query}", Ct)).StatusCode == HttpStatusCode.NotFound, $"body {query}");
        }
        // Another platform's file is not this platform's evidence.
        var other = await CaptureAsync(fixture.Analyst, "GREEN");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/Platforms/{c.Platform}/Evidence?{Query(other, other.Page)}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_platform_the_caller_may_not_see_is_not_found_and_the_listing_table_links_the_viewer()
    {
        fixture.Require();
        var police = await fixture.App.MemberAsync($"viewer-{Guid.NewGuid():N}@police.test", $"Police {Guid.NewGuid():N}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var c = await CaptureAsync(fixture.App.ClientWithToken(police.Token), "AMBER+STRICT");
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.ClientWithToken(police.Token).GetAsync($"/Platforms/{c.Platform}/Evidence?{Query(c, c.Page)}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/Platforms/{c.Platform}/Evidence?{Query(c, c.Page)}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/api/v1/platforms/{c.Platform}/evidence/body?{Query(c, c.Page)}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Anonymous.GetAsync($"/api/v1/platforms/{c.Platform}/evidence/body?{Query(c, c.Page)}", Ct)).StatusCode);

        var mine = await CaptureAsync(fixture.Analyst, "GREEN");
        await using (var db = fixture.App.SystemDb())
        {
            db.Observations.Add(new Observation
            {
                Id = Guid.CreateVersion7(), PlatformId = mine.Platform, Key = new string('a', 64), Text = "Listing with evidence", Kind = "page",
                FirstSeen = DateTimeOffset.UtcNow, LastSeen = DateTimeOffset.UtcNow, FirstRunId = Guid.Empty, LastRunId = Guid.Empty, WarcFile = mine.File, WarcOffset = mine.Page,
            });
            await db.SaveChangesAsync(Ct);
        }
        var detail = await fixture.Analyst.GetStringAsync($"/Platforms/{mine.Platform}", Ct);
        Assert.Contains($"href=\"/Platforms/{mine.Platform}/Evidence?{WebUtility.HtmlEncode(Query(mine, mine.Page))}\"", detail, StringComparison.Ordinal);
    }
}

public sealed class SqliteEvidenceViewerTests(SqliteApp fixture) : EvidenceViewerTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresEvidenceViewerTests(PostgresApp fixture) : EvidenceViewerTests(fixture), IClassFixture<PostgresApp>;
