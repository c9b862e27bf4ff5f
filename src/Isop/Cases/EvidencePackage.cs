using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Isop.Cases;

/// <summary>One file to put into a package: its path inside the ZIP and a way to read its content (opened once).</summary>
public sealed record PackageFile(string Path, Func<Stream> Open)
{
    public static PackageFile FromBytes(string path, byte[] content) => new(path, () => new MemoryStream(content, writable: false));
}

/// <summary>Stamps the manifest's exact bytes, answering the DER of an RFC 3161 token (<see cref="TimestampClient.RequestAsync"/>).</summary>
public delegate Task<byte[]> Timestamper(byte[] manifest, CancellationToken ct);

/// <summary>What was written: the manifest and the bytes of the package's own files.</summary>
public sealed record PackageWritten(PackageManifest Manifest, byte[] ManifestJson, byte[] Signature, byte[]? Timestamp);

public sealed record VerifyOptions
{
    /// <summary>When set, a package signed by any other key is reported (SignatureInvalid), however valid its signature.</summary>
    public X509Certificate2? TrustedSigner { get; init; }

    /// <summary>The largest uncompressed entry read, declared or actual.</summary>
    public long MaxEntryBytes { get; init; } = 4L << 30;

    /// <summary>The largest sum of declared uncompressed sizes read.</summary>
    public long MaxTotalBytes { get; init; } = 4L << 30;

    public int MaxEntries { get; init; } = 100_000;

    /// <summary>The largest manifest read into memory.</summary>
    public int MaxManifestBytes { get; init; } = 16 << 20;
}

public enum PackageProblemKind
{
    /// <summary>A listed file's content differs from the manifest.</summary>
    Altered,
    /// <summary>A listed file is absent.</summary>
    Removed,
    /// <summary>A file that the manifest does not list.</summary>
    Added,
    ManifestInvalid,
    SignatureInvalid,
    TimestampInvalid,
    WarcInvalid,
    /// <summary>The package or an entry cannot be read (not a ZIP, truncated, damaged compression).</summary>
    Unreadable,
    /// <summary>An entry refused unread: a path that climbs out, a duplicate name, a size beyond the limits.</summary>
    Refused,
}

/// <summary>One problem; <see cref="Path"/> is the entry it is about, empty for the package as a whole.</summary>
public sealed record PackageProblem(PackageProblemKind Kind, string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

public sealed record PackageSignerInfo(string Subject, string Sha256Fingerprint, DateTimeOffset? SigningTime);

/// <summary>
/// The manifest's time-stamp: the subject of the authority's certificate, the time it stamped, the token's serial
/// number (hexadecimal), and that the token is over the manifest's exact bytes.
/// </summary>
public sealed record PackageTimestamp(string Authority, DateTimeOffset Time, string SerialNumber, bool ImprintMatchesManifest, string? AuthorityFingerprint);

/// <summary>
/// What verified and what did not: the listed files present with the manifest's size and SHA-256, the manifest's
/// signer when its signature holds, and the time-stamp when it holds for the manifest (null without a token).
/// </summary>
public sealed record PackageVerification(PackageManifest? Manifest, int FilesVerified, PackageSignerInfo? Signer, PackageTimestamp? Timestamp, IReadOnlyList<PackageProblem> Problems)
{
    public bool Valid => Problems.Count == 0;
}

/// <summary>
/// The court-ready evidence package: a ZIP of the case's files with <c>manifest.json</c> (every file's size and
/// SHA-256), <c>manifest.json.p7s</c> (the organisation's detached CMS signature over the manifest's bytes) and,
/// when a time-stamp authority is configured, <c>manifest.tsr</c> (an RFC 3161 token over the same bytes). Anyone can
/// check it offline with <see cref="Verify"/>, or with openssl.
/// </summary>
public static class EvidencePackage
{
    /// <summary>Errors by file path (or header field); empty when the package can be written.</summary>
    public static IReadOnlyDictionary<string, string> Validate(IReadOnlyList<PackageFile> files, PackageHeader header)
    {
        var errors = new Dictionary<string, string>(header.Validate());
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            if (PackagePaths.Problem(file.Path) is { } problem) errors[file.Path] = problem;
            else if (PackagePaths.IsReserved(file.Path)) errors[file.Path] = "is a name the package keeps for itself";
            // Case-insensitive: on Windows and macOS the second file would overwrite the first when unpacked.
            else if (!seen.Add(file.Path)) errors[file.Path] = "appears twice (names are compared ignoring case)";
        }
        return errors;
    }

    /// <summary>Writes the package to <paramref name="zip"/> (left open), reading each file once.</summary>
    public static async Task<PackageWritten> WriteAsync(Stream zip, IReadOnlyList<PackageFile> files, PackageHeader header, PackageSigner signer, Timestamper? timestamp, CancellationToken ct)
    {
        var errors = Validate(files, header);
        if (errors.Count > 0) throw new ArgumentException("the package cannot be written: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
        var listed = new List<PackageEntry>(files.Count);
        var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, ct);
        await using (archive)
        {
            var buffer = new byte[81920];
            foreach (var file in files)
            {
                var entry = archive.CreateEntry(file.Path, Compression(file.Path));
                entry.LastWriteTime = header.ExportedAt;
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long size = 0;
                await using (var source = file.Open())
                await using (var target = await entry.OpenAsync(ct))
                {
                    int n;
                    while ((n = await source.ReadAsync(buffer, ct)) > 0)
                    {
                        sha.AppendData(buffer, 0, n);
                        await target.WriteAsync(buffer.AsMemory(0, n), ct);
                        size += n;
                    }
                }
                listed.Add(new PackageEntry(file.Path, size, Convert.ToHexStringLower(sha.GetHashAndReset())));
            }
            var manifest = new PackageManifest(header, listed);
            var json = manifest.ToJson();
            var signature = signer.Sign(json, header.ExportedAt);
            var token = timestamp is null ? null : await timestamp(json, ct);
            await AddAsync(PackagePaths.Manifest, json);
            await AddAsync(PackagePaths.Signature, signature);
            if (token is not null) await AddAsync(PackagePaths.Timestamp, token);
            return new PackageWritten(manifest, json, signature, token);
        }

        async Task AddAsync(string path, byte[] content)
        {
            var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
            entry.LastWriteTime = header.ExportedAt;
            await using var target = await entry.OpenAsync(ct);
            await target.WriteAsync(content, ct);
        }
    }

    /// <summary>Checks a package without unpacking it; every problem is in the result, none is thrown.</summary>
    public static PackageVerification Verify(Stream zip, VerifyOptions? options = null, CancellationToken ct = default) =>
        PackageVerifier.Verify(zip, options ?? new VerifyOptions(), ct);

    // Compressed formats gain nothing from deflate a second time.
    private static CompressionLevel Compression(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase)
            ? CompressionLevel.NoCompression
            : CompressionLevel.Optimal;
}
