using System.Globalization;
using System.Net;

namespace Isop.Crawling.Domains;

/// <summary>Where the rule that decided a host's public suffix comes from.</summary>
public enum SuffixSection
{
    /// <summary>No rule matched: the last label is the suffix (the list's implicit "*" rule), or the host is an IP address.</summary>
    None,
    /// <summary>Delegated by a registry (com, co.uk, 서울.kr…).</summary>
    Icann,
    /// <summary>Submitted by a company whose customers get names under its domain (blogspot.com, github.io, pages.dev…).</summary>
    Private,
}

/// <summary>
/// A host split by the Public Suffix List: its suffix (where anyone may register), its registrable domain (the
/// "site": what one registrant controls), and the section of the rule. Host and parts are ASCII (punycode), lower case,
/// without a trailing dot; an IP address has neither suffix nor registrable domain.
/// </summary>
public readonly record struct DomainParts(string Host, string? Suffix, string? RegistrableDomain, SuffixSection Section)
{
    public bool IsIpAddress => Suffix is null;

    /// <summary>True when the host is itself a public suffix (co.kr, github.io): nobody's site.</summary>
    public bool IsPublicSuffix => Suffix is not null && RegistrableDomain is null;

    /// <summary>The unit of "same site": the registrable domain, else the host itself.</summary>
    public string Site => RegistrableDomain ?? Host;
}

/// <summary>
/// The Public Suffix List (publicsuffix.org, MPL-2.0) shipped inside Isop (Domains/public_suffix_list.dat, vendored
/// by scripts/vendor-public-suffixes.sh), with the list's whole algorithm: wildcards (*.ck), exceptions (!www.ck),
/// the ICANN and PRIVATE sections, and internationalised names. The one place Isop decides what a site is.
/// </summary>
public static class PublicSuffixes
{
    private const string Resource = "Isop.Crawling.Domains.public_suffix_list.dat";

    private sealed class Rules
    {
        public readonly Dictionary<string, SuffixSection> Exact = new(StringComparer.Ordinal);
        public readonly Dictionary<string, SuffixSection> Wildcard = new(StringComparer.Ordinal);
        public readonly Dictionary<string, SuffixSection> Exception = new(StringComparer.Ordinal);
        public Dictionary<string, SuffixSection>.AlternateLookup<ReadOnlySpan<char>> ExactLookup => Exact.GetAlternateLookup<ReadOnlySpan<char>>();
        public Dictionary<string, SuffixSection>.AlternateLookup<ReadOnlySpan<char>> WildcardLookup => Wildcard.GetAlternateLookup<ReadOnlySpan<char>>();
        public Dictionary<string, SuffixSection>.AlternateLookup<ReadOnlySpan<char>> ExceptionLookup => Exception.GetAlternateLookup<ReadOnlySpan<char>>();
        /// <summary>The most labels a candidate suffix can have to match any rule (a wildcard's or exception's included).</summary>
        public int MaxLabels;
    }

    private static readonly IdnMapping Idn = new();
    private static readonly Lazy<Rules> List = new(Load);

    /// <summary>How many rules the shipped list holds (a sanity figure for tests and `isop` diagnostics).</summary>
    public static int RuleCount => List.Value.Exact.Count + List.Value.Wildcard.Count + List.Value.Exception.Count;

    public static DomainParts Parse(string host)
    {
        var name = Normalise(host);
        if (IsIpAddress(name)) return new DomainParts(name, null, null, SuffixSection.None);
        var rules = List.Value;
        var exact = rules.ExactLookup;
        var wildcard = rules.WildcardLookup;
        var exception = rules.ExceptionLookup;
        var span = name.AsSpan();
        // Candidates from the whole host down to its last label; the longest normal rule wins unless an exception matches.
        int suffixStart = -1;
        var section = SuffixSection.None;
        // No rule has more than a few labels: look only at the last ones, so a host of thousands of labels costs no more.
        var first = span.Length;
        for (var labels = 0; labels < rules.MaxLabels && first > 0; labels++) first = span[..(first - 1)].LastIndexOf('.') + 1;
        for (var start = first; start < span.Length; start = NextLabel(span, start))
        {
            var candidate = span[start..];
            if (exception.TryGetValue(candidate, out var exceptionSection))
            {
                // !www.ck: the suffix is the rule without its first label, whatever longer rules say.
                var dot = candidate.IndexOf('.');
                suffixStart = start + dot + 1;
                section = exceptionSection;
                break;
            }
            if (suffixStart >= 0) continue;
            if (exact.TryGetValue(candidate, out var found)) { suffixStart = start; section = found; continue; }
            // *.ck matches any one label in front of ck.
            var parent = candidate.IndexOf('.');
            if (parent > 0 && wildcard.TryGetValue(candidate[(parent + 1)..], out found)) { suffixStart = start; section = found; }
        }
        if (suffixStart < 0)
        {
            var last = span.LastIndexOf('.');
            suffixStart = last + 1;
        }
        var suffix = name[suffixStart..];
        if (suffixStart == 0 || suffix.Length == 0) return new DomainParts(name, suffix, null, section);
        var before = span[..(suffixStart - 1)].LastIndexOf('.');
        var registrable = name[(before + 1)..];
        // An empty label (a..b) has nothing to register.
        return registrable.StartsWith('.') ? new DomainParts(name, suffix, null, section) : new DomainParts(name, suffix, registrable, section);
    }

    /// <summary>The registrable domain of a host, else the host itself (an IP address, a public suffix, a single label).</summary>
    public static string Site(string host) => Parse(host).Site;

    public static bool SameSite(string a, string b) => string.Equals(Site(a), Site(b), StringComparison.Ordinal);

    /// <summary>Lower case, no trailing dot nor IPv6 brackets, internationalised labels in punycode (IDNA), as the rules are kept.</summary>
    public static string Normalise(string host)
    {
        var name = host.Trim().TrimEnd('.');
        if (name.StartsWith('[') && name.EndsWith(']')) name = name[1..^1];
        if (!name.AsSpan().ContainsAnyExceptInRange((char)0, (char)127)) return name.ToLowerInvariant();
        try
        {
            return Idn.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            // Not a valid IDN: compared as written, so it can only match itself.
            return name.ToLowerInvariant();
        }
    }

    private static int NextLabel(ReadOnlySpan<char> name, int start)
    {
        var dot = name[start..].IndexOf('.');
        return dot < 0 ? name.Length : start + dot + 1;
    }

    private static bool IsIpAddress(string name) =>
        name.Contains(':') ? IPAddress.TryParse(name, out _) : name.Count(c => c == '.') == 3 && name.All(c => c == '.' || char.IsAsciiDigit(c)) && IPAddress.TryParse(name, out _);

    private static Rules Load()
    {
        using var stream = typeof(PublicSuffixes).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the Public Suffix List ({Resource}) is not embedded in Isop.Crawling");
        using var reader = new StreamReader(stream);
        var rules = new Rules();
        var section = SuffixSection.Icann;
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.StartsWith("//", StringComparison.Ordinal))
            {
                if (text.Contains("===BEGIN PRIVATE DOMAINS===", StringComparison.Ordinal)) section = SuffixSection.Private;
                else if (text.Contains("===BEGIN ICANN DOMAINS===", StringComparison.Ordinal)) section = SuffixSection.Icann;
                continue;
            }
            // A rule is the line's first word; the rest of the line is ignored, as the list's format says.
            var rule = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (rule is null) continue;
            if (rule.StartsWith('!')) rules.Exception[Normalise(rule[1..])] = section;
            else if (rule.StartsWith("*.", StringComparison.Ordinal)) rules.Wildcard[Normalise(rule[2..])] = section;
            else rules.Exact[Normalise(rule)] = section;
            // The registrable domain is one label more than the rule: count it too.
            rules.MaxLabels = Math.Max(rules.MaxLabels, rule.Count(c => c == '.') + 2);
        }
        if (rules.Exact.Count < 1000) throw new InvalidOperationException($"the embedded Public Suffix List holds only {rules.Exact.Count} rules");
        return rules;
    }
}
