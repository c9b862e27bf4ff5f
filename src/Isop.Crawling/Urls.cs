using Isop.Crawling.Domains;

namespace Isop.Crawling;

/// <summary>URL handling for crawling: what may be fetched, one spelling per page, and which site a host belongs to.</summary>
public static class Urls
{
    public const int MaxLength = 4096;

    /// <summary>
    /// Reads an absolute or relative reference as a fetchable URL: http or https only, a host, no more than
    /// <see cref="MaxLength"/> characters; the fragment is dropped. Returns null with the reason otherwise.
    /// </summary>
    public static Uri? Resolve(string? reference, Uri? baseUrl, out string? problem)
    {
        problem = null;
        var text = reference?.Trim();
        if (string.IsNullOrEmpty(text)) { problem = "empty URL"; return null; }
        if (text.Length > MaxLength) { problem = $"URL longer than {MaxLength} characters"; return null; }
        if (text.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0) { problem = "URL with control characters"; return null; }
        Uri? uri;
        try
        {
            if (!(baseUrl is null ? Uri.TryCreate(text, UriKind.Absolute, out uri) : Uri.TryCreate(baseUrl, text, out uri)))
            {
                problem = $"'{Shorten(text)}' is not a URL";
                return null;
            }
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or InvalidOperationException)
        {
            problem = $"'{Shorten(text)}' is not a URL: {e.Message}";
            return null;
        }
        if (uri.Scheme is not ("http" or "https"))
        {
            problem = $"the {uri.Scheme}: scheme is not fetched (only http and https)";
            return null;
        }
        if (string.IsNullOrEmpty(uri.Host)) { problem = "URL without a host"; return null; }
        if (uri.OriginalString.Length > MaxLength) { problem = $"URL longer than {MaxLength} characters"; return null; }
        return string.IsNullOrEmpty(uri.Fragment) ? uri : new UriBuilder(uri) { Fragment = "" }.Uri;
    }

    /// <summary>The site a host belongs to: its registrable domain by the Public Suffix List (IP addresses are their own site).</summary>
    public static string Site(string host) => PublicSuffixes.Site(host);

    public static bool SameSite(Uri a, Uri b) => Site(a.Host) == Site(b.Host);

    /// <summary>scheme://host:port, the unit robots.txt and politeness apply to.</summary>
    public static string Origin(Uri uri) => $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
