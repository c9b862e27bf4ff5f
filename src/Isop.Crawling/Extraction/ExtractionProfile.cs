using System.Text.Json;
using System.Text.Json.Serialization;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace Isop.Crawling.Extraction;

public sealed class ProfileException(string message) : Exception(message);

/// <summary>
/// An analyst's CSS selectors for a platform whose listings the generic structure finder misses. Only
/// <see cref="Item"/> is required; the other selectors are read inside each item.
/// </summary>
public sealed record ExtractionProfile
{
    public string? Name { get; init; }
    public required string Item { get; init; }
    public string? Title { get; init; }
    public string? Link { get; init; }
    public string? Magnet { get; init; }
    public string? Torrent { get; init; }
    public string? Download { get; init; }
    public string? Stream { get; init; }
    public string? Date { get; init; }
    public string? Size { get; init; }
    public Dictionary<string, string> Counters { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a profile and checks every selector; the error names the field and the problem.</summary>
    public static ExtractionProfile Parse(string json)
    {
        ExtractionProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<ExtractionProfile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ProfileException($"profile: {e.Message}");
        }
        if (profile is null) throw new ProfileException("profile: expected a JSON object");
        foreach (var (field, selector) in profile.Selectors())
        {
            if (string.IsNullOrWhiteSpace(selector)) throw new ProfileException($"profile field '{field}': empty selector");
            if (new CssSelectorParser().ParseSelector(selector) is null)
                throw new ProfileException($"profile field '{field}': '{selector}' is not a valid CSS selector");
        }
        return profile;
    }

    public IEnumerable<(string Field, string? Selector)> Selectors()
    {
        yield return ("item", Item);
        foreach (var (field, value) in new[] { ("title", Title), ("link", Link), ("magnet", Magnet), ("torrent", Torrent), ("download", Download), ("stream", Stream), ("date", Date), ("size", Size) })
            if (value is not null) yield return (field, value);
        foreach (var (name, value) in Counters) yield return ($"counters.{name}", value);
    }

    internal static IElement? First(IElement scope, string? selector) => selector is null ? null : scope.QuerySelector(selector);
}
