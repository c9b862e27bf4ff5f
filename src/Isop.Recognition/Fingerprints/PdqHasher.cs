namespace Isop.Recognition.Fingerprints;

/// <summary>A PDQ hash and its quality (0–100; below 50 the hash says little).</summary>
public readonly record struct PdqHash(Hash256 Hash, int Quality);

/// <summary>
/// PDQ (Meta's perceptual hash, as published): luminance, two passes of a Jarosz box filter sized to the image,
/// decimation to 64×64, the 16×16 low-frequency block of a 2-D DCT (DC excluded), and one bit per coefficient
/// above the median. The eight dihedral variants (rotations, mirrors) come from the same DCT by sign changes and a
/// transpose. Quality is the image's mean gradient, on the 64×64 buffer.
/// </summary>
public static class PdqHasher
{
    private const int Size = 64;
    private const int Dct = 16;

    // The 16×64 DCT-II rows for frequencies 1..16, scaled as in the published algorithm.
    private static readonly float[] DctMatrix = BuildDct();

    private static float[] BuildDct()
    {
        var m = new float[Dct * Size];
        var scale = MathF.Sqrt(2f / Size);
        for (var i = 0; i < Dct; i++)
        {
            for (var j = 0; j < Size; j++)
                m[i * Size + j] = scale * MathF.Cos(MathF.PI / 2 / Size * (i + 1) * (2 * j + 1));
        }
        return m;
    }

    /// <summary>Hashes a luminance image (row-major, values 0–255).</summary>
    public static PdqHash Hash(ReadOnlySpan<float> luma, int width, int height) => HashAll(luma, width, height, dihedral: false)[0];

    /// <summary>
    /// The hash of the image and of its seven other dihedral variants, in the order of the reference test images:
    /// original, rotated 90°, 180°, 270°, mirrored about the x axis, about the y axis, about each diagonal.
    /// </summary>
    public static PdqHash[] HashDihedral(ReadOnlySpan<float> luma, int width, int height) => HashAll(luma, width, height, dihedral: true);

    private static PdqHash[] HashAll(ReadOnlySpan<float> luma, int width, int height, bool dihedral)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (luma.Length < (long)width * height) throw new ArgumentException("the luminance buffer is smaller than width × height", nameof(luma));

        var buffer = Downsample(luma, width, height);
        var quality = Quality(buffer);
        var coefficients = Dct16(buffer);
        if (!dihedral) return [new PdqHash(Bits(coefficients), quality)];

        var results = new PdqHash[8];
        var variant = new float[Dct * Dct];
        for (var v = 0; v < 8; v++)
        {
            // Frequency k = index + 1: mirroring an axis multiplies its coefficients by (-1)^k; rotating transposes.
            var (si, sj, transpose) = v switch
            {
                0 => (false, false, false), // original
                1 => (true, false, true),   // rotate 90
                2 => (true, true, false),   // rotate 180
                3 => (false, true, true),   // rotate 270
                4 => (true, false, false),  // flip x: mirror about the x axis (top and bottom swap)
                5 => (false, true, false),  // flip y: mirror about the y axis (left and right swap)
                6 => (false, false, true),  // flip about the main diagonal
                _ => (true, true, true),    // flip about the other diagonal
            };
            for (var i = 0; i < Dct; i++)
            {
                for (var j = 0; j < Dct; j++)
                {
                    var (a, b) = transpose ? (j, i) : (i, j);
                    var value = coefficients[a * Dct + b];
                    if (si && (i & 1) == 0) value = -value;
                    if (sj && (j & 1) == 0) value = -value;
                    variant[i * Dct + j] = value;
                }
            }
            results[v] = new PdqHash(Bits(variant), quality);
        }
        return results;
    }

    /// <summary>
    /// The Jarosz filter (a box filter applied twice along rows and twice along columns, sized to the image) followed
    /// by decimation to 64×64. Only 64×64 filtered values are kept, and the filter is linear and separable, so each
    /// kept value is computed directly as a small weighted sum: the weights of the twice-applied box filter (edges
    /// included, where its window shrinks) for each of the 64 sample positions of an axis, cached per image size.
    /// </summary>
    private static float[] Downsample(ReadOnlySpan<float> luma, int width, int height)
    {
        var columns = Weights(width);
        var rows = Weights(height);
        // T: every row needed, filtered horizontally at the 64 column samples.
        var rowFrom = rows.Start[0];
        var rowTo = rows.Start[Size - 1] + rows.Values[Size - 1].Length;
        var t = new float[(rowTo - rowFrom) * Size];
        for (var y = rowFrom; y < rowTo; y++)
        {
            var line = luma.Slice(y * width, width);
            var target = t.AsSpan((y - rowFrom) * Size, Size);
            for (var c = 0; c < Size; c++) target[c] = Dot(line.Slice(columns.Start[c], columns.Values[c].Length), columns.Values[c]);
        }
        var out64 = new float[Size * Size];
        for (var r = 0; r < Size; r++)
        {
            var weights = rows.Values[r];
            var start = rows.Start[r] - rowFrom;
            var target = out64.AsSpan(r * Size, Size);
            for (var k = 0; k < weights.Length; k++)
            {
                var source = t.AsSpan((start + k) * Size, Size);
                var wk = weights[k];
                for (var c = 0; c < Size; c++) target[c] += wk * source[c];
            }
        }
        return out64;
    }

    private static float Dot(ReadOnlySpan<float> a, float[] b)
    {
        float sum = 0;
        for (var k = 0; k < b.Length; k++) sum += a[k] * b[k];
        return sum;
    }

    private sealed record AxisWeights(int[] Start, float[][] Values);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, AxisWeights> WeightCache = new();

    /// <summary>
    /// For each of the 64 samples of an axis of length n, the weights of the inputs in the twice-applied box filter:
    /// weight(k) = Σ over the first window's positions j of 1 / (|window(s)| · |window(j)|), for k in window(j).
    /// </summary>
    private static AxisWeights Weights(int n) => WeightCache.GetOrAdd(n, static n =>
    {
        var window = WindowSize(n);
        var half = (window + 2) / 2;
        var before = window - half;
        var after = half - 1;
        (int Lo, int Hi) Span(int j) => (Math.Max(0, j - before), Math.Min(n - 1, j + after));
        var starts = new int[Size];
        var values = new float[Size][];
        for (var i = 0; i < Size; i++)
        {
            var s = (int)((i + 0.5) * n / Size);
            var (lo, hi) = Span(s);
            var from = Math.Max(0, lo - before);
            var to = Math.Min(n - 1, hi + after);
            var w = new double[to - from + 1];
            double cs = hi - lo + 1;
            for (var j = lo; j <= hi; j++)
            {
                var (jl, jh) = Span(j);
                double cj = jh - jl + 1;
                for (var k = jl; k <= jh; k++) w[k - from] += 1 / (cs * cj);
            }
            starts[i] = from;
            values[i] = w.Select(x => (float)x).ToArray();
        }
        return new AxisWeights(starts, values);
    });

    private static int WindowSize(int dimension) => (dimension + 2 * Size - 1) / (2 * Size);

    private static float[] Dct16(float[] buffer)
    {
        // T = D·A (16×64), then B = T·Dᵀ (16×16)
        var t = new float[Dct * Size];
        for (var i = 0; i < Dct; i++)
        {
            for (var j = 0; j < Size; j++)
            {
                float s = 0;
                for (var k = 0; k < Size; k++) s += DctMatrix[i * Size + k] * buffer[k * Size + j];
                t[i * Size + j] = s;
            }
        }
        var b = new float[Dct * Dct];
        for (var i = 0; i < Dct; i++)
        {
            for (var j = 0; j < Dct; j++)
            {
                float s = 0;
                for (var k = 0; k < Size; k++) s += t[i * Size + k] * DctMatrix[j * Size + k];
                b[i * Dct + j] = s;
            }
        }
        return b;
    }

    /// <summary>One bit per coefficient above the median; bit 0 of the hash is the coefficient at (0,0).</summary>
    private static Hash256 Bits(float[] coefficients)
    {
        var sorted = (float[])coefficients.Clone();
        Array.Sort(sorted);
        var median = sorted[Dct * Dct / 2 - 1]; // the lower median, as the published implementations take it
        Span<ulong> words = stackalloc ulong[4];
        for (var k = 0; k < Dct * Dct; k++)
        {
            if (coefficients[k] > median) words[3 - k / 64] |= 1UL << (k % 64);
        }
        return new Hash256(words[0], words[1], words[2], words[3]);
    }

    /// <summary>The sum of absolute neighbour differences on the 64×64 buffer, in percent of full range, over 90, at most 100.</summary>
    private static int Quality(float[] buffer)
    {
        var sum = 0;
        for (var i = 0; i < Size - 1; i++)
        {
            for (var j = 0; j < Size; j++) sum += (int)MathF.Abs((buffer[i * Size + j] - buffer[(i + 1) * Size + j]) * 100 / 255);
        }
        for (var i = 0; i < Size; i++)
        {
            for (var j = 0; j < Size - 1; j++) sum += (int)MathF.Abs((buffer[i * Size + j] - buffer[i * Size + j + 1]) * 100 / 255);
        }
        return Math.Min(100, sum / 90);
    }
}
