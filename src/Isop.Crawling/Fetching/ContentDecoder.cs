using System.Buffers;
using System.IO.Compression;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Isop.Crawling.Fetching;

/// <summary>The decoded body of a response, and why decoding stopped early if it did.</summary>
internal sealed record DecodedBody(byte[] Bytes, string? Cut, string? Problem);

/// <summary>
/// Undoes HTTP content codings (gzip, deflate, br, zstd, stacked in any order) with the limits a hostile server
/// calls for: the decoded size is capped, the decoded-to-received ratio is capped (compression bombs), stacked
/// codings are limited, and a zstd frame may not ask for a window beyond 8 MiB.
/// </summary>
internal static class ContentDecoder
{
    public const int MaxLayers = 3;

    /// <summary>Ratios are only judged past this size, so that small, highly repetitive pages are not cut.</summary>
    private const int RatioFloor = 1 << 20;

    public static readonly string[] Supported = ["gzip", "deflate", "br", "zstd"];

    public static DecodedBody Decode(ReadOnlyMemory<byte> raw, IEnumerable<string> contentEncodings, long maxBytes, double maxRatio)
    {
        var codings = contentEncodings
            .SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(c => c.ToLowerInvariant())
            .Where(c => c is not "identity")
            .ToList();
        if (codings.Count == 0)
            return raw.Length > maxBytes ? new DecodedBody(raw[..(int)maxBytes].ToArray(), "length", null) : new DecodedBody(raw.ToArray(), null, null);
        if (codings.Count > MaxLayers)
            return new DecodedBody([], null, $"{codings.Count} stacked content codings (at most {MaxLayers} are decoded)");
        if (codings.FirstOrDefault(c => !Supported.Contains(c) && c is not "x-gzip") is { } unknown)
            return new DecodedBody([], null, $"unsupported content coding '{unknown}'");

        var current = raw;
        string? cut = null, problem = null;
        // Codings are listed in the order they were applied: undo them from the last.
        for (var i = codings.Count - 1; i >= 0 && problem is null; i--)
        {
            var (bytes, layerCut, layerProblem) = DecodeLayer(current, codings[i], maxBytes, maxRatio, raw.Length);
            current = bytes;
            cut ??= layerCut;
            problem = layerProblem;
        }
        return new DecodedBody(current.ToArray(), cut, problem);
    }

    private static (byte[] Bytes, string? Cut, string? Problem) DecodeLayer(ReadOnlyMemory<byte> input, string coding, long maxBytes, double maxRatio, long received)
    {
        using var source = new ReadOnlyMemoryStream(input);
        using var decoder = Open(source, coding, input.Span);
        var output = new ArrayBufferWriter<byte>(Math.Min(Math.Max(input.Length * 4, 4096), 1 << 20));
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = decoder.Read(buffer, 0, buffer.Length);
                }
                catch (Exception e) when (e is InvalidDataException or IOException or ZstdException or InvalidOperationException)
                {
                    return (output.WrittenSpan.ToArray(), null, $"{coding} data is corrupt or cut: {e.Message}");
                }
                if (read == 0) return (output.WrittenSpan.ToArray(), null, null);
                var room = maxBytes - output.WrittenCount;
                if (read > room)
                {
                    output.Write(buffer.AsSpan(0, (int)room));
                    return (output.WrittenSpan.ToArray(), "length", null);
                }
                output.Write(buffer.AsSpan(0, read));
                if (output.WrittenCount > RatioFloor && output.WrittenCount > maxRatio * Math.Max(received, 1))
                    return (output.WrittenSpan.ToArray(), "ratio", $"decompression ratio above {maxRatio}:1 (a compression bomb)");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Stream Open(Stream source, string coding, ReadOnlySpan<byte> head)
    {
        switch (coding)
        {
            case "gzip" or "x-gzip":
                return new GZipStream(source, CompressionMode.Decompress);
            case "deflate":
                // RFC 9110 deflate is zlib-wrapped; some servers send a raw deflate stream instead.
                var zlib = head.Length >= 2 && (head[0] & 0x0F) == 8 && ((head[0] << 8) | head[1]) % 31 == 0;
                return zlib ? new ZLibStream(source, CompressionMode.Decompress) : new DeflateStream(source, CompressionMode.Decompress);
            case "br":
                return new BrotliStream(source, CompressionMode.Decompress);
            default:
                var zstd = new DecompressionStream(source, 64 * 1024, checkEndOfStream: true, leaveOpen: false);
                zstd.SetParameter(ZSTD_dParameter.ZSTD_d_windowLogMax, 23);
                return zstd;
        }
    }

    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> data) : Stream
    {
        private int position;
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, data.Length - position);
            data.Span.Slice(position, n).CopyTo(buffer);
            position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
