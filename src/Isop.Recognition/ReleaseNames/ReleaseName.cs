using System.Text.Json.Serialization;

namespace Isop.Recognition.ReleaseNames;

[JsonConverter(typeof(JsonStringEnumConverter<ReleaseKind>))]
public enum ReleaseKind
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("episode")] Episode,
    [JsonStringEnumMemberName("movie")] Movie,
    [JsonStringEnumMemberName("music")] Music,
    [JsonStringEnumMemberName("webtoon")] Webtoon,
}

/// <summary>What a release name, file name or listing title says about the thing it offers.</summary>
public sealed record ReleaseName
{
    public required string Input { get; init; }
    public string? Title { get; init; }
    public string? Artist { get; init; }
    public int? Year { get; init; }
    public int? Season { get; init; }
    public IReadOnlyList<int>? Episodes { get; init; }
    public IReadOnlyList<int>? AbsoluteEpisodes { get; init; }
    public DateOnly? AirDate { get; init; }
    public string? Resolution { get; init; }
    public string? Source { get; init; }
    public string? StreamingService { get; init; }
    public string? VideoCodec { get; init; }
    public string? AudioCodec { get; init; }
    public IReadOnlyList<string>? Languages { get; init; }
    public IReadOnlyList<string>? SubtitleLanguages { get; init; }
    public string? Edition { get; init; }
    public bool Proper { get; init; }
    public bool Repack { get; init; }
    public string? Container { get; init; }
    public string? Website { get; init; }
    public string? Group { get; init; }
    public ReleaseKind Kind { get; init; }
}
