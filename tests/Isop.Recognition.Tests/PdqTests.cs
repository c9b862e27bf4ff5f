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
