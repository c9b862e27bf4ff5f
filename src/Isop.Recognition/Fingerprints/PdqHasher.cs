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
            for (var i = 0; i < Dct; i++)
            {
                for (var j = 0; j < Dct; j++)
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

    /// <summary>Jarosz filter (box filter twice along rows and columns) sized to the image, then decimation to 64×64.</summary>
    private static float[] Downsample(ReadOnlySpan<float> luma, int width, int height)
    {
        var a = luma[..(width * height)].ToArray();
        var b = new float[a.Length];
        var windowAlongRows = WindowSize(width);
        var windowAlongCols = WindowSize(height);
        for (var rep = 0; rep < 2; rep++)
        {
            BoxRows(a, b, width, height, windowAlongRows);
            BoxCols(b, a, width, height, windowAlongCols);
        }
        var out64 = new float[Size * Size];
        for (var i = 0; i < Size; i++)
        {
            var y = (int)((i + 0.5) * height / Size);
            for (var j = 0; j < Size; j++)
            {
                var x = (int)((j + 0.5) * width / Size);
                out64[i * Size + j] = a[y * width + x];
            }
        }
        return out64;
    }

    private static int WindowSize(int dimension) => (dimension + 2 * Size - 1) / (2 * Size);

    /// <summary>A centred moving average of the given window; at the edges, of the samples that exist.</summary>
    private static void BoxRows(float[] input, float[] output, int width, int height, int window)
    {
        var half = (window + 2) / 2;
        for (var y = 0; y < height; y++) Box1D(input.AsSpan(y * width, width), output.AsSpan(y * width, width), 1, width, window, half);
    }

    /// <summary>The same moving average down the columns, kept as one running sum per column so memory is read row by row.</summary>
    private static void BoxCols(float[] input, float[] output, int width, int height, int window)
    {
        var half = (window + 2) / 2;
        var before = window - half;
        var after = half - 1;
        var sums = new float[width];
        var count = 0;
        var hi = -1;
        var lo = 0;
        for (var y = 0; y < height; y++)
        {
            while (hi < Math.Min(height - 1, y + after))
            {
                hi++;
                Add(sums, input.AsSpan(hi * width, width), 1f);
                count++;
            }
            while (lo < y - before)
            {
                Add(sums, input.AsSpan(lo * width, width), -1f);
                lo++;
                count--;
            }
            Scale(sums, 1f / count, output.AsSpan(y * width, width));
        }
    }

    /// <summary>sums += sign · row, a vector at a time.</summary>
    private static void Add(Span<float> sums, ReadOnlySpan<float> row, float sign)
    {
        var x = 0;
        var vs = System.Numerics.Vector<float>.Count;
        var s = new System.Numerics.Vector<float>(sign);
        for (; x + vs <= sums.Length; x += vs)
            (new System.Numerics.Vector<float>(sums[x..]) + s * new System.Numerics.Vector<float>(row[x..])).CopyTo(sums[x..]);
        for (; x < sums.Length; x++) sums[x] += sign * row[x];
    }

    private static void Scale(ReadOnlySpan<float> sums, float factor, Span<float> output)
    {
        var x = 0;
        var vs = System.Numerics.Vector<float>.Count;
        for (; x + vs <= sums.Length; x += vs) (new System.Numerics.Vector<float>(sums[x..]) * factor).CopyTo(output[x..]);
        for (; x < sums.Length; x++) output[x] = sums[x] * factor;
    }

    private static void Box1D(ReadOnlySpan<float> input, Span<float> output, int stride, int length, int window, int half)
    {
        // The window spans [i - (window - half), i + (half - 1)]: a running sum, no per-sample loop over the window.
        var before = window - half;
        var after = half - 1;
        float sum = 0;
        var count = 0;
        var inverse = 0f;
        var inverseOf = 0;
        var hi = -1;
        var lo = 0;
        for (var i = 0; i < length; i++)
        {
            while (hi < Math.Min(length - 1, i + after))
            {
                hi++;
                sum += input[hi];
                count++;
            }
            while (lo < i - before)
            {
                sum -= input[lo];
                lo++;
                count--;
            }
            // The window is full almost everywhere: one division per change of size, not per sample.
            if (count != inverseOf)
            {
                inverse = 1f / count;
                inverseOf = count;
            }
            output[i] = sum * inverse;
        }
    }

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
