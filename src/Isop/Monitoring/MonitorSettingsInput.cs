using System.Text.Json;
using Isop.Crawling;
using Isop.Crawling.Extraction;
using Isop.Crawling.Fetching;
using Isop.Web;

namespace Isop.Monitoring;

/// <summary>
/// How a caller asks for a platform to be monitored, from any surface. A null field is one not given: it keeps its
/// current (or default) value. An empty <see cref="Profile"/> removes the profile.
/// </summary>
public sealed record MonitorSettingsInput
{
    public bool? Enabled { get; init; }
    public int? IntervalMinutes { get; init; }
    public IReadOnlyList<string>? Seeds { get; init; }
    public int? MaxPages { get; init; }
    public int? MaxDepth { get; init; }
    public int? DelayMs { get; init; }
    public int? PerHost { get; init; }
    public bool? RespectRobots { get; init; }
    public string? Profile { get; init; }
    public IReadOnlyList<string>? Resolve { get; init; }

    /// <summary>Problems found while reading the request (wrong types, unknown fields): reported by <see cref="Validate"/>, after access is checked.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string[]> ReadErrors { get; init; } = new Dictionary<string, string[]>();

    public static readonly (int Min, int Max) IntervalRange = (5, 43_200), PagesRange = (1, 100_000), DepthRange = (0, 50), DelayRange = (0, 60_000), PerHostRange = (1, 16);
    private const int MaxEntries = 200;

    /// <summary>
    /// Checks the settings field by field; resolve entries that lead to private addresses are refused unless the server
    /// allows them (<paramref name="allowPrivateResolve"/>). Returns the input with its lists trimmed, or null.
    /// </summary>
    public MonitorSettingsInput? Validate(bool allowPrivateResolve, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        Range("intervalMinutes", IntervalMinutes, IntervalRange, errors);
        Range("maxPages", MaxPages, PagesRange, errors);
        Range("maxDepth", MaxDepth, DepthRange, errors);
        Range("delayMs", DelayMs, DelayRange, errors);
        Range("perHost", PerHost, PerHostRange, errors);
        var seeds = Trimmed(Seeds, "seeds", errors);
        for (var i = 0; i < (seeds?.Count ?? 0); i++)
            if (Urls.Resolve(seeds![i], null, out var problem) is null) errors[$"seeds[{i}]"] = [problem!];
        var resolve = Trimmed(Resolve, "resolve", errors);
        for (var i = 0; i < (resolve?.Count ?? 0); i++)
        {
            try { ResolveMap.Parse([resolve![i]]); }
            catch (FormatException e) { errors[$"resolve[{i}]"] = [e.Message]; continue; }
            if (!allowPrivateResolve && ResolvePermission.Needed(resolve[i]) is { } needed) errors[$"resolve[{i}]"] = [needed];
        }
        if (!string.IsNullOrEmpty(Profile))
        {
            try { ExtractionProfile.Parse(Profile); }
            catch (ProfileException e) { errors["profile"] = [e.Message]; }
        }
        // What reading found is the more precise account of a field (a NUL character, not "required").
        foreach (var (field, problems) in ReadErrors) errors[field] = problems;
        return errors.Count > before ? null : this with { Seeds = seeds, Resolve = resolve };
    }

    /// <summary>Applies validated settings to a platform's monitor.</summary>
    public void ApplyTo(PlatformMonitor monitor)
    {
        if (Enabled is { } enabled) monitor.Enabled = enabled;
        if (IntervalMinutes is { } interval) monitor.IntervalMinutes = interval;
        if (MaxPages is { } pages) monitor.MaxPages = pages;
        if (MaxDepth is { } depth) monitor.MaxDepth = depth;
        if (DelayMs is { } delay) monitor.DelayMs = delay;
        if (PerHost is { } perHost) monitor.PerHost = perHost;
        if (RespectRobots is { } robots) monitor.RespectRobots = robots;
        if (Seeds is not null) monitor.Seeds = string.Join('\n', Seeds);
        if (Resolve is not null) monitor.Resolve = string.Join('\n', Resolve);
        if (Profile is not null) monitor.Profile = Profile.Length == 0 ? null : Profile;
    }

    private static void Range(string field, int? value, (int Min, int Max) range, Dictionary<string, string[]> errors)
    {
        if (value is { } v && (v < range.Min || v > range.Max)) errors[field] = [$"expected a whole number from {range.Min} to {range.Max}, got {v}"];
    }

    private static List<string>? Trimmed(IReadOnlyList<string>? lines, string field, Dictionary<string, string[]> errors)
    {
        if (lines is null) return null;
        var list = lines.Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
        if (list.Count > MaxEntries) errors[field] = [$"at most {MaxEntries} entries"];
        return list;
    }

    private static readonly string[] Fields = ["enabled", "intervalMinutes", "seeds", "maxPages", "maxDepth", "delayMs", "perHost", "respectRobots", "profile", "resolve"];

    /// <summary>Reads the API's JSON body: unknown fields and values of the wrong type are errors naming the field.</summary>
    public static MonitorSettingsInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["expected a monitor object"];
            return new MonitorSettingsInput { ReadErrors = errors };
        }
        JsonFields.RejectUnknown(body, Fields, errors);
        string? profile = null;
        if (body.TryGetProperty("profile", out var p))
            // A profile is given as a JSON string or as the profile object itself; null removes it.
            profile = p.ValueKind switch { JsonValueKind.Null => "", JsonValueKind.String => p.GetString()!, _ => p.GetRawText() };
        return new MonitorSettingsInput
        {
            Enabled = JsonFields.Bool(body, "enabled", errors),
            IntervalMinutes = JsonFields.Int(body, "intervalMinutes", IntervalRange.Min, IntervalRange.Max, errors),
            MaxPages = JsonFields.Int(body, "maxPages", PagesRange.Min, PagesRange.Max, errors),
            MaxDepth = JsonFields.Int(body, "maxDepth", DepthRange.Min, DepthRange.Max, errors),
            DelayMs = JsonFields.Int(body, "delayMs", DelayRange.Min, DelayRange.Max, errors),
            PerHost = JsonFields.Int(body, "perHost", PerHostRange.Min, PerHostRange.Max, errors),
            RespectRobots = JsonFields.Bool(body, "respectRobots", errors),
            Seeds = JsonFields.Strings(body, "seeds", errors),
            Resolve = JsonFields.Strings(body, "resolve", errors),
            Profile = profile,
            ReadErrors = errors,
        };
    }
}
