using System.Buffers.Binary;
using SkiaSharp;

namespace Isop.Recognition.Fingerprints;

/// <summary>
/// The EXIF orientation (tag 0x0112 of IFD0) of a JPEG (APP1 "Exif"), PNG (eXIf) or WebP (EXIF chunk), read strictly:
/// a segment that is truncated, points outside itself, miscounts its entries or holds a value other than 1–8 gives no
/// orientation, so a damaged header never turns a picture. Skia (3.119) turns a picture despite a wrong TIFF magic or
/// an impossible entry count, and does not read PNG's eXIf at all.
/// </summary>
internal static class ExifOrientation
{
    private const ushort OrientationTag = 0x0112;
    private const ushort ShortType = 3;

    internal enum Outcome { Absent, Damaged, Found }

    /// <summary>Where a container holds its TIFF stream.</summary>
    private readonly record struct Location(Outcome Outcome, int Start, int Length)
    {
        public static Location Absent => new(Outcome.Absent, 0, 0);
        public static Location Damaged => new(Outcome.Damaged, 0, 0);
    }

    public static (Outcome Outcome, SKEncodedOrigin Origin) Read(ReadOnlySpan<byte> encoded)
    {
        var located = encoded switch
        {
            [0xFF, 0xD8, ..] => FromJpeg(encoded),
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => FromPng(encoded),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => FromWebp(encoded),
            _ => Location.Absent,
        };
        if (located.Outcome != Outcome.Found) return (located.Outcome, SKEncodedOrigin.TopLeft);
        var origin = FromTiff(encoded.Slice(located.Start, located.Length));
        return origin is { } o ? (Outcome.Found, o) : (Outcome.Damaged, SKEncodedOrigin.TopLeft);
    }

    /// <summary>The first APP1 segment that starts "Exif\0\0", among the segments before the scan.</summary>
    private static Location FromJpeg(ReadOnlySpan<byte> jpeg)
    {
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker == 0xFF) { at++; continue; } // fill byte
            if (marker is 0xDA or 0xD9) break; // start of scan, end of image: no metadata after these
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);
            if (length < 2 || at + 2 + length > jpeg.Length) return Location.Damaged;
            var body = jpeg.Slice(at + 4, length - 2);
            if (marker == 0xE1 && body.StartsWith("Exif\0\0"u8)) return new(Outcome.Found, at + 4 + 6, length - 2 - 6);
            at += 2 + length;
        }
        return Location.Absent;
    }

    /// <summary>The eXIf chunk (PNG 1.2 extensions, 1.5.0): a TIFF stream, which some writers prefix with "Exif\0\0".</summary>
    private static Location FromPng(ReadOnlySpan<byte> png)
    {
        var at = 8;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            var type = png.Slice(at + 4, 4);
            if (length > int.MaxValue || at + 12 + (long)length > png.Length) return Location.Damaged;
            if (type.SequenceEqual("eXIf"u8)) return WithoutExifPrefix(png, at + 8, (int)length);
            if (type.SequenceEqual("IEND"u8)) break;
            at += 12 + (int)length;
        }
        return Location.Absent;
    }

    /// <summary>The EXIF chunk of an extended WebP (RIFF chunks: FourCC, little-endian size, data padded to even).</summary>
    private static Location FromWebp(ReadOnlySpan<byte> webp)
    {
        var at = 12;
        while (at + 8 <= webp.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp[(at + 4)..]);
            if (size > int.MaxValue || at + 8 + (long)size > webp.Length) return Location.Damaged;
            if (webp.Slice(at, 4).SequenceEqual("EXIF"u8)) return WithoutExifPrefix(webp, at + 8, (int)size);
            at += 8 + (int)size + (int)(size & 1);
        }
        return Location.Absent;
    }

    private static Location WithoutExifPrefix(ReadOnlySpan<byte> file, int start, int length) =>
        file.Slice(start, length).StartsWith("Exif\0\0"u8) ? new(Outcome.Found, start + 6, length - 6) : new(Outcome.Found, start, length);

    /// <summary>
    /// TIFF header ("II" or "MM", 42, offset of IFD0), IFD0's entries all inside the stream, and the orientation entry a
    /// single SHORT of 1–8; anything else is null.
    /// </summary>
    private static SKEncodedOrigin? FromTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return null;
        bool bigEndian;
        if (tiff.StartsWith("MM"u8)) bigEndian = true;
        else if (tiff.StartsWith("II"u8)) bigEndian = false;
        else return null;
        if (U16(tiff, 2, bigEndian) != 42) return null;
        var ifd = U32(tiff, 4, bigEndian);
        if (ifd < 8 || ifd > tiff.Length - 2) return null;
        var count = U16(tiff, (int)ifd, bigEndian);
        if (count == 0 || ifd + 2 + 12L * count > tiff.Length) return null;
        for (var e = 0; e < count; e++)
        {
            var entry = (int)ifd + 2 + 12 * e;
            if (U16(tiff, entry, bigEndian) != OrientationTag) continue;
            if (U16(tiff, entry + 2, bigEndian) != ShortType || U32(tiff, entry + 4, bigEndian) != 1) return null;
            // A single SHORT sits in the first two bytes of the value field, in the stream's byte order.
            var value = U16(tiff, entry + 8, bigEndian);
            return value is >= 1 and <= 8 ? (SKEncodedOrigin)value : null;
        }
        return SKEncodedOrigin.TopLeft;
    }

    private static ushort U16(ReadOnlySpan<byte> tiff, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(tiff[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(tiff[at..]);

    private static uint U32(ReadOnlySpan<byte> tiff, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(tiff[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(tiff[at..]);
}
