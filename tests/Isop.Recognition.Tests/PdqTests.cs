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
        // Every confident reference row of the set is compared (53 of them): a reader that skips rows fails here.
        Assert.True(checkedCount >= 53, $"only {checkedCount} reference hashes checked");
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
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), ExifImages.Crc32(png.AsSpan(12, 17)));
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeLuma(png));
        Assert.Equal("the image claims 50000×50000 pixels, more than the 100,000,000 Isop decodes", e.Message);
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

public sealed class ExifOrientationTests(ITestOutputHelper output)
{
    private static PdqHash Hash(byte[] encoded)
    {
        var (luma, w, h) = ImageDecoder.DecodeLuma(encoded);
        return PdqHasher.Hash(luma, w, h);
    }

    public static TheoryData<int, bool, bool> Orientations()
    {
        var rows = new TheoryData<int, bool, bool>();
        foreach (var bigEndian in new[] { false, true })
        {
            foreach (var keepJfif in new[] { false, true })
            {
                for (var orientation = 1; orientation <= 8; orientation++) rows.Add(orientation, bigEndian, keepJfif);
            }
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void A_JPEG_stored_turned_with_its_EXIF_orientation_hashes_as_the_upright_picture(int orientation, bool bigEndian, bool afterJfif)
    {
        using var upright = ExifImages.Upright();
        using var stored = ExifImages.Stored(upright, orientation);
        var plain = ExifImages.Jpeg(stored);
        var tagged = ExifImages.WithApp1(plain, ExifImages.App1(ExifImages.OrientationTiff(orientation, bigEndian)), afterJfif);

        var (_, width, height) = ImageDecoder.DecodeLuma(tagged);
        Assert.Equal((upright.Width, upright.Height), (width, height));
        var expected = Hash(ExifImages.Jpeg(upright)).Hash;
        var distance = Hash(tagged).Hash.Distance(expected);
        var untagged = Hash(plain).Hash.Distance(expected);
        output.WriteLine($"orientation {orientation} ({(bigEndian ? "MM" : "II")}, {(afterJfif ? "after JFIF" : "after SOI")}): {distance} bits from upright; {untagged} without the tag");
        Assert.True(distance <= 10, $"orientation {orientation}: {distance} bits from the upright picture's hash");
        // The picture has no symmetry, so the test could fail: the stored pixels alone hash far from upright.
        if (orientation != 1) Assert.True(untagged > 31, $"orientation {orientation}: the stored pixels are only {untagged} bits from upright");
    }

    [Fact]
    public void A_reference_photo_stored_turned_for_each_orientation_hashes_within_ten_bits_of_the_photo()
    {
        var folder = SharedData.Require("pdq");
        var file = File.ReadAllBytes(Path.Combine(folder, "reg-test-input", "dih", "bridge-1-original.jpg"));
        var expected = Hash(file).Hash;
        using var photo = SkiaSharp.SKBitmap.Decode(file);
        var worst = 0;
        for (var orientation = 1; orientation <= 8; orientation++)
        {
            using var stored = ExifImages.Stored(photo, orientation);
            var tagged = ExifImages.WithApp1(ExifImages.Jpeg(stored), ExifImages.App1(ExifImages.OrientationTiff(orientation, bigEndian: orientation % 2 == 0)));
            var distance = Hash(tagged).Hash.Distance(expected);
            output.WriteLine($"orientation {orientation}: {distance} bits from the original photo");
            Assert.True(distance <= 10, $"orientation {orientation}: {distance} bits from the original photo's hash");
            worst = Math.Max(worst, distance);
        }
        output.WriteLine($"worst distance over the eight orientations: {worst}");
    }

    /// <summary>EXIF segments that are damaged or say nothing usable, on pixels stored turned for orientation 6.</summary>
    public static TheoryData<string, bool> Malformed()
    {
        var rows = new TheoryData<string, bool>();
        string[] names = ["no APP1 segment", "an APP1 segment that is XMP, not EXIF", "an Exif header with no TIFF stream",
            "a TIFF stream cut after the entry count", "a TIFF stream cut inside the orientation entry", "an IFD0 offset past the segment's end",
            "an IFD0 offset of zero", "an entry count far beyond the segment", "an orientation count of 65536 values",
            "an orientation typed LONG", "orientation 0", "orientation 9", "orientation 65535", "an unknown byte order mark", "a TIFF magic number other than 42"];
        foreach (var name in names)
        {
            rows.Add(name, false);
            rows.Add(name, true);
        }
        return rows;
    }

    private static byte[] Damaged(byte[] plain, string name, bool bigEndian)
    {
        switch (name)
        {
            case "no APP1 segment": return plain;
            case "an APP1 segment that is XMP, not EXIF":
                var xmp = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><tiff:Orientation>6</tiff:Orientation></x:xmpmeta>"u8.ToArray();
                var segment = new byte[4 + xmp.Length];
                segment[0] = 0xFF;
                segment[1] = 0xE1;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
                xmp.CopyTo(segment.AsSpan(4));
                return ExifImages.WithApp1(plain, segment);
            default: return ExifImages.WithApp1(plain, ExifImages.App1(DamagedTiff(name, bigEndian)));
        }
    }

    /// <summary>The TIFF stream of orientation 6 with one damage.</summary>
    private static byte[] DamagedTiff(string name, bool bigEndian)
    {
        var tiff = ExifImages.OrientationTiff(6, bigEndian);
        void Write16(int at, ushort value)
        {
            if (bigEndian) System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), value);
            else System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), value);
        }
        void Write32(int at, uint value)
        {
            if (bigEndian) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), value);
            else System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), value);
        }
        // Offsets in the TIFF stream: 0 byte order, 2 magic, 4 IFD0 offset, 8 entry count, 10 tag, 12 type, 14 count, 18 value.
        switch (name)
        {
            case "an Exif header with no TIFF stream": return [];
            case "a TIFF stream cut after the entry count": return tiff[..10];
            case "a TIFF stream cut inside the orientation entry": return tiff[..19];
            case "an IFD0 offset past the segment's end": Write32(4, 0x1000); break;
            case "an IFD0 offset of zero": Write32(4, 0); break;
            case "an entry count far beyond the segment": Write16(8, 0xFFFF); break;
            case "an orientation count of 65536 values": Write32(14, 0x10000); break;
            case "an orientation typed LONG": Write16(12, 4); break;
            case "orientation 0": Write16(18, 0); break;
            case "orientation 9": Write16(18, 9); break;
            case "orientation 65535": Write16(18, 0xFFFF); break;
            case "an unknown byte order mark": "IM"u8.CopyTo(tiff); break;
            case "a TIFF magic number other than 42": Write16(2, 43); break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "no such damage");
        }
        return tiff;
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_JPEG_whose_EXIF_orientation_is_missing_or_damaged_is_decoded_as_stored(string damage, bool bigEndian)
    {
        using var upright = ExifImages.Upright();
        using var stored = ExifImages.Stored(upright, 6);
        var plain = ExifImages.Jpeg(stored);
        var (expected, width, height) = ImageDecoder.DecodeLuma(plain);
        Assert.Equal((stored.Width, stored.Height), (width, height));

        var (luma, w, h) = ImageDecoder.DecodeLuma(Damaged(plain, damage, bigEndian));
        Assert.Equal((width, height), (w, h));
        Assert.Equal(expected, luma);
    }

    public static TheoryData<string, int> OtherContainers()
    {
        var rows = new TheoryData<string, int>();
        foreach (var format in new[] { "PNG eXIf", "WebP EXIF" })
        {
            for (var orientation = 1; orientation <= 8; orientation++) rows.Add(format, orientation);
        }
        return rows;
    }

    private static byte[] Encode(string format, SkiaSharp.SKBitmap bitmap, byte[] tiff) =>
        format == "PNG eXIf" ? ExifImages.Png(bitmap, tiff) : ExifImages.Webp(bitmap, tiff);

    [Theory]
    [MemberData(nameof(OtherContainers))]
    public void A_PNG_or_WebP_stored_turned_with_its_EXIF_orientation_hashes_as_the_upright_picture(string format, int orientation)
    {
        using var upright = ExifImages.Upright();
        using var stored = ExifImages.Stored(upright, orientation);
        var tagged = Encode(format, stored, ExifImages.OrientationTiff(orientation, bigEndian: orientation % 2 == 1));

        var (_, width, height) = ImageDecoder.DecodeLuma(tagged);
        Assert.Equal((upright.Width, upright.Height), (width, height));
        var expected = Hash(ExifImages.Png(upright, ExifImages.OrientationTiff(1, bigEndian: false))).Hash;
        var distance = Hash(tagged).Hash.Distance(expected);
        output.WriteLine($"{format}, orientation {orientation}: {distance} bits from upright");
        Assert.True(distance <= 10, $"{format}, orientation {orientation}: {distance} bits from the upright picture's hash");
    }

    [Theory]
    [InlineData("PNG eXIf", "orientation 9")]
    [InlineData("PNG eXIf", "a TIFF magic number other than 42")]
    [InlineData("PNG eXIf", "an entry count far beyond the segment")]
    [InlineData("WebP EXIF", "orientation 0")]
    [InlineData("WebP EXIF", "a TIFF stream cut inside the orientation entry")]
    [InlineData("WebP EXIF", "an IFD0 offset past the segment's end")]
    public void A_PNG_or_WebP_whose_EXIF_orientation_is_damaged_is_decoded_as_stored(string format, string damage)
    {
        using var upright = ExifImages.Upright();
        using var stored = ExifImages.Stored(upright, 6);
        var (expected, width, height) = ImageDecoder.DecodeLuma(Encode(format, stored, ExifImages.OrientationTiff(1, bigEndian: false)));
        Assert.Equal((stored.Width, stored.Height), (width, height));

        var (luma, w, h) = ImageDecoder.DecodeLuma(Encode(format, stored, DamagedTiff(damage, bigEndian: false)));
        Assert.Equal((width, height), (w, h));
        Assert.Equal(expected, luma);
    }
}
