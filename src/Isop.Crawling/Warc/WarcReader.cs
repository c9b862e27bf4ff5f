using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Isop.Crawling.Warc;

/// <summary>One WARC record: its headers, where it starts, and its block (bounded in memory).</summary>
public sealed class WarcRecord
{
    public required string Version { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }
    public required long Offset { get; init; }
    public required byte[] Block { get; init; }
    public long DeclaredLength { get; init; }

    public string? this[string name] => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string Type => this["WARC-Type"] ?? "";
    public string Id => this["WARC-Record-ID"] ?? "";

    /// <summary>For HTTP requests and responses, the bytes after the HTTP header; otherwise the whole block.</summary>
    public ReadOnlySpan<byte> Payload
    {
        get
        {
            var type = this["Content-Type"] ?? "";
            if (!type.StartsWith("application/http", StringComparison.OrdinalIgnoreCase)) return Block;
            var end = Block.AsSpan().IndexOf("\r\n\r\n"u8);
            return end < 0 ? ReadOnlySpan<byte>.Empty : Block.AsSpan(end + 4);
        }
    }
}

/// <summary>A structural problem, with the byte offset of the record it is in.</summary>
public sealed class WarcFormatException(string message, long offset) : Exception(message)
{
    public long Offset { get; } = offset;
}

/// <summary>
/// Reads WARC 1.0 and 1.1 files, plain or gzip-compressed (one member per record, or the whole file), record by
/// record. Blocks above <see cref="MaxBlock"/> are refused rather than read into memory.
/// </summary>
public static class WarcReader
{
    public const int MaxBlock = 256 * 1024 * 1024;

    public static IEnumerable<WarcRecord> Read(Stream stream)
    {
        var input = OpenDecompressed(stream);
        var reader = new RecordStream(input);
        while (true)
        {
            var offset = reader.Position;
            var version = reader.ReadLine();
            while (version is not null && version.Length == 0)
            {
                offset = reader.Position;
                version = reader.ReadLine();
            }
            if (version is null) yield break;
            if (!version.StartsWith("WARC/", StringComparison.Ordinal))
                throw new WarcFormatException($"expected a WARC version line (WARC/1.0 or WARC/1.1) at byte {offset}, found \"{Shorten(version)}\"", offset);
            var headers = new List<KeyValuePair<string, string>>();
            while (true)
            {
                var line = reader.ReadLine() ?? throw new WarcFormatException($"the record at byte {offset} ends inside its headers (truncated)", offset);
                if (line.Length == 0) break;
                var colon = line.IndexOf(':');
                if (colon <= 0) throw new WarcFormatException($"record at byte {offset}: a header line without a colon: \"{Shorten(line)}\"", offset);
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
            var lengthText = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
            if (!long.TryParse(lengthText, out var length) || length < 0)
                throw new WarcFormatException($"record at byte {offset}: Content-Length is missing or not a number", offset);
            if (length > MaxBlock) throw new WarcFormatException($"record at byte {offset}: a {length}-byte block is more than Isop reads ({MaxBlock})", offset);
            var block = new byte[length];
            var read = reader.ReadBlock(block);
            if (read < length)
                throw new WarcFormatException($"the record at byte {offset} is truncated: Content-Length {length}, only {read} bytes follow", offset);
            yield return new WarcRecord { Version = version, Headers = headers, Offset = offset, Block = block, DeclaredLength = length };
            // Each record ends with two CRLFs.
            reader.ReadLine();
            reader.ReadLine();
        }
    }

    private static Stream OpenDecompressed(Stream stream)
    {
        // Peek at the first two bytes without needing a seekable stream, then hand them back in front of the rest.
        var magic = new byte[2];
        var n = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        Stream whole = new PrefixedStream(magic.AsMemory(0, n), stream);
        // GZipStream reads concatenated members: a record-per-member file decompresses as one stream.
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(whole, CompressionMode.Decompress) : whole;
    }

    /// <summary>A read-only stream: a few bytes already read, then the rest of the inner stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.IsEmpty) return inner.Read(buffer);
            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
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
    }

    private static string Shorten(string s) => Printable(s.Length > 60 ? s[..60] + "…" : s);

    /// <summary>
    /// Text from a file that may be anything, safe to show on a terminal: controls (escape sequences), format
    /// characters (bidirectional overrides), lone surrogates and undecodable bytes are written as \xNN or \uNNNN.
    /// </summary>
    public static string Printable(string text)
    {
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var category = char.GetUnicodeCategory(c);
            var unsafeChar = !pair && (char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c)
                || category is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.PrivateUse);
            if (!unsafeChar && escaped is null) { if (pair) i++; continue; }
            escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
            if (unsafeChar) escaped.Append(c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            else
            {
                escaped.Append(c);
                if (pair) escaped.Append(text[++i]);
            }
        }
        return escaped?.ToString() ?? text;
    }

    /// <summary>Lines and blocks from a (possibly decompressing) stream, counting the bytes read.</summary>
    private sealed class RecordStream(Stream input)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;

        public long Position { get; private set; }

        private bool Fill()
        {
            if (_start < _end) return true;
            _start = 0;
            _end = input.Read(_buffer, 0, _buffer.Length);
            return _end > 0;
        }

        public string? ReadLine()
        {
            var bytes = new List<byte>();
            while (true)
            {
                if (!Fill()) return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
                var c = _buffer[_start++];
                Position++;
                if (c == '\n')
                {
                    if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
                    return Encoding.UTF8.GetString(bytes.ToArray());
                }
                bytes.Add(c);
                if (bytes.Count > 64 * 1024) throw new WarcFormatException($"a header line longer than 64 KiB at byte {Position}", Position);
            }
        }

        public int ReadBlock(byte[] block)
        {
            var filled = 0;
            while (filled < block.Length && Fill())
            {
                var n = Math.Min(block.Length - filled, _end - _start);
                Array.Copy(_buffer, _start, block, filled, n);
                _start += n;
                filled += n;
                Position += n;
            }
            return filled;
        }
    }
}

/// <summary>One problem found by the verifier.</summary>
public sealed record WarcProblem(long Offset, string RecordId, string Message)
{
    // Record ids and messages quote the file, which may be anything: they are kept printable.
    public string RecordId { get; } = WarcReader.Printable(RecordId);
    public string Message { get; } = WarcReader.Printable(Message);
}

public sealed record WarcVerification(int Records, int DigestsChecked, IReadOnlyList<WarcProblem> Problems)
{
    public bool Valid => Problems.Count == 0;
}

/// <summary>Checks a WARC file's structure and every block and payload digest it declares (SHA-1 or SHA-256; base32 with or without padding, hex or base64).</summary>
public static class WarcVerifier
{
    public static WarcVerification Verify(Stream stream)
    {
        var problems = new List<WarcProblem>();
        int records = 0, digests = 0;
        try
        {
            foreach (var record in WarcReader.Read(stream))
            {
                records++;
                // A revisit record names the payload of an earlier capture; it carries none of its own.
                var revisit = record.Type.Equals("revisit", StringComparison.OrdinalIgnoreCase);
                if (Truncation(record) is { } cut) problems.Add(new WarcProblem(record.Offset, record.Id, cut));
                foreach (var (header, bytes) in new[] { ("WARC-Block-Digest", record.Block.AsSpan().ToArray()), ("WARC-Payload-Digest", record.Payload.ToArray()) })
                {
                    var declared = record[header];
                    if (declared is null || (revisit && header == "WARC-Payload-Digest")) continue;
                    digests++;
                    var problem = Check(declared, bytes);
                    if (problem is not null) problems.Add(new WarcProblem(record.Offset, record.Id, $"{header}: {problem}"));
                }
            }
        }
        catch (WarcFormatException e)
        {
            problems.Add(new WarcProblem(e.Offset, "", e.Message));
        }
        catch (InvalidDataException e)
        {
            problems.Add(new WarcProblem(-1, "", $"the gzip compression is damaged: {e.Message}"));
        }
        return new WarcVerification(records, digests, problems);
    }

    /// <summary>An HTTP response whose body is shorter than its own Content-Length was cut (unless WARC-Truncated says so).</summary>
    private static string? Truncation(WarcRecord record)
    {
        if (!record.Type.Equals("response", StringComparison.OrdinalIgnoreCase) || record["WARC-Truncated"] is not null) return null;
        var block = record.Block.AsSpan();
        var end = block.IndexOf("\r\n\r\n"u8);
        if (end < 0) return null;
        var head = Encoding.ASCII.GetString(block[..end]);
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) return null;
        foreach (var line in head.Split("\r\n"))
        {
            if (!line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) continue;
            if (long.TryParse(line["Content-Length:".Length..].Trim(), out var length) && length > block.Length - end - 4)
                return $"the HTTP response is truncated: its Content-Length is {length}, the record holds {block.Length - end - 4} bytes of body";
        }
        return null;
    }

    /// <summary>Null when the digest holds; otherwise why not.</summary>
    public static string? Check(string declared, byte[] data)
    {
        var colon = declared.IndexOf(':');
        if (colon <= 0) return $"\"{declared}\" names no algorithm";
        var algorithm = declared[..colon].Trim().ToLowerInvariant();
        var value = declared[(colon + 1)..].Trim();
        byte[] actual = algorithm switch
        {
            "sha1" or "sha-1" => SHA1.HashData(data),
            "sha256" or "sha-256" => SHA256.HashData(data),
            "md5" => MD5.HashData(data),
            _ => [],
        };
        if (actual.Length == 0) return $"the algorithm \"{algorithm}\" is not one Isop checks";
        var expected = Decode(value, actual.Length);
        if (expected is null) return $"does not match: declared {declared} is not a {algorithm} digest in base32, hexadecimal or base64; computed {algorithm}:{Crawling.Base32.Encode(actual)}";
        return expected.AsSpan().SequenceEqual(actual) ? null : $"does not match: declared {declared}, computed {algorithm}:{Crawling.Base32.Encode(actual)}";
    }

    private static byte[]? Decode(string value, int length)
    {
        if (value.Length == length * 2 && value.All(char.IsAsciiHexDigit)) return Convert.FromHexString(value);
        if (Crawling.Base32.Decode(value) is { } b32 && b32.Length == length) return b32;
        try
        {
            var b64 = Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/'));
            return b64.Length == length ? b64 : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
