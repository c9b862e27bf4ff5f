using System.Text.RegularExpressions;
using Isop.Recognition.ReleaseNames;

namespace Isop.ReleaseGroups;

/// <summary>Which listing texts are release names, and the group each names.</summary>
public static partial class Releases
{
    /// <summary>
    /// The release name and group of a listing text, or nulls when it is not a release name: it must name a group and
    /// at least one technical tag (resolution, source or codec), as scene and fansub names do, so that "Watch Title
    /// Episode 3" is not a release of a group called "Episode".
    /// </summary>
    public static (string? Release, string? Group) Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300) return (null, null);
        string name;
        try
        {
            name = Container().Replace(text.Trim(), "");
        }
        catch (RegexMatchTimeoutException)
        {
            return (null, null);
        }
        var parsed = ReleaseNameParser.Parse(name);
        if (parsed.Group is not { Length: > 0 and <= 100 } group || (parsed.Resolution ?? parsed.Source ?? parsed.VideoCodec) is null) return (null, null);
        return (name, Canonical(group));
    }

    /// <summary>A group under the name it is known by: re-uploaders' tags dropped (EVO[TGx], EVO-RARBG → EVO).</summary>
    public static string Canonical(string group)
    {
        var trimmed = group.Trim();
        if (trimmed.Length > 100) trimmed = trimmed[..100];
        try
        {
            var core = Uploader().Replace(trimmed, "");
            return core.Length > 0 ? core : trimmed;
        }
        catch (RegexMatchTimeoutException)
        {
            return trimmed;
        }
    }

    /// <summary>The key two spellings of one release share: case and the separators between words do not count.</summary>
    public static string Key(string release)
    {
        try
        {
            return Separators().Replace(release.ToLowerInvariant(), ".");
        }
        catch (RegexMatchTimeoutException)
        {
            return release.ToLowerInvariant();
        }
    }

    [GeneratedRegex(@"\.(?:mkv|mp4|avi|m4v|ts|torrent)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex Container();

    [GeneratedRegex(@"\s*(?:\[(?:TGx|rarbg|eztv|ettv|YTS\.?\w*|PublicHD|rartv)\]|-(?:RARBG|TGx|eztv|ettv|Obfuscated|postbot|xpost|WhiteRev|Rakuv\d*))$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex Uploader();

    [GeneratedRegex(@"[\s._]+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Separators();
}
