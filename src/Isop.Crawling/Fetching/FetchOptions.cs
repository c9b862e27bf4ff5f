namespace Isop.Crawling.Fetching;

/// <summary>The limits and manners of one crawl. The defaults suit hostile sites on the open web.</summary>
public sealed record FetchOptions
{
    public const string DefaultUserAgent = "IsopBot/1.0 (evidence crawler for copyright enforcement)";

    /// <summary>Sent with every request, unchanged for the whole run; its first word is the robots.txt token.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>At most this many body bytes are kept, counted after decompression (and, for the evidence, before).</summary>
    public long MaxBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>A body that decodes to more than this many times its received size is a compression bomb.</summary>
    public double MaxDecompressionRatio { get; init; } = 200;

    public int MaxResponseHeadersKiB { get; init; } = 64;

    /// <summary>Everything for one request, from connecting to the last body byte.</summary>
    public TimeSpan MaxFetchTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A body arriving slower than this over a <see cref="RateWindow"/> is cut (tarpits, slow drips).</summary>
    public int MinBytesPerSecond { get; init; } = 512;

    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxRedirects { get; init; } = 10;

    public int PerHostConcurrency { get; init; } = 2;

    /// <summary>The pause between the starts of two requests to the same host.</summary>
    public TimeSpan PerHostDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public int GlobalConcurrency { get; init; } = 16;

    /// <summary>Fetch from sites whose certificate does not validate (the certificate is recorded either way).</summary>
    public bool AcceptInvalidCertificates { get; init; }

    public int MaxCookiesPerSite { get; init; } = 50;

    public ResolveMap Resolve { get; init; } = ResolveMap.Empty;
}
