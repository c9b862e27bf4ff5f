using System.Globalization;
using System.Text;
using System.Text.Json;
using Isop.Recognition.ReleaseNames;

namespace Isop.Recognition.Tests;

/// <summary>Per-field agreement with the expectations of other projects' test suites (guessit, Sonarr, Radarr).</summary>
public static class ReleaseNameAccuracy
{
    public sealed record Result(int Checked, int Agreed, IReadOnlyDictionary<string, (int Checked, int Agreed)> Fields, IReadOnlyList<string> Misses)
    {
        public double Accuracy => Checked == 0 ? 0 : (double)Agreed / Checked;
    }

    /// <summary>Which rows of a set to measure: all, or one half by line parity (a held-out half checks generalisation).</summary>
    public enum Rows { All, Even, Odd }

    public static Result Measure(string path, Rows rows = Rows.All)
    {
        var fields = new Dictionary<string, (int, int)>();
        var misses = new List<string>();
        int total = 0, agreed = 0, row = -1;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            row++;
            if ((rows == Rows.Even && row % 2 != 0) || (rows == Rows.Odd && row % 2 == 0)) continue;
            using var doc = JsonDocument.Parse(line);
            var input = doc.RootElement.GetProperty("input").GetString()!;
            var parsed = ReleaseNameParser.Parse(input);
            foreach (var expected in doc.RootElement.GetProperty("expect").EnumerateObject())
            {
                var ok = Agrees(expected.Name, expected.Value, parsed, out var actual);
                total++;
                var (c, a) = fields.GetValueOrDefault(expected.Name);
                fields[expected.Name] = (c + 1, a + (ok ? 1 : 0));
                if (ok) agreed++;
                else misses.Add($"{expected.Name}: expected {expected.Value.GetRawText()}, got {actual}   <- {input}");
            }
        }
        return new Result(total, agreed, fields, misses);
    }

    private static bool Agrees(string field, JsonElement expected, ReleaseName parsed, out string actual)
    {
        switch (field)
        {
            case "title":
                actual = parsed.Title ?? "null";
                return TitleAgrees(expected.GetString()!, parsed);
            case "airDate":
                actual = parsed.AirDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "null";
                return actual == expected.GetString();
            case "year":
                actual = parsed.Year?.ToString(CultureInfo.InvariantCulture) ?? "null";
                return parsed.Year == expected.GetInt32();
            case "season":
                actual = parsed.Season?.ToString(CultureInfo.InvariantCulture) ?? "null";
                return parsed.Season == expected.GetInt32();
            case "episodes":
                actual = parsed.Episodes is null ? "null" : "[" + string.Join(",", parsed.Episodes) + "]";
                return parsed.Episodes is not null && parsed.Episodes.SequenceEqual(expected.EnumerateArray().Select(e => e.GetInt32()));
            case "kind":
                actual = parsed.Kind.ToString().ToLowerInvariant();
                return actual == expected.GetString();
            default:
                actual = field switch
                {
                    "resolution" => parsed.Resolution,
                    "source" => parsed.Source,
                    "videoCodec" => parsed.VideoCodec,
                    "group" => parsed.Group,
                    _ => null,
                } ?? "null";
                // An expected null means the name holds no such thing.
                return expected.ValueKind == JsonValueKind.Null ? actual == "null" : actual == expected.GetString();
        }
    }

    /// <summary>
    /// An empty expected title means the name holds none; Sonarr keeps a year in the series title
    /// ("Series Title 2010"), which a parser that gives it apart in the year gets right too.
    /// </summary>
    private static bool TitleAgrees(string expected, ReleaseName parsed)
    {
        var want = Fold(expected);
        if (want.Length == 0) return parsed.Title is null;
        if (parsed.Title is null) return false;
        var got = Fold(parsed.Title);
        if (got == want) return true;
        return parsed.Year is { } year && Fold(parsed.Title + " " + year.ToString(CultureInfo.InvariantCulture)) == want;
    }

    /// <summary>Case-insensitive, punctuation folded away, spaces collapsed.</summary>
    public static string Fold(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
            else if (char.IsWhiteSpace(c) && sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
        }
        return sb.ToString().Trim();
    }
}
