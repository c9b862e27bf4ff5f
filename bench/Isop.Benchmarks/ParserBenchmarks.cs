using BenchmarkDotNet.Attributes;
using Isop.Recognition.ReleaseNames;

namespace Isop.Benchmarks;

/// <summary>The release-name parser on real names of every style (scene, P2P, fansub, paths, Korean rips).</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private static readonly string[] Names =
    [
        "Queen.of.Tears.E05.240316.720p-NEXT",
        "The.Simpsons.S24E03.Adventures.in.Baby-Getting.720p.WEB-DL.DD5.1.H.264-CtrlHD.mkv",
        "[SubsPlease] Solo Leveling - 05 (1080p) [A1B2C3D4].mkv",
        "Series/Crash Landing on You/Season 1/Crash.Landing.on.You.S01E05.1080p.NF.WEB-DL.DDP2.0.x264-AppleTor.mkv",
        "Parasite.2019.KOREAN.1080p.BluRay.x264.DTS-FGT",
        "나 혼자만 레벨업 110화",
        "IU - LILAC (2021) [FLAC]",
        "Movies/Alice in Wonderland DVDRip.XviD-DiAMOND/dmd-aw.avi",
    ];

    [Benchmark(OperationsPerInvoke = 8)]
    public int ParseEight()
    {
        var n = 0;
        foreach (var name in Names) n += ReleaseNameParser.Parse(name).Title?.Length ?? 0;
        return n;
    }
}
