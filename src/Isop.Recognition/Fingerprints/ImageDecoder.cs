using SkiaSharp;

namespace Isop.Recognition.Fingerprints;

/// <summary>An image that could not be hashed, and why.</summary>
public sealed class ImageDecodeException(string message) : Exception(message);

/// <summary>
/// Decodes JPEG, PNG, WebP, GIF and BMP (any colour mode) to luminance, with the EXIF orientation applied. Large
/// JPEGs are decoded at a reduced scale by the codec itself (the hash only needs 64×64 after filtering); images
/// that claim absurd sizes are refused before any pixel memory is taken.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decoding stops above this many pixels (a 50,000×50,000 header is refused, not allocated).</summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>Images are decoded no smaller than this on their longer side where the codec can scale (1024 keeps every reference image within 10 bits).</summary>
    public const int TargetSize = 1024;

    public static (float[] Luma, int Width, int Height) DecodeLuma(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length == 0) throw new ImageDecodeException("the file is empty");
        using var data = SKData.CreateCopy(encoded);
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
        {
            throw new ImageDecodeException(result switch
            {
                SKCodecResult.Unimplemented => "not an image format Isop reads (JPEG, PNG, WebP, GIF, BMP)",
                SKCodecResult.IncompleteInput => "the image data is truncated",
                _ => $"not a readable image ({result})",
            });
        }
        var info = codec.Info;
        if (info.Width < 1 || info.Height < 1) throw new ImageDecodeException("the image has no pixels");
        if ((long)info.Width * info.Height > MaxPixels)
            throw new ImageDecodeException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the image claims {info.Width}×{info.Height} pixels, more than the {MaxPixels:N0} Isop decodes"));

        // Let the codec scale down (JPEG decodes at 1/2, 1/4, 1/8 for a fraction of the cost).
        var scale = Math.Min(1f, (float)TargetSize / Math.Max(info.Width, info.Height));
        var size = scale < 1f ? codec.GetScaledDimensions(scale) : new SKSizeI(info.Width, info.Height);
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(target);
        var status = codec.GetPixels(target, bitmap.GetPixels());
        if (status == SKCodecResult.IncompleteInput) throw new ImageDecodeException("the image data is truncated");
        if (status != SKCodecResult.Success)
        {
            // Some codecs cannot scale: decode at full size instead.
            target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var full = new SKBitmap(target);
            status = codec.GetPixels(target, full.GetPixels());
            if (status == SKCodecResult.IncompleteInput) throw new ImageDecodeException("the image data is truncated");
            if (status != SKCodecResult.Success) throw new ImageDecodeException($"the image data is corrupt ({status})");
            return Orient(Luma(full), full.Width, full.Height, Origin(encoded, codec));
        }
        return Orient(Luma(bitmap), bitmap.Width, bitmap.Height, Origin(encoded, codec));
    }

    /// <summary>Y = 0.299 R + 0.587 G + 0.114 B; transparent pixels read as white, as on a page.</summary>
    private static float[] Luma(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        var luma = new float[bitmap.Width * bitmap.Height];
        for (var p = 0; p < luma.Length; p++)
        {
            var r = pixels[p * 4];
            var g = pixels[p * 4 + 1];
            var b = pixels[p * 4 + 2];
            var a = pixels[p * 4 + 3] / 255f;
            var y = 0.299f * r + 0.587f * g + 0.114f * b;
            luma[p] = y * a + 255f * (1 - a);
        }
        return luma;
    }

    /// <summary>
    /// Isop's strict reading of the EXIF orientation (JPEG, PNG eXIf, WebP); Skia's only for a container that holds no
    /// EXIF Isop reads.
    /// </summary>
    private static SKEncodedOrigin Origin(ReadOnlySpan<byte> encoded, SKCodec codec)
    {
        var (outcome, origin) = ExifOrientation.Read(encoded);
        return outcome == ExifOrientation.Outcome.Absent ? codec.EncodedOrigin : origin;
    }

    /// <summary>Applies the EXIF orientation, so a photo is hashed the way it is shown.</summary>
    private static (float[] Luma, int Width, int Height) Orient(float[] luma, int width, int height, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return (luma, width, height);
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (height, width) : (width, height);
        var output = new float[luma.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                // Where the displayed pixel (x, y) is stored.
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (width - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (width - 1 - x, height - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, height - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, height - 1 - x),
                    SKEncodedOrigin.RightBottom => (width - 1 - y, height - 1 - x),
                    SKEncodedOrigin.LeftBottom => (width - 1 - y, x),
                    _ => (x, y),
                };
                output[y * w + x] = luma[sy * width + sx];
            }
        }
        return (output, w, h);
    }
}
