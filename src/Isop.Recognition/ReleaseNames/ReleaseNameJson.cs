using System.Globalization;
using System.Text.Json;

namespace Isop.Recognition.ReleaseNames;

/// <summary>One JSON object per name: camelCase fields, absent ones omitted, the input first.</summary>
public static class ReleaseNameJson
{
    public static void Write(Utf8JsonWriter w, ReleaseName r)
    {
        w.WriteStartObject();
        w.WriteString("input", r.Input);
        if (r.Title is not null) w.WriteString("title", r.Title);
        if (r.Artist is not null) w.WriteString("artist", r.Artist);
        if (r.Year is { } year) w.WriteNumber("year", year);
        if (r.Season is { } season) w.WriteNumber("season", season);
        Numbers(w, "episodes", r.Episodes);
        Numbers(w, "absoluteEpisodes", r.AbsoluteEpisodes);
        if (r.AirDate is { } aired) w.WriteString("airDate", aired.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (r.Resolution is not null) w.WriteString("resolution", r.Resolution);
        if (r.Source is not null) w.WriteString("source", r.Source);
        if (r.StreamingService is not null) w.WriteString("streamingService", r.StreamingService);
        if (r.VideoCodec is not null) w.WriteString("videoCodec", r.VideoCodec);
        if (r.AudioCodec is not null) w.WriteString("audioCodec", r.AudioCodec);
        Strings(w, "languages", r.Languages);
        Strings(w, "subtitleLanguages", r.SubtitleLanguages);
        if (r.Edition is not null) w.WriteString("edition", r.Edition);
        if (r.Proper) w.WriteBoolean("proper", true);
        if (r.Repack) w.WriteBoolean("repack", true);
        if (r.Container is not null) w.WriteString("container", r.Container);
        if (r.Website is not null) w.WriteString("website", r.Website);
        if (r.Group is not null) w.WriteString("group", r.Group);
        w.WriteString("kind", KindName(r.Kind));
        w.WriteEndObject();
    }

    public static string KindName(ReleaseKind kind) => kind switch
    {
        ReleaseKind.Episode => "episode",
        ReleaseKind.Movie => "movie",
        ReleaseKind.Music => "music",
        ReleaseKind.Webtoon => "webtoon",
        _ => "unknown",
    };

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<int>? values)
    {
        if (values is null) return;
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        if (values is null) return;
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
