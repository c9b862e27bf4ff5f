using Microsoft.Extensions.Localization;

namespace Isop.Web;

/// <summary>How a recognised episode reads in tables: "S2 E5" when the season is known, else the episode alone.</summary>
public static class EpisodeLabel
{
    public static string Of(IStringLocalizer localizer, int? season, int? episode) => (season, episode) switch
    {
        ({ } s, { } e) => localizer["S{0} E{1}", s, e],
        ({ } s, null) => localizer["Season {0}", s],
        (null, { } e) => e.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };
}
