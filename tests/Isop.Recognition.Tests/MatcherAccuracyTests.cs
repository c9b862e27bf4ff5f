using System.Text.Json;
using Isop.Recognition.Matching;

namespace Isop.Recognition.Tests;

/// <summary>The labelled K-content sets: no wrong attribution, and no more misses than measured.</summary>
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
                w.TryGetProperty("aliases", out var a) ? a.EnumerateArray().Select(x => x.GetString()!).ToList() : [])
            {
                Seasons = w.TryGetProperty("seasons", out var seasons)
                    ? seasons.EnumerateArray().Select(x => new MatchableSeason(x.GetProperty("number").GetInt32(),
                        x.TryGetProperty("episodes", out var c) ? c.GetInt32() : null, x.TryGetProperty("year", out var sy) ? sy.GetInt32() : null,
                        x.TryGetProperty("titles", out var st) ? st.EnumerateArray().Select(t => (t.GetProperty("text").GetString()!, t.GetProperty("lang").GetString()!)).ToList() : [])).ToList()
                    : [],
            });
        }
        return new CatalogueMatcher(works);
    }

    [Fact]
    public void Matching_the_labelled_set_is_precise_first_and_finds_nearly_everything() =>
        Measure("kcontent-listings.tsv", "ISOP_MATCH_REPORT", allowedMisses: 0);

    /// <summary>
    /// Listings in styles the labelled set lacks, written apart from it and not tuned against: Korean torrent boards,
    /// fansub brackets, webtoon readers, 회/화/E numbering, Korean and English mixed, with unknown tags in the tail.
    /// </summary>
    [Fact]
    public void Matching_listings_in_new_styles_ignores_unknown_tail_tags_and_still_abstains_on_other_works() =>
        Measure("kcontent-listings-new-styles.tsv", "ISOP_MATCH_NEW_STYLES_REPORT", allowedMisses: 1);

    /// <summary>Written after the tail rule and its vocabulary, and measured once, untouched: the honest figure for unseen listings.</summary>
    [Fact]
    public void Matching_held_out_listings_meets_the_goal() =>
        Measure("kcontent-listings-held-out.tsv", "ISOP_MATCH_HELD_OUT_REPORT", allowedMisses: 0);

    /// <remarks>
    /// The floors are what is measured (docs/benchmarks.md): no listing attributed to a wrong work, and no more misses
    /// than measured, so that a change that loses one listing fails here instead of hiding under a percentage.
    /// </remarks>
    private void Measure(string listings, string reportVariable, int allowedMisses)
    {
        var matcher = LoadMatcher(Path.Combine(DataFolder, "kcontent-catalogue.json"));
        int truePositive = 0, falsePositive = 0, falseNegative = 0, trueNegative = 0;
        var report = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(DataFolder, listings)).Skip(1))
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
        var summary = $"precision {precision:P2}, recall {recall:P2} (TP {truePositive}, FP {falsePositive}, FN {falseNegative}, TN {trueNegative})";
        output.WriteLine(summary);
        foreach (var r in report) output.WriteLine(r);
        var file = Environment.GetEnvironmentVariable(reportVariable);
        if (!string.IsNullOrEmpty(file)) File.WriteAllLines(file, [summary, .. report]);
        Assert.True(falsePositive == 0, $"{falsePositive} listings attributed to a wrong work: {summary}");
        Assert.True(falseNegative <= allowedMisses, $"{falseNegative} protected listings missed (measured: {allowedMisses}): {summary}");
    }
}
