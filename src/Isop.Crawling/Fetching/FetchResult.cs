using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Isop.Crawling.Fetching;

public enum FetchOutcome
{
    /// <summary>A response arrived whole.</summary>
    Complete,
    /// <summary>A response arrived, but a limit or the server cut its body; what arrived is kept.</summary>
    Truncated,
    /// <summary>Not fetched: the scheme, port, address or robots.txt forbids it.</summary>
    Refused,
    /// <summary>More than the allowed redirects, or a redirect loop.</summary>
    RedirectLimit,
    /// <summary>No response head within the time limit.</summary>
    Timeout,
    HeadersTooLarge,
    /// <summary>The TLS certificate did not validate and invalid certificates are not accepted.</summary>
    TlsRejected,
    NetworkError,
    /// <summary>The host name has no address: unknown to DNS, or a special-use name (.invalid, .test…) that is never looked up.</summary>
    Unresolved,
}

/// <summary>The site's TLS certificate, as evidence.</summary>
public sealed record CertificateInfo(string Sha256, string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, IReadOnlyList<string> Names, string Errors, byte[] Der)
{
    public static CertificateInfo From(X509Certificate2 certificate, string errors)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.DnsName, false) is { Length: > 0 } cn) names.Add(cn);
        return new CertificateInfo(
            Convert.ToHexStringLower(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)),
            certificate.Subject, certificate.Issuer, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(),
            names, errors, certificate.RawData);
    }
}

/// <summary>One HTTP exchange: a request and, if one came, its response.</summary>
public sealed class FetchHop
{
    public required Uri Url { get; init; }
    /// <summary>When the request went out (after any politeness wait).</summary>
    public required DateTimeOffset Started { get; set; }
    /// <summary>The request as sent, serialised as an HTTP/1.1 message head.</summary>
    public byte[] RequestHead { get; set; } = [];
    public int? Status { get; set; }
    public byte[] ResponseHead { get; set; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; set; } = [];
    /// <summary>The body as received (content codings still applied), for the evidence.</summary>
    public byte[] RawBody { get; set; } = [];
    /// <summary>The body after undoing content codings.</summary>
    public byte[] Body { get; set; } = [];
    /// <summary>Why the received body is incomplete, in WARC-Truncated terms: length, time or disconnect.</summary>
    public string? WarcTruncated { get; set; }
    /// <summary>Why the body is incomplete (received or decoded), in words; null when whole.</summary>
    public string? Truncation { get; set; }
    public IPAddress? Address { get; set; }
    public CertificateInfo? Certificate { get; set; }
    public TimeSpan Elapsed { get; set; }
    public FetchOutcome Outcome { get; set; }
    public string? Problem { get; set; }

    public string? Header(string name) =>
        ResponseHeaders.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string? ContentType => Header("Content-Type");
}

/// <summary>A fetch with every hop of its redirect chain.</summary>
public sealed record FetchResult(Uri Url, IReadOnlyList<FetchHop> Hops, FetchOutcome Outcome, string? Problem)
{
    /// <summary>The last hop that got a response: the page itself after redirects.</summary>
    public FetchHop? Final => Hops.LastOrDefault(h => h.Status is not null);

    public TimeSpan Elapsed => Hops.Aggregate(TimeSpan.Zero, (sum, h) => sum + h.Elapsed);
}
