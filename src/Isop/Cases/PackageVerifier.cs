using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Isop.Crawling.Warc;

namespace Isop.Cases;

/// <summary>
/// Reads a package that may be hostile: nothing is unpacked to disk, entries are hashed as they stream, names and
/// sizes are checked before anything is read, and every failure becomes a problem in words.
/// </summary>
internal static class PackageVerifier
{
    private const int MaxSideFileBytes = 1 << 20;
    private const int MaxWarcProblemsShown = 20;

    public static PackageVerification Verify(Stream zip, VerifyOptions options, CancellationToken ct)
    {
        var problems = new List<PackageProblem>();
        try
        {
            return Check(zip, options, problems, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The checks below catch what they expect; anything else still becomes a problem, never an escape.
            problems.Add(new(PackageProblemKind.Unreadable, "", $"the package could not be read: {WarcReader.Printable(e.Message)}"));
            return new PackageVerification(null, 0, null, null, problems);
        }
    }

    private static PackageVerification Check(Stream zip, VerifyOptions options, List<PackageProblem> problems, CancellationToken ct)
    {
        if (!zip.CanRead || !zip.CanSeek)
        {
            // A ZIP is read from its end; a stream that cannot seek would be copied whole into memory.
            problems.Add(new(PackageProblemKind.Unreadable, "", "the package must be read from a seekable stream (a file), not a one-way stream"));
            return new PackageVerification(null, 0, null, null, problems);
        }
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            problems.Add(new(PackageProblemKind.Unreadable, "", NotAZip(zip, e)));
            return new PackageVerification(null, 0, null, null, problems);
        }
        using (archive)
        {
            var entries = SafeEntries(archive, options, problems);
            var manifestBytes = ReadSide(entries, PackagePaths.Manifest, options.MaxManifestBytes, problems, ct);
            var signature = ReadSide(entries, PackagePaths.Signature, MaxSideFileBytes, problems, ct);
            var token = ReadSide(entries, PackagePaths.Timestamp, MaxSideFileBytes, problems, ct);

            PackageManifest? manifest = null;
            if (manifestBytes is null)
            {
                if (!problems.Any(p => p.Path == PackagePaths.Manifest))
                    problems.Add(new(PackageProblemKind.ManifestInvalid, PackagePaths.Manifest, "absent — without the manifest nothing in the package can be verified"));
            }
            else
            {
                manifest = PackageManifest.Parse(manifestBytes, out var errors);
                foreach (var error in errors) problems.Add(new(PackageProblemKind.ManifestInvalid, PackagePaths.Manifest, error));
            }

            PackageSignerInfo? signer = null;
            if (manifestBytes is not null && signature is not null) signer = CheckSignature(manifestBytes, signature, options.TrustedSigner, problems);
            else if (signature is null && !problems.Any(p => p.Path == PackagePaths.Signature))
                problems.Add(new(PackageProblemKind.SignatureInvalid, PackagePaths.Signature, "absent — the manifest is not signed"));

            PackageTimestamp? timestamp = null;
            if (manifestBytes is not null && token is not null) timestamp = CheckTimestamp(manifestBytes, token, problems);

            var verified = CheckFiles(entries, manifest, problems, ct);
            return new PackageVerification(manifest, verified, signer, timestamp, problems);
        }
    }

    private static string NotAZip(Stream zip, InvalidDataException e)
    {
        var head = new byte[4];
        zip.Position = 0;
        var n = zip.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (n == 0) return "not a ZIP file: it is empty";
        if (n < 4 || head[0] != 'P' || head[1] != 'K')
            return $"not a ZIP file: it starts with {Convert.ToHexString(head, 0, n).ToLowerInvariant()}, not a ZIP signature (50 4b)";
        return $"a damaged or truncated ZIP file: its central directory cannot be read ({e.Message})";
    }

    /// <summary>The entries that may be read, by name; the others are reported and left unread.</summary>
    private static Dictionary<string, ZipArchiveEntry> SafeEntries(ZipArchive archive, VerifyOptions options, List<PackageProblem> problems)
    {
        var all = archive.Entries;
        if (all.Count > options.MaxEntries)
        {
            problems.Add(new(PackageProblemKind.Refused, "", $"the package holds {all.Count} entries, more than the limit of {options.MaxEntries}; none was read"));
            return [];
        }
        var safe = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        long total = 0;
        // Names equal but for case would overwrite each other when unpacked on Windows or macOS: all copies are refused.
        foreach (var group in all.GroupBy(e => e.FullName, StringComparer.OrdinalIgnoreCase))
        {
            var name = group.Key;
            var shown = WarcReader.Printable(name);
            var copies = group.ToList();
            if (copies.Count > 1)
            {
                var names = copies.Select(c => c.FullName).Distinct(StringComparer.Ordinal).ToList();
                problems.Add(new(PackageProblemKind.Refused, shown, names.Count == 1
                    ? $"refused — the package holds {copies.Count} entries of this name: which one is the evidence is ambiguous"
                    : $"refused — entries named {string.Join(", ", names.Select(WarcReader.Printable))} differ only in case: unpacked, one would overwrite the other"));
                continue;
            }
            var entry = copies[0];
            // A folder entry (a name ending in /, empty) holds nothing to verify; ZIP tools add them.
            if (name.EndsWith('/') && entry.Length == 0 && PackagePaths.Problem(name.TrimEnd('/')) is null) continue;
            if (PackagePaths.Problem(name) is { } problem)
            {
                problems.Add(new(PackageProblemKind.Refused, shown, $"refused — the entry's name {problem}"));
                continue;
            }
            if (entry.Length > options.MaxEntryBytes || entry.Length < 0)
            {
                problems.Add(new(PackageProblemKind.Refused, shown, $"refused — it declares {entry.Length} bytes uncompressed, more than the limit of {options.MaxEntryBytes}"));
                continue;
            }
            total += entry.Length;
            if (total > options.MaxTotalBytes)
            {
                problems.Add(new(PackageProblemKind.Refused, shown, $"refused — with it the package declares more than {options.MaxTotalBytes} bytes uncompressed in all; it and the entries after it were not read"));
                return safe;
            }
            safe[name] = entry;
        }
        return safe;
    }

    private static byte[]? ReadSide(Dictionary<string, ZipArchiveEntry> entries, string path, int limit, List<PackageProblem> problems, CancellationToken ct)
    {
        if (!entries.TryGetValue(path, out var entry)) return null;
        if (entry.Length > limit)
        {
            problems.Add(new(KindFor(path), path, $"refused — it declares {entry.Length} bytes, more than the {limit} bytes such a file may have"));
            return null;
        }
        try
        {
            using var stream = new MeasuredStream(entry.Open(), entry.Length, ct);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            problems.Add(new(PackageProblemKind.Unreadable, path, ReadFailure(e)));
            return null;
        }
    }

    private static PackageProblemKind KindFor(string path) => path switch
    {
        PackagePaths.Signature => PackageProblemKind.SignatureInvalid,
        PackagePaths.Timestamp => PackageProblemKind.TimestampInvalid,
        _ => PackageProblemKind.ManifestInvalid,
    };

    private static PackageSignerInfo? CheckSignature(byte[] manifest, byte[] signature, X509Certificate2? trusted, List<PackageProblem> problems)
    {
        var cms = new SignedCms(new ContentInfo(manifest), detached: true);
        try
        {
            cms.Decode(signature);
        }
        catch (CryptographicException e)
        {
            problems.Add(new(PackageProblemKind.SignatureInvalid, PackagePaths.Signature, $"not a CMS signature: {e.Message}"));
            return null;
        }
        if (cms.SignerInfos.Count != 1)
        {
            problems.Add(new(PackageProblemKind.SignatureInvalid, PackagePaths.Signature, $"holds {cms.SignerInfos.Count} signatures, not the one of the exporting organisation"));
            return null;
        }
        var info = cms.SignerInfos[0];
        if (info.Certificate is not { } certificate)
        {
            problems.Add(new(PackageProblemKind.SignatureInvalid, PackagePaths.Signature, "does not include the signer's certificate, so it cannot be checked"));
            return null;
        }
        try
        {
            info.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            problems.Add(new(PackageProblemKind.SignatureInvalid, PackagePaths.Manifest,
                $"changed after it was signed — the signature in {PackagePaths.Signature} (by {certificate.Subject}) does not match the manifest's bytes"));
            return null;
        }
        if (trusted is not null && !SameKey(certificate, trusted))
        {
            problems.Add(new(PackageProblemKind.SignatureInvalid, PackagePaths.Signature,
                $"signed by {certificate.Subject} (SHA-256 {PackageSigner.Fingerprint(certificate)}), not by the trusted key {trusted.Subject} (SHA-256 {PackageSigner.Fingerprint(trusted)})"));
        }
        DateTimeOffset? signingTime = null;
        foreach (var attribute in info.SignedAttributes)
            if (attribute.Values.Count > 0 && attribute.Values[0] is Pkcs9SigningTime time) signingTime = new DateTimeOffset(time.SigningTime.ToUniversalTime(), TimeSpan.Zero);
        return new PackageSignerInfo(certificate.Subject, PackageSigner.Fingerprint(certificate), signingTime);
    }

    private static bool SameKey(X509Certificate2 a, X509Certificate2 b) =>
        a.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(b.PublicKey.ExportSubjectPublicKeyInfo());

    private static PackageTimestamp? CheckTimestamp(byte[] manifest, byte[] bytes, List<PackageProblem> problems)
    {
        if (!Rfc3161TimestampToken.TryDecode(bytes, out var token, out var consumed) || consumed != bytes.Length)
        {
            problems.Add(new(PackageProblemKind.TimestampInvalid, PackagePaths.Timestamp, "not an RFC 3161 time-stamp token"));
            return null;
        }
        var info = token.TokenInfo;
        var algorithm = info.HashAlgorithmId.Value switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (algorithm == default)
        {
            problems.Add(new(PackageProblemKind.TimestampInvalid, PackagePaths.Timestamp, $"the token's hash algorithm {info.HashAlgorithmId.Value} is not SHA-256, SHA-384 or SHA-512"));
            return null;
        }
        var serial = Convert.ToHexStringLower(info.GetSerialNumber().Span);
        var expected = CryptographicOperations.HashData(algorithm, manifest);
        var imprint = info.GetMessageHash().ToArray();
        if (!imprint.AsSpan().SequenceEqual(expected))
        {
            problems.Add(new(PackageProblemKind.TimestampInvalid, PackagePaths.Timestamp,
                $"the time-stamp is of other data — its imprint {algorithm.Name} {Convert.ToHexStringLower(imprint)} is not the manifest's {Convert.ToHexStringLower(expected)}"));
            return null;
        }
        if (!token.VerifySignatureForHash(expected, algorithm, out var authority, extraCandidates: null) || authority is null)
        {
            problems.Add(new(PackageProblemKind.TimestampInvalid, PackagePaths.Timestamp,
                "the time-stamp authority's signature on the token does not verify (or its certificate is not included)"));
            return null;
        }
        return new PackageTimestamp(authority.Subject, info.Timestamp, serial, ImprintMatchesManifest: true, PackageSigner.Fingerprint(authority));
    }

    /// <summary>Hashes every listed file (and checks every WARC); returns how many match the manifest.</summary>
    private static int CheckFiles(Dictionary<string, ZipArchiveEntry> entries, PackageManifest? manifest, List<PackageProblem> problems, CancellationToken ct)
    {
        var listed = manifest?.Files.ToDictionary(f => f.Path, StringComparer.Ordinal) ?? [];
        var refused = problems.Where(p => p.Kind == PackageProblemKind.Refused).Select(p => p.Path).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var verified = 0;
        foreach (var file in manifest?.Files ?? [])
        {
            if (refused.Contains(file.Path)) continue;
            if (!entries.TryGetValue(file.Path, out var entry))
            {
                problems.Add(new(PackageProblemKind.Removed, file.Path, "removed — listed in the manifest, absent from the package"));
                continue;
            }
            if (Read(file.Path, entry, problems, ct) is not { } found) continue;
            if (found.Size != file.Size)
                problems.Add(new(PackageProblemKind.Altered, file.Path, $"altered — {file.Size} bytes expected, {found.Size} found; SHA-256 expected {file.Sha256}, found {found.Sha256}"));
            else if (found.Sha256 != file.Sha256)
                problems.Add(new(PackageProblemKind.Altered, file.Path, $"altered — SHA-256 expected {file.Sha256}, found {found.Sha256}"));
            else verified++;
        }
        foreach (var (path, entry) in entries)
        {
            if (PackagePaths.IsReserved(path) || listed.ContainsKey(path)) continue;
            if (manifest is not null) problems.Add(new(PackageProblemKind.Added, WarcReader.Printable(path), "added — not listed in the manifest"));
            // Without a manifest to compare with, the WARC files are still checked on their own.
            else if (IsWarc(path)) Read(path, entry, problems, ct);
        }
        return verified;
    }

    private static bool IsWarc(string path) =>
        path.EndsWith(".warc", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".warc.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The entry's actual size and SHA-256, checking it as a WARC file on the way; null when it could not be read.</summary>
    private static (long Size, string Sha256)? Read(string path, ZipArchiveEntry entry, List<PackageProblem> problems, CancellationToken ct)
    {
        try
        {
            using var stream = new MeasuredStream(entry.Open(), entry.Length, ct);
            if (IsWarc(path))
            {
                var warc = WarcVerifier.Verify(stream);
                foreach (var p in warc.Problems.Take(MaxWarcProblemsShown))
                {
                    var where = p.Offset < 0 ? "" : $"record at byte {p.Offset.ToString(CultureInfo.InvariantCulture)}{(p.RecordId.Length > 0 ? " " + p.RecordId : "")}: ";
                    problems.Add(new(PackageProblemKind.WarcInvalid, path, $"invalid WARC — {where}{p.Message}"));
                }
                if (warc.Problems.Count > MaxWarcProblemsShown)
                    problems.Add(new(PackageProblemKind.WarcInvalid, path, $"invalid WARC — and {warc.Problems.Count - MaxWarcProblemsShown} more problems"));
            }
            stream.CopyTo(Stream.Null);
            return (stream.Count, stream.Sha256());
        }
        catch (TooLongException)
        {
            problems.Add(new(PackageProblemKind.Refused, path, $"refused — it holds more data than the {entry.Length} bytes it declares; reading stopped there"));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            problems.Add(new(PackageProblemKind.Unreadable, path, ReadFailure(e)));
        }
        return null;
    }

    private static string ReadFailure(Exception e) => $"could not be read: the compressed data is damaged ({WarcReader.Printable(e.Message)})";

    private sealed class TooLongException : IOException;

    /// <summary>Counts and hashes what is read through it, and stops past the entry's declared size.</summary>
    private sealed class MeasuredStream(Stream inner, long limit, CancellationToken ct) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Count { get; private set; }

        public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            ct.ThrowIfCancellationRequested();
            // One byte beyond the limit is asked for, so that an entry longer than it declares is noticed.
            var room = (int)Math.Min(buffer.Length, Math.Max(0, limit - Count) + 1);
            var n = inner.Read(buffer[..room]);
            Count += n;
            if (Count > limit) throw new TooLongException();
            _hash.AppendData(buffer[..n]);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                _hash.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
