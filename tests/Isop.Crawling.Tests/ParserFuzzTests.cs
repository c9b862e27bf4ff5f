using System.Security.Cryptography;
using System.Text;
using Isop.Crawling.Torrents;
using Isop.Crawling.Warc;

namespace Isop.Crawling.Tests;

/// <summary>
/// Property and fuzz tests for the parsers that read untrusted bytes: bencode and torrents, WARC, URLs and magnets.
/// Mutations are seeded, so a failure reproduces; the only exceptions allowed are each parser's own.
/// </summary>
public sealed class ParserFuzzTests
{
    private static byte[] Torrent(bool v2 = false, bool multi = false)
    {
        var info = new StringBuilder("d");
        if (v2) info.Append("9:file treed5:a.mkvd0:d6:lengthi1000e11:pieces root32:").Append(new string('r', 32)).Append("eee");
        if (multi && !v2) info.Append("5:filesld6:lengthi700e4:pathl3:sub5:a.mkveed6:lengthi300e4:pathl5:b.srteee");
        if (!multi && !v2) info.Append("6:lengthi1000e");
        if (v2) info.Append("12:meta versioni2e");
        info.Append("4:name9:Moving.S1");
        info.Append("12:piece lengthi16384e");
        if (!v2) info.Append("6:pieces20:").Append(new string('p', 20));
        info.Append('e');
        var text = "d8:announce30:udp://tracker.example:1337/ann13:announce-listll30:udp://tracker.example:1337/annel24:http://backup.example/ane" + "e7:comment4:test4:info" + info + "e";
        return Encoding.Latin1.GetBytes(text);
    }

    [Fact]
    public void A_v1_torrent_gives_its_sha1_info_hash_name_files_and_trackers()
    {
        var bytes = Torrent(multi: true);
        var torrent = TorrentFile.Parse(bytes);
        var text = Encoding.Latin1.GetString(bytes);
        var info = text[(text.IndexOf("4:info", StringComparison.Ordinal) + 6)..^1];
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(Encoding.Latin1.GetBytes(info))), torrent.InfoHashV1);
        Assert.Null(torrent.InfoHashV2);
        Assert.Equal("Moving.S1", torrent.Name);
        Assert.Equal(["Moving.S1/sub/a.mkv", "Moving.S1/b.srt"], torrent.Files.Select(f => f.Path));
        Assert.Equal(1000, torrent.TotalLength);
        Assert.Equal(["udp://tracker.example:1337/ann", "http://backup.example/an"], torrent.Trackers);
    }

    [Fact]
    public void A_v2_torrent_gives_its_sha256_info_hash_and_file_tree()
    {
        var bytes = Torrent(v2: true);
        var torrent = TorrentFile.Parse(bytes);
        var text = Encoding.Latin1.GetString(bytes);
        var info = text[(text.IndexOf("4:info", StringComparison.Ordinal) + 6)..^1];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.Latin1.GetBytes(info))), torrent.InfoHashV2);
        Assert.Null(torrent.InfoHashV1);
        Assert.Equal("Moving.S1/a.mkv", Assert.Single(torrent.Files).Path);
    }

    [Theory]
    [InlineData("i03e", "leading zero")]
    [InlineData("i-0e", "negative zero")]
    [InlineData("ie", "expected digits")]
    [InlineData("5:abc", "runs past the end")]
    [InlineData("d1:b1:x1:a1:ye", "out of order")]
    [InlineData("d1:a1:x1:a1:ye", "duplicate dictionary key 'a'")]
    [InlineData("di1e1:xe", "key is not a byte string")]
    [InlineData("l", "missing 'e'")]
    [InlineData("i1ei2e", "data after the end")]
    [InlineData("x", "unexpected byte 0x78")]
    [InlineData("i99999999999999999999e", "out of range")]
    public void Malformed_bencode_is_reported_with_its_offset(string input, string message)
    {
        var error = Assert.Throws<BencodeException>(() => Bencode.Parse(Encoding.Latin1.GetBytes(input)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("at byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_past_the_limit_is_refused_without_exhausting_the_stack()
    {
        var deep = new string('l', 100_000) + new string('e', 100_000);
        Assert.Contains("nesting deeper", Assert.Throws<BencodeException>(() => Bencode.Parse(Encoding.Latin1.GetBytes(deep))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_torrents_either_parse_or_fail_with_a_bencode_error()
    {
        var random = new Random(20261124);
        var seeds = new[] { Torrent(), Torrent(multi: true), Torrent(v2: true) };
        var parsed = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = (byte[])seeds[i % seeds.Length].Clone();
            Mutate(random, ref bytes);
            try
            {
                TorrentFile.Parse(bytes);
                parsed++;
            }
            catch (BencodeException)
            {
            }
        }
        Assert.InRange(parsed, 1, 4_999);
    }

    [Fact]
    public void Round_trip_of_random_bencode_values()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var text = RandomValue(random, 0);
            var value = Bencode.Parse(Encoding.Latin1.GetBytes(text));
            Assert.Equal(text.Length, value.End);
        }
    }

    private static string RandomValue(Random random, int depth) => (depth > 4 ? random.Next(2) : random.Next(4)) switch
    {
        0 => $"i{random.Next(-1000, 1000)}e",
        1 => RandomString(random),
        2 => "l" + string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))) + "e",
        _ => "d" + string.Concat(Enumerable.Range(0, random.Next(4)).Select(k => $"{k}k").Distinct().Order(StringComparer.Ordinal).Select(k => $"{k.Length}:{k}" + RandomValue(random, depth + 1))) + "e",
    };

    private static string RandomString(Random random)
    {
        var s = new string([.. Enumerable.Range(0, random.Next(6)).Select(_ => (char)random.Next(32, 127))]);
        return $"{s.Length}:{s}";
    }

    [Fact]
    public void Mutated_warc_files_are_reported_with_a_message_and_an_offset_never_an_exception()
    {
        using var memory = new MemoryStream();
        using (var writer = new WarcWriter(memory, TimeProvider.System))
        {
            writer.WriteInfo(new Dictionary<string, string> { ["software"] = "test" });
            writer.Write("response", "http://a.test/", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"u8);
            writer.Write("metadata", "http://a.test/", "{}"u8, [("Content-Type", "application/json")], payloadDigest: false);
        }
        var original = memory.ToArray();
        Assert.True(WarcVerifier.Verify(new MemoryStream(original)).Valid);
        var random = new Random(11);
        var reported = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = (byte[])original.Clone();
            Mutate(random, ref bytes);
            // The verifier returns its findings: nothing escapes it, whatever the bytes.
            var result = WarcVerifier.Verify(new MemoryStream(bytes));
            if (result.Valid) continue;
            reported++;
            foreach (var problem in result.Problems)
            {
                Assert.False(string.IsNullOrWhiteSpace(problem.Message));
                // Offsets count the decompressed bytes of a gzip file: they may pass its compressed length, never go below -1.
                Assert.True(problem.Offset >= -1, $"offset {problem.Offset}");
            }
        }
        // Gzip's CRC and the digests catch nearly every change; a cut at a member boundary can leave a valid shorter file.
        Assert.True(reported >= 1_800, $"only {reported} of 2000 damaged files were reported");
    }

    [Fact]
    public void Any_changed_byte_of_a_block_fails_its_digest()
    {
        var block = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"u8.ToArray();
        string Record(byte[] body) =>
            "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Block-Digest: sha1:"
            + Isop.Crawling.Base32.Encode(System.Security.Cryptography.SHA1.HashData(block), padding: false)
            + $"\r\nContent-Length: {body.Length}\r\n\r\n" + Encoding.Latin1.GetString(body) + "\r\n\r\n";
        var intact = WarcVerifier.Verify(new MemoryStream(Encoding.Latin1.GetBytes(Record(block))));
        Assert.True(intact.Valid);
        Assert.Equal(1, intact.DigestsChecked);
        for (var i = 0; i < block.Length; i++)
        {
            var changed = (byte[])block.Clone();
            changed[i] ^= 0x20;
            var result = WarcVerifier.Verify(new MemoryStream(Encoding.Latin1.GetBytes(Record(changed))));
            Assert.Contains(result.Problems, p => p.Message.Contains("WARC-Block-Digest", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Mutated_uncompressed_warc_headers_are_reported_precisely()
    {
        var text = "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n";
        var random = new Random(3);
        var malformed = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            Mutate(random, ref bytes);
            // The reader throws a format error with the offset of the record it is in; nothing else escapes it.
            try
            {
                _ = WarcReader.Read(new MemoryStream(bytes)).ToList();
            }
            catch (WarcFormatException e)
            {
                malformed++;
                Assert.InRange(e.Offset, 0, bytes.Length);
                Assert.Contains($"byte {e.Offset}", e.Message, StringComparison.Ordinal);
            }
        }
        Assert.True(malformed >= 500, $"only {malformed} of 2000 damaged records were reported as malformed");
    }

    [Fact]
    public void Random_strings_never_crash_the_url_and_magnet_parsers()
    {
        var random = new Random(5);
        var baseUrl = new Uri("https://site.test/a/b?c=d");
        string[] pieces = ["http://", "https://", "//", "magnet:?xt=urn:btih:", "file:///", "data:,", "javascript:", "%", "%zz", "[::1]", "@", ":", "/../", "?", "#", "\u00e9", "\ud83d", "xn--", " ", "\t", "\\", "0x7f.1", "127.1", "&tr=", "&dn=", "urn:btmh:1220"];
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(3) == 0 ? ((char)random.Next(0, 0x3000)).ToString() : pieces[random.Next(pieces.Length)]));
            var url = Urls.Resolve(text, random.Next(2) == 0 ? null : baseUrl, out var problem);
            if (url is null) Assert.False(string.IsNullOrEmpty(problem));
            else Assert.True(url.Scheme is "http" or "https");
            var magnet = Magnet.Parse(text, out var magnetProblem);
            if (magnet is null) Assert.NotNull(magnetProblem);
            else Assert.True(magnet.InfoHashV1 is { Length: 40 } || magnet.InfoHashV2 is { Length: 64 });
        }
    }

    [Theory]
    [InlineData("magnet:?xt=urn:btih:9FB267CFF5AE5603F07A347676EC3BF3E35F75E1&dn=A+B&tr=udp%3A%2F%2Ft.test%3A1&tr=udp%3A%2F%2Ft.test%3A1&xl=42", "9fb267cff5ae5603f07a347676ec3bf3e35f75e1", "A B", 1, 42L)]
    [InlineData("magnet:?xt=urn:btih:T6ZGPT7VVZLAH4D2GR3HN3B36PRV65PB", "9fb267cff5ae5603f07a347676ec3bf3e35f75e1", null, 0, null)]
    [InlineData("magnet:?xt.1=urn:btih:9fb267cff5ae5603f07a347676ec3bf3e35f75e1&tr.1=http://a.test/&tr.2=http://b.test/", "9fb267cff5ae5603f07a347676ec3bf3e35f75e1", null, 2, null)]
    public void Magnets_give_hash_name_trackers_and_size(string uri, string hash, string? name, int trackers, long? length)
    {
        var magnet = Magnet.Parse(uri, out _)!;
        Assert.Equal(hash, magnet.InfoHashV1);
        Assert.Equal(name, magnet.Name);
        Assert.Equal(trackers, magnet.Trackers.Count);
        Assert.Equal(length, magnet.Length);
    }

    [Theory]
    [InlineData("magnet:?xt=urn:btih:1234", "no valid btih")]
    [InlineData("magnet:?dn=x", "no valid btih")]
    [InlineData("http://a.test/", "not a magnet")]
    public void Bad_magnets_are_reported(string uri, string message)
    {
        Assert.Null(Magnet.Parse(uri, out var problem));
        Assert.Contains(message, problem, StringComparison.Ordinal);
    }

    private static void Mutate(Random random, ref byte[] bytes)
    {
        switch (random.Next(4))
        {
            case 0: bytes[random.Next(bytes.Length)] = (byte)random.Next(256); break;
            case 1: bytes = bytes[..random.Next(bytes.Length)]; break;
            case 2:
                var at = random.Next(bytes.Length);
                bytes = [.. bytes[..at], (byte)random.Next(256), .. bytes[at..]];
                break;
            default:
                var from = random.Next(bytes.Length);
                var count = random.Next(1, Math.Min(16, bytes.Length - from) + 1);
                bytes = [.. bytes[..from], .. bytes[(from + count)..]];
                break;
        }
    }
}
