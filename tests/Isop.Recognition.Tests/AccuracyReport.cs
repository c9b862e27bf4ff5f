namespace Isop.Recognition.Tests;

/// <summary>Prints a measurement per field with every miss, optionally to a file, and holds it to its floor.</summary>
internal static class AccuracyReport
{
    public static void Check(ITestOutputHelper output, ReleaseNameAccuracy.Result result, double floor, string reportVariable)
    {
        var lines = new List<string> { $"overall {result.Accuracy:P2} ({result.Agreed}/{result.Checked})" };
        lines.AddRange(result.Fields.OrderBy(f => f.Key).Select(f => $"{f.Key,-12} {(double)f.Value.Agreed / f.Value.Checked:P1} ({f.Value.Agreed}/{f.Value.Checked})"));
        lines.AddRange(result.Misses);
        foreach (var line in lines) output.WriteLine(line);
        var report = Environment.GetEnvironmentVariable(reportVariable);
        if (!string.IsNullOrEmpty(report)) File.WriteAllLines(report, lines);
        Assert.True(result.Accuracy >= floor, $"accuracy {result.Accuracy:P2} fell below {floor:P0}");
    }
}
