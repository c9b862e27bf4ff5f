using BenchmarkDotNet.Attributes;
using Isop.Recognition.Fingerprints;

namespace Isop.Benchmarks;

/// <summary>PDQ on a decoded 512×512 luminance image, and a Hamming-index search on a 1M random bank.</summary>
[MemoryDiagnoser]
public class FingerprintBenchmarks
{
    private readonly float[] _luma = new float[512 * 512];
    private readonly HammingIndex _index = new();
    private Hash256 _query;

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(1);
        for (var i = 0; i < _luma.Length; i++) _luma[i] = (float)(128 + 100 * Math.Sin(i % 512 / 17.0) * Math.Cos(i / 512 / 23.0) + r.Next(20));
        Hash256 Next() => new((ulong)r.NextInt64(), (ulong)r.NextInt64(), (ulong)r.NextInt64(), (ulong)r.NextInt64());
        for (var i = 0; i < 1_000_000; i++) _index.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Next());
        _index.Build();
        _query = Next();
    }

    [Benchmark]
    public PdqHash Pdq512() => PdqHasher.Hash(_luma, 512, 512);

    [Benchmark]
    public int SearchRadius31In1M() => _index.Search(_query, 31).Count;
}
