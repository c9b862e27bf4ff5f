using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Isop.Crawling.Warc;

namespace Isop.Crawling.Tests;

public sealed class WarcWriterTests
{
    private static readonly byte[] Request = "GET /watch/queen-of-tears-5 HTTP/1.1\r\nHost: dramas.example.test\r\n\r\n"u8.ToArray();
    private static readonly byte[] Response = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 27\r\n\r\n<h1>Queen of Tears 5회</h1>"u8.ToArray();

    private static (MemoryStream File, List<WarcWriter.Written> Records) Capture()
    {
        var file = new MemoryStream();
        var written = new List<WarcWriter.Written>();
        using (var writer = new WarcWriter(file, TimeProvider.System))
        {
            written.Add(writer.WriteInfo(new Dictionary<string, string> { ["software"] = "isop/0.1", ["operator"] = "Test NCB", ["purpose"] = "evidence" }, "test.warc.gz"));
            var request = writer.Write("request", "http://dramas.example.test/watch/queen-of-tears-5", Request);
            written.Add(request);
            written.Add(writer.Write("response", "http://dramas.example.test/watch/queen-of-tears-5", Response,
                [("WARC-IP-Address", "127.0.0.1"), ("WARC-Concurrent-To", request.RecordId)]));
        }
        file.Position = 0;
        return (file, written);
    }

    [Fact]
    public void Written_records_read_back_and_verify_with_SHA256_digests()
    {
        var (file, written) = Capture();
        var result = WarcVerifier.Verify(file);
        Assert.True(result.Valid, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(3, result.Records);
        Assert.Equal(5, result.DigestsChecked);
        file.Position = 0;
        var records = WarcReader.Read(file).ToList();
        Assert.Equal("WARC/1.1", records[2].Version);
        Assert.Equal(written[1].RecordId, records[2]["WARC-Concurrent-To"]);
        Assert.Equal("sha256:" + Base32.Encode(SHA256.HashData(Response.AsSpan(Response.AsSpan().IndexOf("\r\n\r\n"u8) + 4))), records[2]["WARC-Payload-Digest"]);
        Assert.Equal("<h1>Queen of Tears 5회</h1>", Encoding.UTF8.GetString(records[2].Payload));
    }

    [Fact]
    public void SHA256_digests_are_written_in_padded_base32_as_warcio_Heritrix_and_gowarc_read_them()
    {
        var (file, _) = Capture();
        foreach (var record in WarcReader.Read(file))
            foreach (var header in new[] { "WARC-Block-Digest", "WARC-Payload-Digest" })
                if (record[header] is { } digest) Assert.Matches("^sha256:[A-Z2-7]{52}====$", digest);
    }

    [Theory]
    [InlineData("sha256:{0}====")]
    [InlineData("sha256:{0}")]
    [InlineData("sha256:{1}")]
    [InlineData("SHA-256:{2}")]
    public void The_verifier_accepts_a_digest_padded_or_not_in_either_case_and_in_hex(string form)
    {
        var block = "<h1>드라마</h1>"u8.ToArray();
        var hash = SHA256.HashData(block);
        var b32 = Base32.Encode(hash, padding: false);
        var declared = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, b32, b32.ToLowerInvariant(), Convert.ToHexStringLower(hash));
        Assert.Null(WarcVerifier.Check(declared, block));
        Assert.NotNull(WarcVerifier.Check(declared, [.. block, 0]));
    }

    [Fact]
    public void Each_record_is_a_gzip_member_readable_from_its_offset_alone()
    {
        var (file, written) = Capture();
        file.Position = written[2].Offset;
        using var member = new GZipStream(new MemoryStream(file.ToArray(), (int)written[2].Offset, (int)written[2].Length), CompressionMode.Decompress);
        var record = Assert.Single(WarcReader.Read(member));
        Assert.Equal("response", record.Type);
    }

    [Fact]
    public void One_changed_byte_of_evidence_is_found()
    {
        var (file, _) = Capture();
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(file, CompressionMode.Decompress)) gzip.CopyTo(plain);
        var bytes = plain.ToArray();
        var at = Encoding.UTF8.GetString(bytes).IndexOf("Queen of Tears", StringComparison.Ordinal);
        bytes[Encoding.UTF8.GetByteCount(Encoding.UTF8.GetString(bytes)[..at])] ^= 0x20;
        var result = WarcVerifier.Verify(new MemoryStream(bytes));
        Assert.Equal(2, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Contains("does not match", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Header_values_cannot_smuggle_extra_lines()
    {
        using var writer = new WarcWriter(new MemoryStream(), TimeProvider.System);
        Assert.Throws<ArgumentException>(() => writer.Write("response", "http://x.example.test/", Response, [("WARC-IP-Address", "127.0.0.1\r\nWARC-Type: forged")]));
    }
}
