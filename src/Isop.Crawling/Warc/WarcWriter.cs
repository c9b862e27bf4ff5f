using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Isop.Crawling.Warc;

/// <summary>
/// Writes WARC 1.1 records, each its own gzip member (so a record can be read from its offset alone), with
/// SHA-256 block and payload digests. The writer returns each record's id and offset, for the evidence index.
/// </summary>
internal sealed class WarcWriter(Stream output, TimeProvider time) : IDisposable
{
    public sealed record Written(string RecordId, long Offset, long Length, string BlockDigest);

    /// <summary>The warcinfo record that opens a file: who captured, with what, where and why.</summary>
    public Written WriteInfo(IReadOnlyDictionary<string, string> fields, string? filename = null)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in fields) body.Append(key).Append(": ").Append(value).Append("\r\n");
        var headers = new List<(string, string)> { ("Content-Type", "application/warc-fields") };
        if (filename is not null) headers.Add(("WARC-Filename", filename));
        return Write("warcinfo", null, Encoding.UTF8.GetBytes(body.ToString()), headers, payloadDigest: false);
    }

    /// <summary>
    /// A record of the given type. For request and response records the block is the HTTP message; the payload
    /// digest covers the body after the HTTP header.
    /// </summary>
    public Written Write(string type, string? targetUri, ReadOnlySpan<byte> block, IEnumerable<(string Name, string Value)>? extra = null, bool payloadDigest = true, string? recordId = null, DateTimeOffset? date = null)
    {
        var id = recordId ?? NewRecordId();
        var header = new StringBuilder();
        header.Append("WARC/1.1\r\n");
        header.Append("WARC-Type: ").Append(type).Append("\r\n");
        header.Append("WARC-Record-ID: ").Append(id).Append("\r\n");
        header.Append("WARC-Date: ").Append((date ?? time.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).Append("\r\n");
        if (targetUri is not null) header.Append("WARC-Target-URI: ").Append(targetUri).Append("\r\n");
        var blockDigest = "sha256:" + Base32.Encode(SHA256.HashData(block));
        header.Append("WARC-Block-Digest: ").Append(blockDigest).Append("\r\n");
        if (payloadDigest && type is "request" or "response")
        {
            var end = block.IndexOf("\r\n\r\n"u8);
            if (end >= 0) header.Append("WARC-Payload-Digest: sha256:").Append(Base32.Encode(SHA256.HashData(block[(end + 4)..]))).Append("\r\n");
        }
        var hasType = false;
        foreach (var (name, value) in extra ?? [])
        {
            if (name.Contains('\r') || name.Contains('\n') || value.Contains('\r') || value.Contains('\n'))
                throw new ArgumentException($"the WARC header {name} must be one line");
            hasType |= name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase);
            header.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        if (!hasType && type is "request" or "response")
            header.Append("Content-Type: application/http; msgtype=").Append(type).Append("\r\n");
        header.Append("Content-Length: ").Append(block.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");

        var offset = output.Position;
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(header.ToString()));
            gzip.Write(block);
            gzip.Write("\r\n\r\n"u8);
        }
        return new Written(id, offset, output.Position - offset, blockDigest);
    }

    public static string NewRecordId() => $"<urn:uuid:{Guid.NewGuid()}>";

    public void Dispose() => output.Flush();
}
