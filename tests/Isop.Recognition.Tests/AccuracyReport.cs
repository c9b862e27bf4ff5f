namespace Isop.Recognition.Tests;

/// <summary>Prints a measurement per field with every miss, optionally to a file, and holds it to its floor.</summary>
internal static class AccuracyReport
{
    public static void Check(ITestOutputHelper output, ReleaseNameAccuracy.Result result, double floor, string reportVariable, string? allowedMisses = null)
    {
        var lines = new List<string> { $"overall {result.Accuracy:P2} ({result.Agreed}/{result.Checked})" };
        lines.AddRange(result.Fields.OrderBy(f => f.Key).Select(f => $"{f.Key,-12} {(double)f.Value.Agreed / f.Value.Checked:P1} ({f.Value.Agreed}/{f.Value.Checked})"));
        lines.AddRange(result.Misses);
        foreach (var line in lines) output.WriteLine(line);
        var report = Environment.GetEnvironmentVariable(reportVariable);
        if (!string.IsNullOrEmpty(report)) File.WriteAllLines(report, lines);
        Assert.True(result.Accuracy >= floor, $"accuracy {result.Accuracy:P2} fell below {floor:P0}");
        if (allowedMisses is null) return;
        var allowed = allowedMisses.Split(',').Select(x => x.Split('=')).ToDictionary(x => x[0], x => int.Parse(x[1], System.Globalization.CultureInfo.InvariantCulture));
        // Every field measured has its floor: a field new to the set needs one before it counts.
        Assert.Equal(allowed.Keys.Order(StringComparer.Ordinal), result.Fields.Keys.Order(StringComparer.Ordinal));
        foreach (var (field, (count, agreed)) in result.Fields)
            Assert.True(count - agreed <= allowed[field], $"{field}: {count - agreed} misses, {allowed[field]} measured");
    }
}
