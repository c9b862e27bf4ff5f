using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Isop.Cases;
using Isop.Peers;
using Isop.Tests.Infrastructure;
using static Isop.Tests.Cases.Packages;

namespace Isop.Tests.Cases;

public sealed class EvidencePackageTests(LoopbackTimestampAuthority tsa) : IClassFixture<LoopbackTimestampAuthority>
{
    private static readonly PackageSigner Studio = Signer("Test Broadcaster");
    private static readonly PackageSigner Mallory = Signer("Mallory Media");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static PackageProblem Single(PackageVerification result, PackageProblemKind kind) =>
        Assert.Single(result.Problems, p => p.Kind == kind);

    private static string Report(PackageVerification result) => string.Join("\n", result.Problems);

    [Fact]
    public async Task A_written_package_verifies_clean_and_names_its_signer_and_time_stamp()
    {
        tsa.Require();
        var package = await WriteAsync(Studio, stamp: tsa.StampAsync);
        var result = Verify(package, new VerifyOptions { TrustedSigner = Studio.Certificate });

        Assert.True(result.Valid, Report(result));
        Assert.Equal(4, result.FilesVerified);
        Assert.Equal("CN=Test Broadcaster, O=Test Broadcaster", result.Signer!.Subject);
        Assert.Equal(PackageSigner.Fingerprint(Studio.Certificate), result.Signer.Sha256Fingerprint);
        Assert.Equal(Header.ExportedAt, result.Signer.SigningTime);
        Assert.Equal("CN=Isop Test TSA, O=Isop Tests, C=KR", result.Timestamp!.Authority);
        Assert.True(result.Timestamp.ImprintMatchesManifest);
        Assert.Matches("^[0-9a-f]+$", result.Timestamp.SerialNumber);
        Assert.InRange(result.Timestamp.Time, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(Header, result.Manifest!.Header);
        Assert.Equal(Sha(Warc), result.Manifest.Files.Single(f => f.Path == WarcPath).Sha256);
    }

    [Fact]
    public async Task The_manifest_lists_format_header_and_every_file_with_size_and_hash()
    {
        var json = Encoding.UTF8.GetString(Entry(await WriteAsync(Studio), "manifest.json"));
        Assert.Contains("\"format\": \"isop-evidence/1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"title\": \"눈물의 여왕 — unlicensed streams on dramas.example.test\"", json, StringComparison.Ordinal);
        Assert.Contains("\"organisation\": \"Test Broadcaster\"", json, StringComparison.Ordinal);
        Assert.Contains("\"exportedAt\": \"2026-05-04T09:30:00.0000000Z\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"path\": \"{WarcPath}\",\n      \"size\": {Warc.Length},\n      \"sha256\": \"{Sha(Warc)}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_time_stamp_authority_a_package_has_no_token_and_still_verifies()
    {
        var package = await WriteAsync(Studio);
        var result = Verify(package);
        Assert.True(result.Valid, Report(result));
        Assert.Null(result.Timestamp);
        Assert.NotNull(result.Signer);
    }

    [Fact]
    public async Task One_flipped_byte_in_a_WARC_file_is_named_with_both_hashes()
    {
        var package = await WriteAsync(Studio);
        byte[] flipped = [];
        var tampered = Rezip(package, (path, content) =>
        {
            if (path != WarcPath) return content;
            content[content.Length / 2] ^= 0x01;
            flipped = content;
            return content;
        });
        var result = Verify(tampered);
        Assert.Equal($"{WarcPath}: altered — SHA-256 expected {Sha(Warc)}, found {Sha(flipped)}", Single(result, PackageProblemKind.Altered).ToString());
        Assert.Equal(3, result.FilesVerified);
        Assert.NotNull(result.Signer);
    }

    [Fact]
    public async Task A_byte_flipped_in_the_ZIP_file_itself_is_caught()
    {
        var package = await WriteAsync(Studio);
        // The WARC is stored uncompressed, so its bytes are in the ZIP as they are.
        var at = package.AsSpan().IndexOf(Warc.AsSpan(0, 64)) + Warc.Length / 2;
        package[at] ^= 0x01;
        var result = Verify(package);
        Assert.StartsWith($"{WarcPath}: altered — SHA-256 expected {Sha(Warc)}, found ", Single(result, PackageProblemKind.Altered).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_file_is_named()
    {
        var result = Verify(Rezip(await WriteAsync(Studio), (path, content) => path == "report.pdf" ? null : content));
        Assert.Equal("report.pdf: removed — listed in the manifest, absent from the package", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task An_added_file_is_named()
    {
        var result = Verify(Rezip(await WriteAsync(Studio), (_, content) => content, ("extra.txt", "planted"u8.ToArray())));
        Assert.Equal("extra.txt: added — not listed in the manifest", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task A_manifest_whose_hash_was_edited_no_longer_matches_its_signature()
    {
        var package = await WriteAsync(Studio);
        var forged = Sha("forged"u8.ToArray());
        var result = Verify(Rezip(package, (path, content) => path == "manifest.json" ? Replace(content, Sha(Warc), forged) : content));
        Assert.StartsWith("manifest.json: changed after it was signed — the signature in manifest.json.p7s (by CN=Test Broadcaster, O=Test Broadcaster) does not match",
            Single(result, PackageProblemKind.SignatureInvalid).ToString(), StringComparison.Ordinal);
        Assert.Equal($"{WarcPath}: altered — SHA-256 expected {forged}, found {Sha(Warc)}", Single(result, PackageProblemKind.Altered).ToString());
        Assert.Null(result.Signer);
    }

    [Fact]
    public async Task A_manifest_whose_header_was_edited_no_longer_matches_its_signature()
    {
        var package = await WriteAsync(Studio);
        var result = Verify(Rezip(package, (path, content) => path == "manifest.json" ? Replace(content, "Kim Ji-won", "Kim Jo-won") : content));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(PackageProblemKind.SignatureInvalid, problem.Kind);
        Assert.Equal("manifest.json", problem.Path);
        Assert.Contains("changed after it was signed", problem.Message, StringComparison.Ordinal);
        Assert.Equal("Kim Jo-won", result.Manifest!.Header.ExportedByName);
    }

    [Fact]
    public async Task A_signature_taken_from_another_manifest_does_not_match()
    {
        var other = Entry(await WriteAsync(Studio, header: Header with { CaseTitle = "another case" }), "manifest.json.p7s");
        var result = Verify(Rezip(await WriteAsync(Studio), (path, content) => path == "manifest.json.p7s" ? other : content));
        Assert.Contains("changed after it was signed", Single(result, PackageProblemKind.SignatureInvalid).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_replaced_by_junk_is_no_CMS_signature()
    {
        var result = Verify(Rezip(await WriteAsync(Studio), (path, content) => path == "manifest.json.p7s" ? "-----BEGIN nonsense-----"u8.ToArray() : content));
        Assert.StartsWith("manifest.json.p7s: not a CMS signature", Single(result, PackageProblemKind.SignatureInvalid).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_package_says_so()
    {
        var result = Verify(Rezip(await WriteAsync(Studio), (path, content) => path == "manifest.json.p7s" ? null : content));
        Assert.Equal("manifest.json.p7s: absent — the manifest is not signed", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task A_time_stamp_of_other_data_is_named()
    {
        tsa.Require();
        var package = await WriteAsync(Studio, stamp: tsa.StampAsync);
        var other = await tsa.StampAsync("some other manifest"u8.ToArray(), Ct);
        var result = Verify(Rezip(package, (path, content) => path == "manifest.tsr" ? other : content));
        var problem = Single(result, PackageProblemKind.TimestampInvalid);
        Assert.Equal($"manifest.tsr: the time-stamp is of other data — its imprint SHA256 {Sha("some other manifest"u8.ToArray())} is not the manifest's {Sha(Entry(package, "manifest.json"))}", problem.ToString());
        Assert.Single(result.Problems);
        Assert.Null(result.Timestamp);
    }

    [Fact]
    public async Task A_time_stamp_replaced_by_junk_is_no_token()
    {
        tsa.Require();
        var package = await WriteAsync(Studio, stamp: tsa.StampAsync);
        var result = Verify(Rezip(package, (path, content) => path == "manifest.tsr" ? Entry(package, "manifest.json.p7s") : content));
        Assert.Equal("manifest.tsr: not an RFC 3161 time-stamp token", Single(result, PackageProblemKind.TimestampInvalid).ToString());
    }

    [Fact]
    public async Task A_broken_WARC_re_hashed_and_re_signed_with_another_key_is_caught_by_the_trusted_key_and_the_WARC_check()
    {
        var forged = await WriteAsync(Mallory, Files(WarcWithWrongDigest()));

        var trusting = Verify(forged, new VerifyOptions { TrustedSigner = Studio.Certificate });
        Assert.Equal(
            $"manifest.json.p7s: signed by CN=Mallory Media, O=Mallory Media (SHA-256 {PackageSigner.Fingerprint(Mallory.Certificate)}), not by the trusted key CN=Test Broadcaster, O=Test Broadcaster (SHA-256 {PackageSigner.Fingerprint(Studio.Certificate)})",
            Single(trusting, PackageProblemKind.SignatureInvalid).ToString());
        Assert.Contains(trusting.Problems, p => p.Kind == PackageProblemKind.WarcInvalid && p.Path == WarcPath);

        var untrusting = Verify(forged);
        var warc = Assert.Single(untrusting.Problems, p => p.Message.Contains("WARC-Block-Digest", StringComparison.Ordinal));
        Assert.Equal(PackageProblemKind.WarcInvalid, warc.Kind);
        Assert.StartsWith($"{WarcPath}: invalid WARC — record at byte ", warc.ToString(), StringComparison.Ordinal);
        Assert.All(untrusting.Problems, p => Assert.Equal(PackageProblemKind.WarcInvalid, p.Kind));
        Assert.Equal(4, untrusting.FilesVerified);
    }

    public static TheoryData<string, PackageProblemKind, string> Hostile => new()
    {
        { "traversal", PackageProblemKind.Refused, "../../etc/cron.d/isop: refused — the entry's name climbs out of the package (..)" },
        { "absolute", PackageProblemKind.Refused, "/etc/passwd: refused — the entry's name is absolute: package paths are relative" },
        { "backslash", PackageProblemKind.Refused, "evidence\\other.warc.gz: refused — the entry's name uses a backslash: package paths use forward slashes only" },
        { "drive", PackageProblemKind.Refused, "C:/Windows/evil.dll: refused — the entry's name names a drive: package paths are relative" },
        { "duplicate", PackageProblemKind.Refused, "report.html: refused — the package holds 2 entries of this name: which one is the evidence is ambiguous" },
        { "case", PackageProblemKind.Refused, "report.html: refused — entries named report.html, REPORT.html differ only in case: unpacked, one would overwrite the other" },
        { "utf8", PackageProblemKind.Refused, "holds control characters or bytes that are not UTF-8" },
        { "not a zip", PackageProblemKind.Unreadable, "not a ZIP file: it starts with 3c68746d, not a ZIP signature (50 4b)" },
        { "empty", PackageProblemKind.Unreadable, "not a ZIP file: it is empty" },
        { "truncated", PackageProblemKind.Unreadable, "a damaged or truncated ZIP file: its central directory cannot be read" },
        { "huge", PackageProblemKind.Refused, "big.bin: refused — it declares 4294967040 bytes uncompressed, more than the limit of 1048576" },
        { "longer than declared", PackageProblemKind.Refused, "report.pdf: refused — it holds more data than the 10 bytes it declares; reading stopped there" },
        { "manifest too large", PackageProblemKind.ManifestInvalid, "manifest.json: refused — it declares 17825792 bytes, more than the 16777216 bytes such a file may have" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_package_is_a_clear_problem_not_an_exception(string kind, PackageProblemKind expected, string message)
    {
        var package = await WriteAsync(Studio);
        var keep = (string _, byte[] content) => content;
        var options = kind == "manifest too large" ? null : new VerifyOptions { MaxEntryBytes = 1 << 20 };
        var hostile = kind switch
        {
            "traversal" => Rezip(package, keep, ("../../etc/cron.d/isop", "* * * * * root sh"u8.ToArray())),
            "absolute" => Rezip(package, keep, ("/etc/passwd", "root:x:0:0"u8.ToArray())),
            "backslash" => Rezip(package, keep, ("evidence\\other.warc.gz", Warc)),
            "drive" => Rezip(package, keep, ("C:/Windows/evil.dll", "MZ"u8.ToArray())),
            "duplicate" => Rezip(package, keep, ("report.html", "<h1>the other report</h1>"u8.ToArray())),
            "case" => Rezip(package, keep, ("REPORT.html", "<h1>the other report</h1>"u8.ToArray())),
            "utf8" => Patch(Rezip(package, keep, ("evil-X.txt", "x"u8.ToArray())), "evil-X.txt"u8.ToArray(), 5, 0xFF),
            "not a zip" => "<html>this is a web page</html>"u8.ToArray(),
            "empty" => [],
            "truncated" => package[..(package.Length / 2)],
            "huge" => DeclaredSize(Zip(("big.bin", new byte[1000])), "big.bin", 0xFFFFFF00),
            "longer than declared" => DeclaredSize(package, "report.pdf", 10),
            "manifest too large" => Rezip(package, (path, content) => path == "manifest.json" ? new byte[17 << 20] : content),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var result = Verify(hostile, options);
        var problem = Assert.Single(result.Problems, p => p.Kind == expected);
        Assert.Contains(message, problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_is_read_only_from_a_stream_that_can_seek()
    {
        var package = await WriteAsync(Studio);
        var result = EvidencePackage.Verify(new OneWayStream(package), null, Ct);
        Assert.Equal("the package must be read from a seekable stream (a file), not a one-way stream", Assert.Single(result.Problems).ToString());
    }

    [Theory]
    [InlineData("{\n  \"format\": \"isop-evidence/1\",\n  oops\n}", "manifest.json: not valid JSON at line 3, byte 3 of that line")]
    [InlineData("[1, 2]", "manifest.json: the manifest is a JSON array, not an object")]
    [InlineData("{\"format\": \"isop-evidence/2\"}", "manifest.json: format is \"isop-evidence/2\", not \"isop-evidence/1\"")]
    [InlineData("{\"format\": \"isop-evidence/1\", \"case\": {\"id\": 7}}", "manifest.json: case.id is a JSON number, not a string")]
    [InlineData("{\"files\": [{\"path\": \"../x\", \"size\": 1, \"sha256\": \"00\"}]}", "manifest.json: files[0].path \"../x\" climbs out of the package (..)")]
    [InlineData("{\"files\": [{\"path\": \"x\", \"size\": -1, \"sha256\": \"00\"}]}", "manifest.json: files[0].size is not a whole number of bytes")]
    [InlineData("{\"files\": [{\"path\": \"x\", \"size\": 1, \"sha256\": \"00\"}]}", "manifest.json: files[0].sha256 \"00\" is not 64 lowercase hexadecimal digits")]
    [InlineData("{\"files\": [{\"path\": \"x\", \"size\": 1}]}", "manifest.json: files[0].sha256 is missing")]
    public async Task A_manifest_that_is_wrong_says_which_line_or_field(string manifest, string expected)
    {
        var result = Verify(Rezip(await WriteAsync(Studio), (path, content) => path == "manifest.json" ? Encoding.UTF8.GetBytes(manifest) : content));
        Assert.Contains(result.Problems, p => p.Kind == PackageProblemKind.ManifestInvalid && p.ToString().StartsWith(expected, StringComparison.Ordinal));
        Assert.Null(result.Manifest);
    }

    [Fact]
    public async Task A_manifest_that_is_not_UTF8_says_at_which_byte()
    {
        byte[] manifest = [.. "{\n\"format\": \"isop-"u8, 0xC3, 0x28, .. "\"}"u8];
        var result = Verify(Rezip(await WriteAsync(Studio), (path, content) => path == "manifest.json" ? manifest : content));
        Assert.Contains(result.Problems, p => p.ToString() == "manifest.json: not valid UTF-8: byte 19 (line 2) is 0xc3");
    }

    [Fact]
    public async Task Without_a_manifest_the_WARC_files_are_still_checked()
    {
        var package = await WriteAsync(Studio, Files(WarcWithWrongDigest()));
        var result = Verify(Rezip(package, (path, content) => path == "manifest.json" ? null : content));
        Assert.Contains(result.Problems, p => p.ToString() == "manifest.json: absent — without the manifest nothing in the package can be verified");
        Assert.Contains(result.Problems, p => p.Kind == PackageProblemKind.WarcInvalid && p.Path == WarcPath);
    }

    [Theory]
    [InlineData("../escape.txt", "climbs out of the package (..)")]
    [InlineData("/abs.txt", "is absolute")]
    [InlineData("evidence\\a.warc.gz", "uses a backslash")]
    [InlineData("evidence//a.warc.gz", "has an empty or \".\" segment")]
    [InlineData("manifest.json", "is a name the package keeps for itself")]
    [InlineData("Report.HTML", "appears twice")]
    public async Task The_writer_refuses_a_path_that_is_unsafe(string path, string why)
    {
        var files = Files().Append(PackageFile.FromBytes(path, "x"u8.ToArray())).ToList();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(Studio, files));
        Assert.Contains($"{path}: {why}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSSL_accepts_the_signature_and_rejects_an_edited_manifest()
    {
        tsa.Require();
        using var folder = new TemporaryFolder();
        var package = await WriteAsync(Studio);
        var manifest = Path.Combine(folder.Path, "manifest.json");
        var signature = Path.Combine(folder.Path, "manifest.json.p7s");
        await File.WriteAllBytesAsync(manifest, Entry(package, "manifest.json"), Ct);
        await File.WriteAllBytesAsync(signature, Entry(package, "manifest.json.p7s"), Ct);
        string[] verify = ["cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", manifest, "-noverify", "-out", "/dev/null"];

        var (code, output) = await LoopbackTimestampAuthority.RunAsync("/usr/bin/openssl", verify, Ct);
        Assert.True(code == 0, output);
        Assert.Contains("Verification successful", output, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(manifest, Replace(Entry(package, "manifest.json"), "Kim Ji-won", "Kim Jo-won"), Ct);
        (code, output) = await LoopbackTimestampAuthority.RunAsync("/usr/bin/openssl", verify, Ct);
        Assert.True(code != 0, output);
    }

    [Fact]
    public async Task OpenSSL_accepts_the_time_stamp_for_the_manifest()
    {
        tsa.Require();
        using var folder = new TemporaryFolder();
        var package = await WriteAsync(Studio, stamp: tsa.StampAsync);
        var manifest = Path.Combine(folder.Path, "manifest.json");
        var token = Path.Combine(folder.Path, "manifest.tsr");
        await File.WriteAllBytesAsync(manifest, Entry(package, "manifest.json"), Ct);
        await File.WriteAllBytesAsync(token, Entry(package, "manifest.tsr"), Ct);
        var (code, output) = await LoopbackTimestampAuthority.RunAsync("/usr/bin/openssl", ["ts", "-verify", "-data", manifest, "-in", token, "-token_in", "-CAfile", tsa.RootPath], Ct);
        Assert.True(code == 0, output);
        Assert.Contains("Verification: OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_WARC_inside_the_package_passes_warcio()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "dramas.example.test.warc.gz");
        await File.WriteAllBytesAsync(path, Entry(await WriteAsync(Studio), WarcPath), Ct);
        WarcioCheck.AssertPasses([path]);
    }

    /// <summary>Sets an entry's declared uncompressed size, in its local header and in the central directory.</summary>
    private static byte[] DeclaredSize(byte[] zip, string name, uint size)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        for (var at = 0; at + 46 < zip.Length; at++)
        {
            var span = zip.AsSpan(at);
            // A local file header: signature, sizes at 18 and 22, the name at 30; a central one: sizes at 20 and 24, the name at 46.
            if (span.StartsWith("PK\x03\x04"u8) && span[30..].StartsWith(bytes)) BinaryPrimitives.WriteUInt32LittleEndian(span[22..], size);
            if (span.StartsWith("PK\x01\x02"u8) && span[46..].StartsWith(bytes)) BinaryPrimitives.WriteUInt32LittleEndian(span[24..], size);
        }
        return zip;
    }

    /// <summary>Changes one byte of every occurrence of <paramref name="text"/> (the entry's name in both headers).</summary>
    private static byte[] Patch(byte[] zip, byte[] text, int offset, byte value)
    {
        for (var at = zip.AsSpan().IndexOf(text); at >= 0;)
        {
            zip[at + offset] = value;
            var next = zip.AsSpan(at + 1).IndexOf(text);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return zip;
    }

    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
