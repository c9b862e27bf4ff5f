using Isop.Access;
using Isop.Platforms;

namespace Isop.Pages.Platforms;

/// <summary>The platform form of the UI, checked with the same rules as the API; problems name the field.</summary>
public static class PlatformForm
{
    public static (string Name, PlatformKind Kind, List<string> Domains, Tlp Tlp)? Read(string? name, string? kind, string? domains, string? tlp, Tlp fallback, List<string> errors)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 200) errors.Add("name: 1 to 200 characters");
        if (!PlatformsApi.TryParseKind(kind, out var platformKind)) errors.Add($"kind: expected one of {string.Join(", ", PlatformsApi.KindNamesList)}");
        var label = fallback;
        if (!string.IsNullOrEmpty(tlp) && !TlpLabels.TryParse(tlp, out label)) errors.Add($"tlp: expected {TlpLabels.Expected}");
        var hosts = new List<string>();
        foreach (var item in (domains ?? "").Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DomainNames.TryNormalise(item, out var host, out var problem)) errors.Add($"domains: {item}: {problem}");
            else if (!hosts.Contains(host)) hosts.Add(host);
        }
        return errors.Count == 0 ? (trimmed, platformKind, hosts, label) : null;
    }
}
