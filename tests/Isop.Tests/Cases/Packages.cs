using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Isop.Cases;
using Isop.Crawling.Crawl;
using Isop.Crawling.Fetching;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Cases;

/// <summary>What the package tests are made of: a real WARC capture, a case's files, signers, and ZIP surgery.</summary>
internal static class Packages
{
    public const string WarcPath = "evidence/dramas.example.test.warc.gz";

    public static readonly PackageHeader Header = new(
        "6f1c2a9e-0b7d-4e51-9a3c-2d8e5f40b1aa", "눈물의 여왕 — unlicensed streams on dramas.example.test", "Kim Ji-won", "Test Broadcaster",
        new DateTimeOffset(2026, 5, 4, 9, 30, 0, TimeSpan.Zero), "Isop 0.1.0");

    private static readonly Lazy<byte[]> s_warc = new(Capture);

    /// <summary>A WARC file as Isop's crawler writes it (warcinfo, request, response), through the project's WarcWriter.</summary>
    public static byte[] Warc => s_warc.Value;

    private static byte[] Capture()
    {
        using var folder = new TemporaryFolder();
        var body = Encoding.UTF8.GetBytes("<html><body><h1>Queen of Tears 눈물의 여왕 5회</h1><video src=\"/s/5.m3u8\"></video></body></html>");
        IReadOnlyList<EvidenceFile> files;
        using (var store = new EvidenceStore(folder.Path, new Dictionary<string, string> { ["software"] = "Isop tests", ["operator"] = "Test NCB" }))
        {
            store.Record(new FetchHop
            {
                Url = new Uri("http://dramas.example.test/watch/queen-of-tears-5"),
                Started = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
                RequestHead = "GET /watch/queen-of-tears-5 HTTP/1.1\r\nHost: dramas.example.test\r\n\r\n"u8.ToArray(),
                Status = 200,
                ResponseHead = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n"),
                RawBody = body,
                Body = body,
                Address = IPAddress.Loopback,
            });
            files = store.Complete();
        }
        return File.ReadAllBytes(Path.Combine(folder.Path, Assert.Single(files).Name));
    }

    /// <summary>The WARC with one byte of a response changed and recompressed: a valid gzip whose record digests no longer hold.</summary>
    public static byte[] WarcWithWrongDigest()
    {
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(Warc), CompressionMode.Decompress)) gzip.CopyTo(plain);
        var bytes = plain.ToArray();
        var at = bytes.AsSpan().IndexOf("Queen of Tears"u8);
        Assert.True(at > 0);
        bytes[at + 2] = (byte)'a';
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    public static IReadOnlyList<PackageFile> Files(byte[]? warc = null) =>
    [
        PackageFile.FromBytes(WarcPath, warc ?? Warc),
        PackageFile.FromBytes("custody.json", """{"events":[{"at":"2026-05-01T12:00:00Z","by":"Test NCB","what":"captured"}]}"""u8.ToArray()),
        PackageFile.FromBytes("report.html", Encoding.UTF8.GetBytes("<!doctype html><meta charset=utf-8><h1>사건 보고서</h1>")),
        PackageFile.FromBytes("report.pdf", "%PDF-1.7\n% a stand-in for the printed report\n%%EOF\n"u8.ToArray()),
    ];

    public static async Task<byte[]> WriteAsync(PackageSigner signer, IReadOnlyList<PackageFile>? files = null, Timestamper? stamp = null, PackageHeader? header = null)
    {
        using var zip = new MemoryStream();
        await EvidencePackage.WriteAsync(zip, files ?? Files(), header ?? Header, signer, stamp, TestContext.Current.CancellationToken);
        return zip.ToArray();
    }

    public static PackageVerification Verify(byte[] package, VerifyOptions? options = null) =>
        EvidencePackage.Verify(new MemoryStream(package, writable: false), options, TestContext.Current.CancellationToken);

    /// <summary>A signer with a fresh P-256 key and a self-signed certificate.</summary>
    public static PackageSigner Signer(string organisation)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={organisation}, O={organisation}"), key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        // The certificate made carries its own copy of the key.
        return new PackageSigner(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1)));
    }

    public static byte[] Entry(byte[] package, string path)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var stream = zip.GetEntry(path)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The package written anew, each entry through <paramref name="change"/> (null drops it), then <paramref name="added"/>.</summary>
    public static byte[] Rezip(byte[] package, Func<string, byte[], byte[]?> change, params (string Path, byte[] Content)[] added)
    {
        var entries = new List<(string, byte[])>();
        using (var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        {
            foreach (var entry in input.Entries)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                if (change(entry.FullName, buffer.ToArray()) is { } changed) entries.Add((entry.FullName, changed));
            }
        }
        return Zip([.. entries, .. added]);
    }

    /// <summary>A ZIP holding exactly these entries, in order, names as given (however hostile).</summary>
    public static byte[] Zip(params (string Path, byte[] Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var stream = zip.CreateEntry(path).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }

    public static byte[] Replace(byte[] content, string from, string to) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace(from, to, StringComparison.Ordinal));
}
