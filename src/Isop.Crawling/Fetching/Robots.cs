using System.Globalization;
using System.Text;

namespace Isop.Crawling.Fetching;

public enum RobotsPolicy
{
    /// <summary>Obey robots.txt (RFC 9309), including a Crawl-delay.</summary>
    Respect,
    /// <summary>Fetch robots.txt for the record but do not obey it (an authorised investigation).</summary>
    Ignore,
}

/// <summary>
/// The rules of one robots.txt (RFC 9309) for one user-agent token: the longest matching rule wins, Allow wins a
/// tie, <c>*</c> and a final <c>$</c> are understood. Only the first 500 KiB are read.
/// </summary>
public sealed class Robots
{
    public const int MaxBytes = 500 * 1024;

    private readonly List<(string Pattern, bool Allow)> rules;

    private Robots(List<(string, bool)> rules, TimeSpan? crawlDelay)
    {
        this.rules = rules;
        CrawlDelay = crawlDelay;
    }

    public static Robots AllowAll { get; } = new([], null);

    /// <summary>For a server error or an unreachable robots.txt, RFC 9309 says to assume complete disallow.</summary>
    public static Robots DisallowAll { get; } = new([("/", false)], null);

    public TimeSpan? CrawlDelay { get; }

    /// <summary>What a fetched robots.txt means: 4xx allows all, 5xx and no answer disallow all, 2xx is parsed.</summary>
    public static Robots FromResponse(int? status, ReadOnlySpan<byte> body, string userAgent) => status switch
    {
        >= 200 and < 300 => Parse(Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxBytes)]), userAgent),
        >= 400 and < 500 => AllowAll,
        _ => DisallowAll,
    };

    public static Robots Parse(string text, string userAgent)
    {
        var token = ProductToken(userAgent);
        List<(string, bool)> mine = [], any = [];
        TimeSpan? myDelay = null, anyDelay = null;
        bool foundMine = false;
        var agents = new List<string>();
        var inRules = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key is "user-agent")
            {
                if (inRules) { agents.Clear(); inRules = false; }
                agents.Add(value.ToLowerInvariant());
                continue;
            }
            if (key is not ("allow" or "disallow" or "crawl-delay")) continue;
            inRules = true;
            var forMe = agents.Contains(token);
            var forAny = agents.Contains("*");
            if (!forMe && !forAny) continue;
            foundMine |= forMe;
            if (key is "crawl-delay")
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and < 86400)
                {
                    if (forMe) myDelay = TimeSpan.FromSeconds(seconds);
                    if (forAny) anyDelay = TimeSpan.FromSeconds(seconds);
                }
                continue;
            }
            if (value.Length == 0) continue;
            var rule = (value, key is "allow");
            if (forMe) mine.Add(rule);
            if (forAny) any.Add(rule);
        }
        return foundMine ? new Robots(mine, myDelay) : new Robots(any, anyDelay);
    }

    public bool Allows(Uri url)
    {
        var path = url.PathAndQuery;
        if (path == "/robots.txt") return true;
        var best = -1;
        var allowed = true;
        foreach (var (pattern, allow) in rules)
        {
            if (!Matches(pattern, path)) continue;
            var length = pattern.Length;
            if (length > best || (length == best && allow))
            {
                best = length;
                allowed = allow;
            }
        }
        return allowed;
    }

    /// <summary>The product token of a user agent: its first word, before any '/' (IsopBot/1.0 → isopbot).</summary>
    public static string ProductToken(string userAgent)
    {
        var word = userAgent.Split(' ', 2)[0];
        var slash = word.IndexOf('/');
        return (slash >= 0 ? word[..slash] : word).ToLowerInvariant();
    }

    /// <summary>Pattern matching with '*' (any run) and a final '$' (end of path), without backtracking blow-up.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored) pattern = pattern[..^1];
        var parts = pattern.Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var position = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            if (i == parts.Length - 1 && anchored)
                return path.Length - position >= parts[i].Length && path.EndsWith(parts[i], StringComparison.Ordinal);
            var found = path.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + parts[i].Length;
        }
        return !anchored || position == path.Length;
    }
}
