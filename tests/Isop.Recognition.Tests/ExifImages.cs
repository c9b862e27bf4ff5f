using System.Buffers.Binary;
using SkiaSharp;

namespace Isop.Recognition.Tests;

/// <summary>
/// Test images that carry an EXIF orientation: the upright picture is stored transformed, and EXIF written here byte by
/// byte (TIFF header, IFD0 with tag 0x0112) says how to undo it, in a JPEG APP1 segment, a PNG eXIf chunk or a WebP
/// EXIF chunk.
/// </summary>
internal static class ExifImages
{
    public const ushort OrientationTag = 0x0112;
    private const ushort Short = 3;

    /// <summary>A picture with no symmetry: a mirrored or rotated copy hashes far from it.</summary>
    public static SKBitmap Upright(int width = 320, int height = 240)
    {
        var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        using var shade = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height / 3f),
            [SKColors.LightYellow, SKColors.SteelBlue], SKShaderTileMode.Clamp);
        using (var background = new SKPaint { Shader = shade }) canvas.DrawRect(0, 0, width, height, background);
        using var dark = new SKPaint { Color = SKColors.DarkRed, IsAntialias = true };
        using var light = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawCircle(width * 0.22f, height * 0.3f, height * 0.18f, dark);
        canvas.DrawRect(width * 0.55f, height * 0.6f, width * 0.35f, height * 0.12f, dark);
        using var wedge = new SKPath();
        wedge.MoveTo(width * 0.6f, height * 0.1f);
        wedge.LineTo(width * 0.95f, height * 0.15f);
        wedge.LineTo(width * 0.7f, height * 0.45f);
        wedge.Close();
        canvas.DrawPath(wedge, light);
        canvas.DrawRect(width * 0.08f, height * 0.7f, width * 0.1f, height * 0.25f, light);
        return bitmap;
    }

    /// <summary>
    /// The pixels a camera would store for <paramref name="orientation"/> (1–8): the stored pixel (sx, sy) is shown at
    /// the displayed position given here (EXIF 2.3, tag 0x0112: 1 identity, 2 mirror, 3 rotate 180, 4 flip, 5 transpose,
    /// 6 rotate 90 clockwise to show, 7 transverse, 8 rotate 270 clockwise to show).
    /// </summary>
    public static SKBitmap Stored(SKBitmap upright, int orientation)
    {
        var swap = orientation >= 5;
        var (sw, sh) = swap ? (upright.Height, upright.Width) : (upright.Width, upright.Height);
        var stored = new SKBitmap(sw, sh);
        for (var sy = 0; sy < sh; sy++)
        {
            for (var sx = 0; sx < sw; sx++)
            {
                var (dx, dy) = orientation switch
                {
                    1 => (sx, sy),
                    2 => (sw - 1 - sx, sy),
                    3 => (sw - 1 - sx, sh - 1 - sy),
                    4 => (sx, sh - 1 - sy),
                    5 => (sy, sx),
                    6 => (sh - 1 - sy, sx),
                    7 => (sh - 1 - sy, sw - 1 - sx),
                    8 => (sy, sw - 1 - sx),
                    _ => throw new ArgumentOutOfRangeException(nameof(orientation), orientation, "EXIF orientations are 1–8"),
                };
                stored.SetPixel(sx, sy, upright.GetPixel(dx, dy));
            }
        }
        return stored;
    }

    public static byte[] Jpeg(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 95).ToArray();
    }

    /// <summary>
    /// A TIFF stream as EXIF holds it: byte order ("II" little-endian, "MM" big-endian), 42, the offset of IFD0 (8), then
    /// IFD0 with one SHORT entry whose value sits left-justified in the 4-byte value field, and no next IFD.
    /// </summary>
    public static byte[] OrientationTiff(int orientation, bool bigEndian)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        (bigEndian ? "MM"u8 : "II"u8).CopyTo(tiff);
        void Write16(int at, ushort value)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), value); else BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), value);
        }
        void Write32(int at, uint value)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), value); else BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), value);
        }
        Write16(2, 42);
        Write32(4, 8);
        Write16(8, 1);
        Write16(10, OrientationTag);
        Write16(12, Short);
        Write32(14, 1);
        Write16(18, (ushort)orientation);
        return tiff;
    }

    /// <summary>An APP1 segment: FF E1, its length (big-endian, counting itself), "Exif\0\0" and the TIFF stream.</summary>
    public static byte[] App1(ReadOnlySpan<byte> tiff)
    {
        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), checked((ushort)(segment.Length - 2)));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return segment;
    }

    /// <summary>
    /// The JPEG with its APP1 segments (and, unless <paramref name="keepJfif"/>, its JFIF APP0) replaced by
    /// <paramref name="app1"/>, placed right after SOI as EXIF asks, or right after APP0 as JFIF writers place it.
    /// </summary>
    public static byte[] WithApp1(byte[] jpeg, byte[] app1, bool keepJfif = false)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw new ArgumentException("not a JPEG (no SOI)", nameof(jpeg));
        var output = new List<byte>(jpeg.Length + app1.Length) { 0xFF, 0xD8 };
        var position = 2;
        var placed = false;
        // Leading APPn segments: FF En, then a length that counts itself.
        while (position + 4 <= jpeg.Length && jpeg[position] == 0xFF && jpeg[position + 1] is >= 0xE0 and <= 0xEF)
        {
            var marker = jpeg[position + 1];
            var length = 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(position + 2));
            var segment = jpeg.AsSpan(position, length);
            if (marker == 0xE0 && keepJfif)
            {
                output.AddRange(segment);
                output.AddRange(app1);
                placed = true;
            }
            else if (marker != 0xE0 && marker != 0xE1)
            {
                output.AddRange(segment);
            }
            position += length;
        }
        if (!placed) output.InsertRange(2, app1);
        output.AddRange(jpeg.AsSpan(position));
        return [.. output];
    }

    /// <summary>The PNG with an eXIf chunk holding <paramref name="tiff"/> right after IHDR (it must come before IDAT).</summary>
    public static byte[] Png(SKBitmap bitmap, ReadOnlySpan<byte> tiff)
    {
        using var image = SKImage.FromBitmap(bitmap);
        var png = image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
        // Signature (8), then IHDR: length (4), type (4), 13 bytes, CRC (4).
        const int afterIhdr = 8 + 4 + 4 + 13 + 4;
        var chunk = new byte[12 + tiff.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)tiff.Length);
        "eXIf"u8.CopyTo(chunk.AsSpan(4));
        tiff.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + tiff.Length), Crc32(chunk.AsSpan(4, 4 + tiff.Length)));
        return [.. png.AsSpan(0, afterIhdr), .. chunk, .. png.AsSpan(afterIhdr)];
    }

    /// <summary>
    /// The WebP in the extended format with an EXIF chunk holding <paramref name="tiff"/>: a VP8X chunk (flags with the
    /// EXIF bit, canvas width and height less one in 24 bits each) before the image chunk, the EXIF chunk after it.
    /// </summary>
    public static byte[] Webp(SKBitmap bitmap, ReadOnlySpan<byte> tiff)
    {
        using var image = SKImage.FromBitmap(bitmap);
        var webp = image.Encode(SKEncodedImageFormat.Webp, 95).ToArray();
        if (webp.AsSpan(12, 4).SequenceEqual("VP8X"u8)) throw new InvalidOperationException("the encoder already wrote an extended WebP");
        var vp8x = new byte[8 + 10];
        "VP8X"u8.CopyTo(vp8x);
        BinaryPrimitives.WriteUInt32LittleEndian(vp8x.AsSpan(4), 10);
        vp8x[8] = 0x08;
        WriteUInt24LittleEndian(vp8x.AsSpan(12), bitmap.Width - 1);
        WriteUInt24LittleEndian(vp8x.AsSpan(15), bitmap.Height - 1);
        var exif = new byte[8 + tiff.Length + (tiff.Length & 1)];
        "EXIF"u8.CopyTo(exif);
        BinaryPrimitives.WriteUInt32LittleEndian(exif.AsSpan(4), (uint)tiff.Length);
        tiff.CopyTo(exif.AsSpan(8));
        byte[] output = [.. webp.AsSpan(0, 12), .. vp8x, .. webp.AsSpan(12), .. exif];
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(4), (uint)(output.Length - 8));
        return output;
    }

    private static void WriteUInt24LittleEndian(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309), bit by bit: enough for a test.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
