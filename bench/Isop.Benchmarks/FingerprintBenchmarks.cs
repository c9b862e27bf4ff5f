using BenchmarkDotNet.Attributes;
using Isop.Recognition.Fingerprints;

namespace Isop.Benchmarks;

/// <summary>
/// PDQ on a decoded 512×512 luminance image, decoding a 1600×1000 JPEG stored turned (EXIF orientation 6), and a
/// Hamming-index search on a 1M random bank.
/// </summary>
[MemoryDiagnoser]
public class FingerprintBenchmarks
{
    private readonly float[] _luma = new float[512 * 512];
    private readonly HammingIndex _index = new();
    private Hash256 _query;
    private byte[] _jpeg = [];

    // APP1: length 34, "Exif\0\0", little-endian TIFF header, IFD0 with one entry (0x0112 SHORT 1 = 6), no next IFD.
    private static readonly byte[] Orientation6 =
    [
        0xFF, 0xE1, 0x00, 0x22, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
        (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00,
        0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(1);
        for (var i = 0; i < _luma.Length; i++) _luma[i] = (float)(128 + 100 * Math.Sin(i % 512 / 17.0) * Math.Cos(i / 512 / 23.0) + r.Next(20));
        Hash256 Next() => new((ulong)r.NextInt64(), (ulong)r.NextInt64(), (ulong)r.NextInt64(), (ulong)r.NextInt64());
        for (var i = 0; i < 1_000_000; i++) _index.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Next());
        _index.Build();
        _query = Next();

        using var bitmap = new SkiaSharp.SKBitmap(1600, 1000);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.Beige);
            for (var i = 0; i < 40; i++)
            {
                using var paint = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor((byte)r.Next(256), (byte)r.Next(256), (byte)r.Next(256)) };
                canvas.DrawCircle(r.Next(1600), r.Next(1000), r.Next(20, 200), paint);
            }
        }
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90).ToArray();
        _jpeg = [.. jpeg.AsSpan(0, 2), .. Orientation6, .. jpeg.AsSpan(2)];
    }

    [Benchmark]
    public PdqHash Pdq512() => PdqHasher.Hash(_luma, 512, 512);

    [Benchmark]
    public int DecodeJpeg1600Exif() => ImageDecoder.DecodeLuma(_jpeg).Width;

    [Benchmark]
    public int SearchRadius31In1M() => _index.Search(_query, 31).Count;
}
