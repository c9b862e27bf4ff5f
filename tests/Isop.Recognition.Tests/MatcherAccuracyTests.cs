using System.Text.Json;
using Isop.Recognition.Matching;

namespace Isop.Recognition.Tests;

/// <summary>The labelled K-content set: precision first (≥ 0.99), recall ≥ 0.95.</summary>
public sealed class MatcherAccuracyTests(ITestOutputHelper output)
{
    private static readonly string DataFolder = Path.Combine(AppContext.BaseDirectory, "Data");

    public static CatalogueMatcher LoadMatcher(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var works = new List<MatchableWork>();
        foreach (var w in doc.RootElement.GetProperty("works").EnumerateArray())
        {
            var kind = w.GetProperty("kind").GetString() switch
            {
                "film" => CatalogueKind.Film,
                "series" => CatalogueKind.Series,
                "music" => CatalogueKind.Music,
                _ => CatalogueKind.Webtoon,
            };
            works.Add(new MatchableWork(
                w.GetProperty("id").GetString()!, kind,
                w.TryGetProperty("year", out var y) ? y.GetInt32() : null,
                w.TryGetProperty("episodes", out var e) ? e.GetInt32() : null,
                w.GetProperty("titles").EnumerateArray().Select(t => (t.GetProperty("text").GetString()!, t.GetProperty("lang").GetString()!)).ToList(),
                w.TryGetProperty("aliases", out var a) ? a.EnumerateArray().Select(x => x.GetString()!).ToList() : []));
        }
        return new CatalogueMatcher(works);
    }

    [Fact]
    public void Matching_the_labelled_set_is_precise_first_and_finds_nearly_everything()
    {
        var matcher = LoadMatcher(Path.Combine(DataFolder, "kcontent-catalogue.json"));
        int truePositive = 0, falsePositive = 0, falseNegative = 0, trueNegative = 0;
        var report = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(DataFolder, "kcontent-listings.tsv")).Skip(1))
        {
            var tab = line.IndexOf('\t');
            var expected = line[..tab];
            var listing = line[(tab + 1)..];
            var result = matcher.Match(listing);
            var got = result.WorkId ?? "-";
            if (expected == "-" && got == "-") trueNegative++;
            else if (got == expected) truePositive++;
            else
            {
                if (got != "-") falsePositive++;
                if (expected != "-") falseNegative++;
                report.Add($"expected {expected}, got {got} ({result.Confidence}): {listing} — {string.Join("; ", result.Reasons)}");
            }
        }
        var precision = truePositive + falsePositive == 0 ? 1 : (double)truePositive / (truePositive + falsePositive);
        var recall = (double)truePositive / (truePositive + falseNegative);
        output.WriteLine($"precision {precision:P2}, recall {recall:P2} (TP {truePositive}, FP {falsePositive}, FN {falseNegative}, TN {trueNegative})");
        foreach (var r in report) output.WriteLine(r);
        var file = Environment.GetEnvironmentVariable("ISOP_MATCH_REPORT");
        if (!string.IsNullOrEmpty(file)) File.WriteAllLines(file, [$"precision {precision:P2}, recall {recall:P2} (TP {truePositive}, FP {falsePositive}, FN {falseNegative}, TN {trueNegative})", .. report]);
        Assert.True(precision >= 0.99, $"precision {precision:P2}");
        Assert.True(recall >= 0.95, $"recall {recall:P2}");
    }
}
