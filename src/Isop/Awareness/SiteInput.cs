using System.Globalization;
using Isop.Crawling.Domains;

namespace Isop.Awareness;

/// <summary>
/// What a member of the public typed, as the site check reads it: a link or a bare domain, in any case, with or without
/// scheme, port, path, query, "www." or a trailing dot; an IDN in Unicode or punycode (and the ideographic full stops
/// an East Asian keyboard types). The result is the ASCII host and the names to look up, from the host to its
/// registrable domain (never a public suffix alone).
/// </summary>
public sealed partial record SiteInput(string Host, string Display, IReadOnlyList<string> Candidates)
{
    /// <summary>The path and query of the link ("/" for a bare domain): what tells one short link from another.</summary>
    public string PathAndQuery { get; init; } = "/";

    /// <summary>The host as the check reads it, or null.</summary>
    public static string? HostOf(string? text) => TryRead(text, out var site, out _) ? site.Host : null;

    public const int MaxLength = 2048;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    public static bool TryRead(string? text, out SiteInput site, out string problem)
    {
        site = null!;
        problem = "";
        var s = text?.Trim() ?? "";
        if (s.Length == 0) { problem = "required: a link or a domain, such as https://example.com/watch or example.com"; return false; }
        if (s.Length > MaxLength) { problem = $"longer than {MaxLength} characters"; return false; }
        if (s.Any(c => char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' ') || Web.TextChecks.IsDirectionControl(c)))
        {
            problem = "a link or a domain has no control characters, direction overrides, tabs or line breaks";
            return false;
        }
        // A scheme mistyped ("https:/site", "http//site") is the scheme meant.
        s = SchemeTypo().Replace(s, m => m.Groups[1].Value.ToLowerInvariant() + "://", 1);
        // A space pasted into a link's path or query is the %20 a browser sends; one in the host makes it no name.
        s = s.Replace(" ", "%20", StringComparison.Ordinal);
        // Ideographic and full-width full stops separate labels as dots do (IDNA's mapping).
        s = s.Replace('。', '.').Replace('．', '.').Replace('｡', '.');
        // A scheme starts the text; "://" later on (in a query) is part of the link.
        if (!HasScheme().IsMatch(s)) s = (s.StartsWith("//", StringComparison.Ordinal) ? "http:" : "http://") + s;
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6) || string.IsNullOrEmpty(uri.Host))
        {
            problem = "expected a link (http or https) or a domain, such as https://example.com/watch or example.com";
            return false;
        }
        string host;
        try
        {
            host = uri.HostNameType == UriHostNameType.Dns ? Idn.GetAscii(uri.Host.TrimEnd('.')).ToLowerInvariant() : uri.Host.ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            problem = "the domain is not a valid name";
            return false;
        }
        host = host.TrimEnd('.');
        if (host.Length is 0 or > 253 || host.Split('.').Any(l => l.Length is 0 or > 63)
            || (uri.HostNameType == UriHostNameType.Dns && !host.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.')))
        {
            problem = "the domain is not a valid name (labels of 1 to 63 characters)";
            return false;
        }
        if (uri.HostNameType == UriHostNameType.Dns && (!host.Contains('.', StringComparison.Ordinal) || host.Split('.')[^1].All(char.IsAsciiDigit) || PublicSuffixes.Parse(host).RegistrableDomain is null))
        {
            problem = "expected a domain name with its ending, such as example.com";
            return false;
        }
        if (host.StartsWith("www.", StringComparison.Ordinal) && host.Count(c => c == '.') >= 2) host = host[4..];
        string display;
        try
        {
            display = uri.HostNameType == UriHostNameType.Dns ? Idn.GetUnicode(host) : host;
        }
        catch (ArgumentException)
        {
            display = host;
        }
        site = new SiteInput(host, display, CandidatesOf(host, uri.HostNameType)) { PathAndQuery = uri.PathAndQuery };
        return true;
    }

    /// <summary>The host, then each parent down to its registrable domain: m.toonkor.test, toonkor.test.</summary>
    private static List<string> CandidatesOf(string host, UriHostNameType type)
    {
        if (type != UriHostNameType.Dns) return [host];
        var site = PublicSuffixes.Parse(host).Site;
        var names = new List<string> { host };
        var at = host;
        while (at.Length > site.Length && at.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0)
        {
            at = at[(dot + 1)..];
            names.Add(at);
        }
        return names;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(https?):?/{1,3}(?=[^/])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SchemeTypo();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial System.Text.RegularExpressions.Regex HasScheme();
}
