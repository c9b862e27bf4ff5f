namespace Isop.Recognition.Fingerprints;

/// <summary>The PDQ hash of one video frame, taken at a whole second.</summary>
public readonly record struct FrameHash(int Second, Hash256 Hash, int Quality);

/// <summary>Video-to-video similarity as the share of frames that find a match in the other video.</summary>
public readonly record struct VideoSimilarity(double QueryShare, double TargetShare);

/// <summary>
/// Video PDQ (the vPDQ approach): a PDQ hash per sampled frame; two videos are similar in the share of each one's
/// good frames (quality at least 50) that lie within the match distance of some good frame of the other.
/// </summary>
public static class VideoPdq
{
    public const int MinQuality = 50;

    /// <summary>Hashes an RGB24 frame (row-major, 3 bytes a pixel).</summary>
    public static FrameHash HashFrame(ReadOnlySpan<byte> rgb, int width, int height, int second)
    {
        if (rgb.Length < width * height * 3) throw new ArgumentException("the frame is smaller than width × height × 3", nameof(rgb));
        var luma = new float[width * height];
        for (var p = 0; p < luma.Length; p++) luma[p] = 0.299f * rgb[3 * p] + 0.587f * rgb[3 * p + 1] + 0.114f * rgb[3 * p + 2];
        var hash = PdqHasher.Hash(luma, width, height);
        return new FrameHash(second, hash.Hash, hash.Quality);
    }

    public static VideoSimilarity Similarity(IReadOnlyList<FrameHash> query, IReadOnlyList<FrameHash> target, int radius = HammingIndex.DefaultRadius)
    {
        var q = query.Where(f => f.Quality >= MinQuality).ToList();
        var t = target.Where(f => f.Quality >= MinQuality).ToList();
        if (q.Count == 0 || t.Count == 0) return new VideoSimilarity(0, 0);
        static double Share(List<FrameHash> from, List<FrameHash> to, int radius) =>
            (double)from.Count(f => to.Any(g => f.Hash.Distance(g.Hash) <= radius)) / from.Count;
        return new VideoSimilarity(Share(q, t, radius), Share(t, q, radius));
    }
}
