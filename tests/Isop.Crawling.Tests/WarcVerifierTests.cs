using Isop.Crawling.Warc;

namespace Isop.Crawling.Tests;

public sealed class WarcVerifierTests(ITestOutputHelper output)
{
    private static string Data(string name) => SharedData.Path("warc", name);

    private WarcVerification Verify(string name)
    {
        using var file = File.OpenRead(Data(name));
        var result = WarcVerifier.Verify(file);
        output.WriteLine($"{name}: {result.Records} records, {result.DigestsChecked} digests");
        foreach (var p in result.Problems) output.WriteLine($"  @{p.Offset} {p.RecordId}: {p.Message}");
        return result;
    }

    [Theory]
    [InlineData("example.warc")]
    [InlineData("example.warc.gz")]
    [InlineData("example-iana.org-chunked.warc")]
    [InlineData("example-resource.warc.gz")]
    [InlineData("post-test.warc.gz")]
    public void Valid_files_pass(string name)
    {
        var result = Verify(name);
        Assert.True(result.Valid, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.True(result.Records > 0);
    }

    [Fact]
    public void The_record_with_a_wrong_payload_digest_is_reported_and_the_others_pass()
    {
        var result = Verify("example-digest.warc");
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("WARC-Payload-Digest: does not match: declared sha1:1112H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, problem.Offset);
        Assert.Equal(4, result.Records);
    }

    [Fact]
    public void A_truncated_file_is_reported_with_the_record_it_cuts()
    {
        var result = Verify("example-trunc.warc");
        Assert.Contains(result.Problems, p => p.Message.StartsWith("the HTTP response is truncated", StringComparison.Ordinal) && p.Offset == 1197);
        Assert.All(result.Problems, p => Assert.Equal(1197, p.Offset));
    }

    [Fact]
    public void Text_that_is_not_WARC_is_a_structural_problem()
    {
        var result = WarcVerifier.Verify(new MemoryStream("filedesc://example.arc 0.0.0.0 20140216050221 text/plain 75\n"u8.ToArray()));
        Assert.Contains("expected a WARC version line", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_that_is_not_WARC_is_reported_in_printable_text_only()
    {
        // An escape sequence that would clear a terminal, a bidirectional override and bytes that are not UTF-8.
        var result = WarcVerifier.Verify(new MemoryStream([.. "\u001b[2J\u001b]0;owned\u0007PK"u8, 0x03, 0x04, 0xff, 0xfe, .. "\u202Etxt.exe\n"u8]));
        var message = Assert.Single(result.Problems).Message;
        Assert.Contains(@"found ""\x1B[2J\x1B]0;owned\x07PK\x03\x04\uFFFD\uFFFD\u202Etxt.exe""", message, StringComparison.Ordinal);
        Assert.DoesNotContain(message, c => char.IsControl(c) || c is '\u202E' or '\uFFFD');
    }

    [Theory]
    [InlineData("WARC/1.1", "WARC/1.1")]
    [InlineData("드라마 5회", "드라마 5회")]
    [InlineData("emoji 🎬 kept", "emoji 🎬 kept")]
    [InlineData("tab\there", @"tab\x09here")]
    public void Printable_text_escapes_only_what_a_terminal_would_obey(string text, string shown) => Assert.Equal(shown, WarcReader.Printable(text));
}
