using System.Globalization;
using Isop.Crawling.Domains;

namespace Isop.Platforms;

/// <summary>Host names as platforms use them: IDNs folded to ASCII (punycode), lower case, no trailing dot, never a public suffix.</summary>
public static class DomainNames
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public static bool TryNormalise(string? text, out string domain, out string problem)
    {
        domain = "";
        var s = text?.Trim().TrimEnd('.') ?? "";
        if (s.Length == 0) { problem = "must not be empty"; return false; }
        if (s.Contains("://", StringComparison.Ordinal) || s.Contains('/') || s.Contains(':'))
        {
            problem = $"expected a host name such as example.test, not a URL: \"{s}\"";
            return false;
        }
        try
        {
            domain = Idn.GetAscii(s).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            problem = $"\"{s}\" is not a valid host name";
            return false;
        }
        if (domain.Length > 253 || !domain.Contains('.') || domain.Split('.').Any(l => l.Length is 0 or > 63))
        {
            problem = $"\"{s}\" is not a valid host name (labels of 1–63 characters, at least two labels)";
            return false;
        }
        var parts = PublicSuffixes.Parse(domain);
        if (parts.IsPublicSuffix)
        {
            // co.kr or github.io names everyone registered under it, not one platform.
            problem = $"\"{s}\" is a public suffix ({(parts.Section == SuffixSection.Private ? "a shared host" : "a registry's")}, on the Public Suffix List): give the platform's own name under it";
            return false;
        }
        problem = "";
        return true;
    }

    /// <summary>The registrable domain a platform's domain belongs to (mirrors and hops are grouped by it).</summary>
    public static string Site(string domain) => PublicSuffixes.Site(domain);
}
