using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Isop.Crawling.Fetching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Isop.Crawling.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 that misbehaves in every way a piracy site might: loops, bombs, drips, tarpits,
/// floods, lies about lengths, resets connections, and serves TLS with a self-signed certificate. Tests reach it
/// through resolve-map names (hostile.test, other.test), never through its literal address.
/// </summary>
public sealed class HostileServer : IAsyncLifetime
{
    public const int BombBytes = 64 * 1024 * 1024;
    private WebApplication? app;

    public int Port { get; private set; }
    public int TlsPort { get; private set; }
    public X509Certificate2 Certificate { get; } = SelfSigned();

    private static readonly byte[] GzipBomb = Compress(s => new GZipStream(s, CompressionLevel.SmallestSize, true));
    private static readonly byte[] BrotliBomb = Compress(s => new BrotliStream(s, CompressionLevel.SmallestSize, true));
    private static readonly byte[] DoubleGzipBomb = Gzip(GzipBomb);
    private static readonly byte[] ZstdBomb = new ZstdSharp.Compressor(3).Wrap(new byte[BombBytes]).ToArray();

    public ResolveMap Resolve() => ResolveMap.Parse([
        $"hostile.test:{Port}:127.0.0.1", $"other.test:{Port}:127.0.0.1", $"hostile.test:{TlsPort}:127.0.0.1"]);

    public Uri Url(string path, string host = "hostile.test") => new($"http://{host}:{Port}{path}");

    /// <summary>Tight limits, so that every hostile behaviour ends within seconds.</summary>
    public FetchOptions Options() => new()
    {
        Resolve = Resolve(),
        MaxBodyBytes = 4 * 1024 * 1024,
        MaxDecompressionRatio = 50,
        MaxFetchTime = TimeSpan.FromSeconds(4),
        RateWindow = TimeSpan.FromSeconds(1),
        MinBytesPerSecond = 1024,
        PerHostDelay = TimeSpan.Zero,
        MaxResponseHeadersKiB = 32,
    };

    public async ValueTask InitializeAsync()
    {
        // The bombs are built now, not inside the first request: on a busy machine that alone outlasts a fetch's time limit.
        GC.KeepAlive(new[] { GzipBomb, BrotliBomb, DoubleGzipBomb, ZstdBomb });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxResponseBufferSize = null;
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(Certificate));
        });
        app = builder.Build();
        Map(app);
        await app.StartAsync();
        var ports = app.Urls.Select(u => new Uri(u)).ToList();
        Port = ports.First(u => u.Scheme == "http").Port;
        TlsPort = ports.First(u => u.Scheme == "https").Port;
    }

    private void Map(WebApplication web)
    {
        web.MapGet("/ok", () => Results.Content("<html><head><title>ok</title></head><body>fine</body></html>", "text/html"));
        web.MapGet("/loop/a", () => Results.Redirect("/loop/b"));
        web.MapGet("/loop/b", () => Results.Redirect("/loop/a"));
        web.MapGet("/chain/{n:int}", (int n) => Results.Redirect($"/chain/{n + 1}"));
        web.MapGet("/to-literal-loopback", () => Results.Redirect($"http://127.0.0.1:{Port}/ok"));
        web.MapGet("/to-localhost", () => Results.Redirect($"http://localhost:{Port}/ok"));
        web.MapGet("/to-mapped-v6", () => Results.Redirect($"http://[::ffff:127.0.0.1]:{Port}/ok"));
        web.MapGet("/to-smtp-port", () => Results.Redirect("http://hostile.test:25/ok"));
        web.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
        web.MapGet("/to-data", () => Results.Redirect("data:text/html,<script>alert(1)</script>"));
        web.MapGet("/to-other-site", () => Results.Redirect(Url("/echo", "other.test").AbsoluteUri));
        web.MapGet("/echo", (HttpRequest r) => Results.Text(
            $"cookie={r.Headers.Cookie} authorization={r.Headers.Authorization}", "text/plain"));
        web.MapGet("/bomb/{kind}", async (string kind, HttpContext c) =>
        {
            var (bytes, encoding) = kind switch
            {
                "gzip" => (GzipBomb, "gzip"),
                "br" => (BrotliBomb, "br"),
                "zstd" => (ZstdBomb, "zstd"),
                _ => (DoubleGzipBomb, "gzip, gzip"),
            };
            c.Response.ContentType = "text/html";
            c.Response.Headers.ContentEncoding = encoding;
            c.Response.ContentLength = bytes.Length;
            await c.Response.Body.WriteAsync(bytes, c.RequestAborted);
        });
        web.MapGet("/endless", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            var chunk = Encoding.ASCII.GetBytes(new string('x', 16 * 1024));
            while (!c.RequestAborted.IsCancellationRequested)
                await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
        });
        web.MapGet("/drip", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            await c.Response.StartAsync(c.RequestAborted);
            for (var i = 0; i < 600 && !c.RequestAborted.IsCancellationRequested; i++)
            {
                await c.Response.Body.WriteAsync("x"u8.ToArray(), c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await Task.Delay(1000, c.RequestAborted);
            }
        });
        web.MapGet("/silent", async (HttpContext c) => await Task.Delay(TimeSpan.FromMinutes(5), c.RequestAborted));
        web.MapGet("/huge-headers", (HttpContext c) =>
        {
            for (var i = 0; i < 200; i++) c.Response.Headers[$"X-Filler-{i}"] = new string('h', 1000);
            return Results.Text("headers", "text/plain");
        });
        web.MapGet("/cookie-flood", (HttpContext c) =>
        {
            for (var i = 0; i < 2000; i++) c.Response.Headers.Append("Set-Cookie", $"c{i}=v; Path=/");
            return Results.Text("cookies", "text/plain");
        });
        web.MapGet("/set-cookie", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "session=secret; Path=/");
            return Results.Text("set", "text/plain");
        });
        web.MapGet("/set-suffix-cookie", (HttpContext c) =>
        {
            // A cookie for the whole shared host, which a browser refuses.
            c.Response.Headers.Append("Set-Cookie", "everyone=1; Domain=github.io; Path=/");
            c.Response.Headers.Append("Set-Cookie", "quoted=1; Domain=\"github.io\"; Path=/");
            return Results.Text("set", "text/plain");
        });
        web.MapGet("/lying-length", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            c.Response.ContentLength = 10_000;
            await c.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(new string('y', 100)), c.RequestAborted);
            await c.Response.Body.FlushAsync(c.RequestAborted);
            await Task.Delay(600, c.RequestAborted);
            c.Abort();
        });
        web.MapGet("/reset", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            await c.Response.StartAsync(c.RequestAborted);
            await c.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("<html><body>" + new string('z', 5000)), c.RequestAborted);
            await c.Response.Body.FlushAsync(c.RequestAborted);
            await Task.Delay(600, c.RequestAborted);
            c.Abort();
        });
        web.MapGet("/many-links", () =>
        {
            var html = new StringBuilder("<html><body><ul>");
            for (var i = 0; i < 50_000; i++) html.Append("<li><a href=\"/item/").Append(i).Append("\">Item ").Append(i).Append("</a></li>");
            return Results.Content(html.Append("</ul></body></html>").ToString(), "text/html");
        });
        web.MapGet("/deep", () =>
        {
            var html = new StringBuilder("<html><body>");
            for (var i = 0; i < 100_000; i++) html.Append("<div>");
            return Results.Content(html.Append("<a href=\"/bottom\">Bottom of the well</a></body></html>").ToString(), "text/html");
        });
        web.MapGet("/bad-encoding", () => Results.Bytes(
            [.. "<html><head><title>Broken "u8, 0xC3, 0x28, 0xFF, 0xFE, .. " page</title></head><body><a href=\"/ok\">Moving 2023</a></body></html>"u8],
            "text/html; charset=no-such-charset"));
        web.MapGet("/packed-loop", () => Results.Content(Pages.PackedForeverLoop, "text/html"));
        web.MapGet("/calendar", (int? day) =>
        {
            var d = day ?? 0;
            return Results.Content($"<html><body><a href=\"/calendar?day={d + 1}\">Next day</a> <a href=\"/calendar?day={d - 1}\">Previous day</a></body></html>", "text/html");
        });
        web.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private\n", "text/plain"));
        web.MapGet("/private", () => Results.Text("secret", "text/plain"));
    }

    private static byte[] Compress(Func<Stream, Stream> open)
    {
        using var memory = new MemoryStream();
        using (var compressor = open(memory))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < BombBytes / zeros.Length; i++) compressor.Write(zeros);
        }
        return memory.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.SmallestSize, true)) gzip.Write(data);
        return memory.ToArray();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=hostile.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("hostile.test");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Certificate.Dispose();
    }
}
