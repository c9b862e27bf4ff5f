using Isop.Access;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.Web;

namespace Isop.Pages.Platforms;

/// <summary>The platform forms of the UI, turned into the typed inputs the write service checks (the same rules as the API).</summary>
public static class PlatformForm
{
    /// <summary>The platform form: domains separated by commas, spaces or lines; kind and TLP by their names.</summary>
    public static PlatformInput Platform(string? name, string? kind, string? domains, string? tlp)
    {
        var errors = new Dictionary<string, string[]>();
        PlatformKind? platformKind = null;
        if (PlatformKinds.TryParse(kind, out var k)) platformKind = k;
        else errors["kind"] = [$"expected one of {string.Join(", ", PlatformKinds.Names)}"];
        var label = Tlp(tlp, errors);
        return new PlatformInput
        {
            Name = name ?? "",
            Kind = platformKind,
            Tlp = label,
            Domains = (domains ?? "").Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ReadErrors = errors,
        };
    }

    /// <summary>The monitor form: every field is on the form, lists one entry per line, an empty profile removes it.</summary>
    public static MonitorSettingsInput Monitor(bool enabled, int intervalMinutes, string? seeds, string? resolve, int delayMs, int perHost, int maxPages, int maxDepth, bool respectRobots, string? profile) => new()
    {
        Enabled = enabled, IntervalMinutes = intervalMinutes, Seeds = Lines(seeds), Resolve = Lines(resolve), DelayMs = delayMs, PerHost = perHost,
        MaxPages = maxPages, MaxDepth = maxDepth, RespectRobots = respectRobots, Profile = profile?.Trim() ?? "",
    };

    private static string[] Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A form's TLP field by its label; empty is none given, anything else a problem under "tlp".</summary>
    public static Tlp? Tlp(string? tlp, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(tlp)) return null;
        if (TlpLabels.TryParse(tlp, out var t)) return t;
        errors["tlp"] = [$"expected {TlpLabels.Expected}"];
        return null;
    }

    /// <summary>The write's problems as the page lists them ("field: problem").</summary>
    public static IEnumerable<string> Describe(InvalidInputException e) => e.Errors.Select(x => $"{x.Key}: {string.Join(" ", x.Value)}");
}
