using System.Globalization;
using Isop.Recognition.Fingerprints;

namespace Isop.Recognition.Tests;

public sealed class PdqTests(ITestOutputHelper output)
{
    public static PdqHash HashFile(string path)
    {
        var (luma, w, h) = ImageDecoder.DecodeLuma(File.ReadAllBytes(path));
        return PdqHasher.Hash(luma, w, h);
    }

    [Fact]
    public void Reference_images_hash_within_ten_bits_of_every_reference_implementation()
    {
        var folder = SharedData.Require("pdq");
        var lines = File.ReadLines(Path.Combine(folder, "expected.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        int checkedCount = 0, exact = 0, worst = 0;
        var failures = new List<string>();
        foreach (var row in lines)
        {
            var (expected, quality, file, reference) = (Hash256.Parse(row[0]), row[1], row[2], row[3]);
            var actual = HashFile(Path.Combine(folder, file));
            var distance = actual.Hash.Distance(expected);
            output.WriteLine($"{distance,3}  q={actual.Quality,3} (ref {quality,3})  {reference,-12} {file}");
            if (quality.Length > 0 && int.Parse(quality, CultureInfo.InvariantCulture) < 80) continue;
            checkedCount++;
            if (distance == 0) exact++;
            worst = Math.Max(worst, distance);
            if (distance > 10) failures.Add($"{file} ({reference}): distance {distance}");
        }
        output.WriteLine($"{checkedCount} reference hashes checked, {exact} exact, worst distance {worst}");
        Assert.Empty(failures);
    }
}

public sealed class PdqDihedralTests(ITestOutputHelper output)
{
    [Fact]
    public void The_eight_variants_from_one_DCT_match_the_rotated_and_mirrored_images()
    {
        var folder = SharedData.Require("pdq");
        var dih = Path.Combine(folder, "reg-test-input", "dih");
        string[] files = ["bridge-1-original.jpg", "bridge-2-rotate-90.jpg", "bridge-3-rotate-180.jpg", "bridge-4-rotate-270.jpg",
            "bridge-5-flipx.jpg", "bridge-6-flipy.jpg", "bridge-7-flip-plus-1.jpg", "bridge-8-flip-minus-1.jpg"];
        var (luma, w, h) = ImageDecoder.DecodeLuma(File.ReadAllBytes(Path.Combine(dih, files[0])));
        var variants = PdqHasher.HashDihedral(luma, w, h);
        for (var v = 0; v < 8; v++)
        {
            var direct = PdqTests.HashFile(Path.Combine(dih, files[v]));
            var d = variants[v].Hash.Distance(direct.Hash);
            output.WriteLine($"{files[v]}: {d}");
            Assert.True(d <= 16, $"{files[v]}: the variant is {d} bits from the image's own hash");
        }
        Assert.Equal(variants[0], PdqHasher.Hash(luma, w, h));
    }
}

public sealed class ImageDecoderTests
{
    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        bitmap.Erase(SkiaSharp.SKColors.CornflowerBlue);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
    }

    [Fact]
    public void A_one_pixel_image_hashes_with_quality_zero()
    {
        var (luma, w, h) = ImageDecoder.DecodeLuma(Png(1, 1));
        Assert.Equal((1, 1), (w, h));
        Assert.Equal(0, PdqHasher.Hash(luma, w, h).Quality);
    }

    [Fact]
    public void A_header_claiming_fifty_thousand_squared_pixels_is_refused_before_decoding()
    {
        var png = Png(8, 8);
        // IHDR: width and height at bytes 16–23, its CRC (over type and data, bytes 12–28) at 29–32.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 50_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 50_000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeLuma(png));
        Assert.Equal("the image claims 50000×50000 pixels, more than the 100,000,000 Isop decodes", e.Message);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309), bit by bit: enough for a test.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void Truncated_empty_and_non_image_files_get_a_clear_error()
    {
        var folder = SharedData.Require("pdq");
        var jpeg = File.ReadAllBytes(Path.Combine(folder, "bridge-mods", "aaa-orig.jpg"));
        Assert.Equal("the image data is truncated", Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeLuma(jpeg.AsSpan(0, jpeg.Length / 2))).Message);
        Assert.Equal("the file is empty", Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeLuma([])).Message);
        Assert.Contains("not", Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeLuma("%PDF-1.4 not an image"u8)).Message, StringComparison.Ordinal);
    }
}
