using System.Globalization;
using System.Text.RegularExpressions;

namespace Isop.Crawling.Extraction;

/// <summary>
/// Reads the time a page says an item was posted, as sites write it: ISO 8601 and its variants (<c>2026-11-03 14:05</c>,
/// <c>2026.11.03</c>), numeric dates day-first or month-first (decided by the numbers, else by the page's language),
/// month names in English and French, Korean dates (<c>2026년 11월 3일 오후 2:05</c>), dates without a year
/// (<c>11-03 14:05</c>), and relative times in several languages (<c>5 hours ago</c>, <c>5시간 전</c>,
/// <c>il y a 5 heures</c>, <c>hier</c>). A time without a zone is taken in the zone of the page's language (Korean
/// sites write Seoul time, French ones Paris time), else UTC; relative times count back from the server's clock.
/// </summary>
public static partial class PostedDates
{
    private const int MaxChars = 200;

    /// <summary>The instant a posted-date text stands for, or null when it holds none or one that cannot be.</summary>
    /// <param name="text">The date as the page shows it (a <c>datetime</c> attribute, a date cell, a line of text).</param>
    /// <param name="reference">The server's clock when the page was fetched (its Date header), else the fetch time.</param>
    /// <param name="language">The page's language (<c>ko</c>, <c>fr-FR</c>…), for the zone and for day-first or month-first.</param>
    public static DateTimeOffset? Parse(string? text, DateTimeOffset reference, string? language)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Length > MaxChars ? text[..MaxChars] : text;
        s = s.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();
        var lang = (language ?? "").Split('-', '_')[0].ToLowerInvariant();
        try
        {
            // RFC 1123 (feeds, HTTP) names its zone.
            if (DateTimeOffset.TryParseExact(s, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var rfc)) return rfc <= reference.AddDays(1) ? rfc : null;
            var result = Iso(s, lang) ?? Korean(s, reference, lang) ?? Numeric(s, lang) ?? Named(s, lang) ?? YearLess(s, reference, lang) ?? Relative(s, reference);
            // A posting time after the server's clock (beyond a day of zone slack) is not a posting time.
            return result is { } r && r <= reference.AddDays(1) && r.Year >= 1990 ? r : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or FormatException or OverflowException)
        {
            return null; // 31 February, a second of 99999999999, and the like
        }
    }

    [GeneratedRegex(@"(?<y>(?:19|20)[0-9]{2})[-./](?<m>[0-9]{1,2})[-./](?<d>[0-9]{1,2})(?:[T ,]+(?<t>[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\.[0-9]+)?)\s*(?<ampm>[AaPp]\.?[Mm]\.?)?)?\s*(?<z>Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2})?", RegexOptions.CultureInvariant, 200)]
    private static partial Regex IsoPattern();

    private static DateTimeOffset? Iso(string s, string lang)
    {
        var m = IsoPattern().Match(s);
        if (!m.Success) return null;
        var (hour, minute, second) = Clock(m.Groups["t"].Value, m.Groups["ampm"].Value);
        return Make(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), Int(m.Groups["m"]), Int(m.Groups["d"]), hour, minute, second, m.Groups["z"].Value, lang);
    }

    [GeneratedRegex(@"(?:(?<y>[0-9]{4})\s*년\s*)?(?<m>[0-9]{1,2})\s*월\s*(?<d>[0-9]{1,2})\s*일(?:\s*(?<ap>오전|오후))?(?:\s*(?<t>[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[0-9]{1,2}\s*시(?:\s*[0-9]{1,2}\s*분)?))?", RegexOptions.CultureInvariant, 200)]
    private static partial Regex KoreanPattern();

    private static DateTimeOffset? Korean(string s, DateTimeOffset reference, string lang)
    {
        var m = KoreanPattern().Match(s);
        if (!m.Success) return null;
        var t = m.Groups["t"].Value;
        if (t.Contains('시', StringComparison.Ordinal))
        {
            var parts = Digits().Matches(t).Select(x => x.Value).ToList();
            t = $"{parts[0]}:{(parts.Count > 1 ? parts[1] : "00")}";
        }
        var (hour, minute, second) = Clock(t, m.Groups["ap"].Value == "오후" ? "PM" : m.Groups["ap"].Value == "오전" ? "AM" : "");
        var zoneLang = lang.Length == 0 ? "ko" : lang;
        return m.Groups["y"].Success
            ? Make(Int(m.Groups["y"]), Int(m.Groups["m"]), Int(m.Groups["d"]), hour, minute, second, "", zoneLang)
            : InYearOf(reference, Int(m.Groups["m"]), Int(m.Groups["d"]), hour, minute, second, zoneLang);
    }

    [GeneratedRegex(@"[0-9]+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Digits();

    [GeneratedRegex(@"(?<![0-9])(?<a>[0-9]{1,2})[./-](?<b>[0-9]{1,2})[./-](?<y>(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9])(?:[ ,à]+(?<t>[0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?)\s*(?<ampm>[AaPp]\.?[Mm]\.?)?)?", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NumericPattern();

    private static DateTimeOffset? Numeric(string s, string lang)
    {
        var m = NumericPattern().Match(s);
        if (!m.Success) return null;
        int a = Int(m.Groups["a"]), b = Int(m.Groups["b"]), year = Int(m.Groups["y"]);
        if (year < 100) year += 2000;
        // 13/11 can only be day-first, 11/13 only month-first; otherwise the language decides (American English is month-first).
        var dayFirst = a > 12 || (b <= 12 && lang != "en");
        var (month, day) = dayFirst ? (b, a) : (a, b);
        var (hour, minute, second) = Clock(m.Groups["t"].Value.Replace('h', ':'), m.Groups["ampm"].Value);
        return Make(year, month, day, hour, minute, second, "", lang);
    }

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["january"] = 1, ["janvier"] = 1, ["janv"] = 1,
        ["feb"] = 2, ["february"] = 2, ["février"] = 2, ["fevrier"] = 2, ["févr"] = 2, ["fév"] = 2,
        ["mar"] = 3, ["march"] = 3, ["mars"] = 3,
        ["apr"] = 4, ["april"] = 4, ["avril"] = 4, ["avr"] = 4,
        ["may"] = 5, ["mai"] = 5,
        ["jun"] = 6, ["june"] = 6, ["juin"] = 6,
        ["jul"] = 7, ["july"] = 7, ["juillet"] = 7, ["juil"] = 7,
        ["aug"] = 8, ["august"] = 8, ["août"] = 8, ["aout"] = 8,
        ["sep"] = 9, ["sept"] = 9, ["september"] = 9, ["septembre"] = 9,
        ["oct"] = 10, ["october"] = 10, ["octobre"] = 10,
        ["nov"] = 11, ["november"] = 11, ["novembre"] = 11,
        ["dec"] = 12, ["december"] = 12, ["décembre"] = 12, ["decembre"] = 12, ["déc"] = 12,
    };

    [GeneratedRegex(@"(?:(?<d1>[0-9]{1,2})(?:st|nd|rd|th|er)?\s+(?<mon1>\p{L}{3,9})\.?,?\s+(?<y1>(?:19|20)[0-9]{2})|(?<mon2>\p{L}{3,9})\.?\s+(?<d2>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?<y2>(?:19|20)[0-9]{2}))(?:\s*(?:à|at|,|-)?\s*(?<t>[0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?)\s*(?<ampm>[AaPp]\.?[Mm]\.?)?)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex NamedPattern();

    private static DateTimeOffset? Named(string s, string lang)
    {
        foreach (Match m in NamedPattern().Matches(s))
        {
            var first = m.Groups["mon1"].Success;
            if (!Months.TryGetValue((first ? m.Groups["mon1"] : m.Groups["mon2"]).Value.ToLowerInvariant(), out var month)) continue;
            var day = Int(first ? m.Groups["d1"] : m.Groups["d2"]);
            var year = Int(first ? m.Groups["y1"] : m.Groups["y2"]);
            var (hour, minute, second) = Clock(m.Groups["t"].Value.Replace('h', ':'), m.Groups["ampm"].Value);
            return Make(year, month, day, hour, minute, second, "", lang);
        }
        return null;
    }

    [GeneratedRegex(@"^\s*(?<m>[0-9]{1,2})[-./](?<d>[0-9]{1,2})(?:\s+(?<t>[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?))?\s*$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex YearLessPattern();

    /// <summary>"11-03 14:05", as boards write this year's posts: month first (Korean and Japanese boards), in the latest year that is not in the future.</summary>
    private static DateTimeOffset? YearLess(string s, DateTimeOffset reference, string lang)
    {
        var m = YearLessPattern().Match(s);
        if (!m.Success) return null;
        var (hour, minute, second) = Clock(m.Groups["t"].Value, "");
        return InYearOf(reference, Int(m.Groups["m"]), Int(m.Groups["d"]), hour, minute, second, lang);
    }

    private static DateTimeOffset? InYearOf(DateTimeOffset reference, int month, int day, int hour, int minute, int second, string lang)
    {
        var value = Make(reference.Year, month, day, hour, minute, second, "", lang);
        return value > reference.AddDays(1) ? Make(reference.Year - 1, month, day, hour, minute, second, "", lang) : value;
    }

    [GeneratedRegex(@"(?<![0-9\p{L}])(?<n>[0-9]{1,4}|an?|one|une?|un)\s*(?<u>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|초|분|시간|일|주|개월|달|secondes?|heures?|jours?|semaines?|mois|segundos?|minutos?|horas?|días?|dias?|sekunden|minuten|stunden|tagen?|wochen|секунд\p{L}*|минут\p{L}*|час\p{L}*|дн\p{L}*|день|недел\p{L}*)\s*(?<after>ago|전|前|назад)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex RelativePattern();

    private static DateTimeOffset? Relative(string s, DateTimeOffset reference)
    {
        var lower = s.ToLowerInvariant();
        if (lower is "now" or "just now" or "방금" or "방금 전" or "à l'instant" or "gerade eben" or "только что") return reference;
        static bool Word(string text, string word) => text.StartsWith(word, StringComparison.Ordinal) && (text.Length == word.Length || !char.IsLetter(text[word.Length]));
        if (Word(lower, "yesterday") || Word(lower, "어제") || Word(lower, "hier") || Word(lower, "ayer") || Word(lower, "gestern") || Word(lower, "вчера"))
            return reference.AddDays(-1);
        if (Word(lower, "today") || Word(lower, "오늘") || Word(lower, "aujourd'hui") || Word(lower, "aujourd’hui")) return reference;
        var m = RelativePattern().Match(lower);
        if (!m.Success) return null;
        // "5 hours ago", "5시간 전", "il y a 5 heures", "hace 5 horas", "vor 5 Stunden", "5 часов назад": a marker before or after.
        var before = lower[..m.Index];
        var marker = before.TrimEnd();
        if (!m.Groups["after"].Success && !Word(marker.Length >= 6 ? marker[^6..] : marker, "il y a") && !marker.EndsWith("hace", StringComparison.Ordinal) && !(marker == "vor" || marker.EndsWith(" vor", StringComparison.Ordinal)))
            return null;
        var n = m.Groups["n"].Value is var number && char.IsAsciiDigit(number[0]) ? int.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture) : 1;
        var unit = m.Groups["u"].Value;
        TimeSpan span = unit switch
        {
            _ when unit.StartsWith("sec", StringComparison.Ordinal) || unit == "초" || unit.StartsWith("seg", StringComparison.Ordinal) || unit.StartsWith("секунд", StringComparison.Ordinal) => TimeSpan.FromSeconds(n),
            _ when unit.StartsWith("min", StringComparison.Ordinal) || unit == "분" || unit.StartsWith("минут", StringComparison.Ordinal) => TimeSpan.FromMinutes(n),
            _ when unit.StartsWith("h", StringComparison.Ordinal) || unit == "시간" || unit.StartsWith("stund", StringComparison.Ordinal) || unit.StartsWith("час", StringComparison.Ordinal) => TimeSpan.FromHours(n),
            _ when unit.StartsWith("d", StringComparison.Ordinal) || unit == "일" || unit.StartsWith("jour", StringComparison.Ordinal) || unit.StartsWith("tag", StringComparison.Ordinal) || unit.StartsWith("дн", StringComparison.Ordinal) || unit == "день" => TimeSpan.FromDays(n),
            _ when unit.StartsWith("w", StringComparison.Ordinal) || unit == "주" || unit.StartsWith("semaine", StringComparison.Ordinal) || unit.StartsWith("недел", StringComparison.Ordinal) => TimeSpan.FromDays(7 * n),
            _ => TimeSpan.FromDays(30 * n),
        };
        return n > 100_000 ? null : reference - span;
    }

    private static (int Hour, int Minute, int Second) Clock(string time, string ampm)
    {
        if (time.Length == 0) return (0, 0, 0);
        // A fraction of a second is dropped before the parts are read.
        var parts = time.Split('.')[0].Split(':');
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
            return (99, 99, 99);
        var second = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sec) ? sec : parts.Length > 2 ? 99 : 0;
        var pm = ampm.Length > 0 && char.ToLowerInvariant(ampm[0]) == 'p';
        var am = ampm.Length > 0 && char.ToLowerInvariant(ampm[0]) == 'a';
        if (pm && hour < 12) hour += 12;
        if (am && hour == 12) hour = 0;
        return (hour, minute, second);
    }

    /// <summary>The zone a site in this language writes its times in, when it writes none.</summary>
    private static TimeSpan OffsetFor(string lang, DateTime local)
    {
        var zone = lang switch
        {
            "ko" => "Asia/Seoul",
            "ja" => "Asia/Tokyo",
            "zh" => "Asia/Shanghai",
            "fr" => "Europe/Paris",
            "de" => "Europe/Berlin",
            "es" => "Europe/Madrid",
            "it" => "Europe/Rome",
            "ru" => "Europe/Moscow",
            _ => null,
        };
        if (zone is null) return TimeSpan.Zero;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(local);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return lang switch { "ko" or "ja" => TimeSpan.FromHours(9), "zh" => TimeSpan.FromHours(8), "ru" => TimeSpan.FromHours(3), _ => TimeSpan.FromHours(1) };
        }
    }

    private static DateTimeOffset? Make(int year, int month, int day, int hour, int minute, int second, string zone, string lang)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        var offset = zone switch
        {
            "" => OffsetFor(lang, local),
            "Z" or "UTC" or "GMT" => TimeSpan.Zero,
            _ => new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[^2..], CultureInfo.InvariantCulture), 0) * (zone[0] == '-' ? -1 : 1),
        };
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static int Int(Group g) => int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
}
