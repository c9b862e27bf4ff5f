using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Isop.Crawling.Fetching;

/// <summary>Thrown inside the connect callback when every address of a host is forbidden.</summary>
internal sealed class ForbiddenAddressException(string message) : Exception(message);

/// <summary>The host name has no address: unknown to DNS, or a special-use name that is never looked up.</summary>
internal sealed class UnresolvedNameException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fetches pages from hostile sites. The address policy is applied to the address actually connected to (in the
/// socket connect callback, so DNS rebinding and redirects cannot slip past it); redirects are followed by hand,
/// each one checked again; content codings are undone under size and ratio limits; slow bodies are cut; cookies
/// stay within their site and URL credentials within the first one.
/// </summary>
public sealed class SafeFetcher : IDisposable
{
    private readonly FetchOptions options;
    private readonly TimeProvider time;
    private readonly HttpClient client;
    private readonly ConcurrentDictionary<(string Host, int Port), IPAddress> connected = new();
    private readonly ConcurrentDictionary<string, CertificateInfo> certificates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, CookieContainer> jars = new(StringComparer.OrdinalIgnoreCase);

    public SafeFetcher(FetchOptions options, TimeProvider? time = null)
    {
        this.options = options;
        this.time = time ?? TimeProvider.System;
        Gate = new HostGate(options.GlobalConcurrency, options.PerHostConcurrency, options.PerHostDelay, this.time);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PreAuthenticate = false,
            MaxResponseHeadersLength = options.MaxResponseHeadersKiB,
            MaxConnectionsPerServer = options.PerHostConcurrency,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ResponseDrainTimeout = TimeSpan.FromMilliseconds(100),
            MaxResponseDrainSize = 64 * 1024,
            ConnectCallback = ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = CheckCertificate },
        };
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public FetchOptions Options => options;

    public HostGate Gate { get; }

    /// <summary>Fetches a URL with GET, following redirects; never throws for anything the server does.</summary>
    public async Task<FetchResult> FetchAsync(Uri url, CancellationToken cancellation = default)
    {
        var hops = new List<FetchHop>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? basic = url.UserInfo is { Length: > 0 } info
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(info))) : null;
        var current = url.UserInfo.Length > 0 ? new UriBuilder(url) { UserName = "", Password = "" }.Uri : url;
        for (var redirects = 0; ; redirects++)
        {
            if (Refusal(current) is { } refusal)
                return Done(url, hops, FetchOutcome.Refused, refusal);
            if (!seen.Add(current.AbsoluteUri))
                return Done(url, hops, FetchOutcome.RedirectLimit, $"redirect loop back to {current}");
            var credentials = basic is not null && Urls.SameSite(current, url) ? basic : null;
            var hop = await ExchangeAsync(current, credentials, cancellation);
            hops.Add(hop);
            if (hop.Status is not (301 or 302 or 303 or 307 or 308))
                return Done(url, hops, hop.Outcome, hop.Problem);
            var location = hop.Header("Location");
            if (string.IsNullOrWhiteSpace(location))
                return Done(url, hops, hop.Outcome, hop.Problem);
            if (redirects + 1 > options.MaxRedirects)
                return Done(url, hops, FetchOutcome.RedirectLimit, $"more than {options.MaxRedirects} redirects");
            var next = Urls.Resolve(location, current, out var problem);
            if (next is null)
                return Done(url, hops, FetchOutcome.Refused, $"redirect to {location.Trim()} refused: {problem}");
            current = next;
        }
    }

    private static FetchResult Done(Uri url, List<FetchHop> hops, FetchOutcome outcome, string? problem) => new(url, hops, outcome, problem);

    /// <summary>Why a URL may not be fetched at all, before any connection: scheme, host literal, port.</summary>
    private string? Refusal(Uri url)
    {
        if (url.Scheme is not ("http" or "https")) return $"the {url.Scheme}: scheme is not fetched (only http and https)";
        // Ports of other protocols are never fetched, not even through a resolve entry.
        if (AddressPolicy.ForbiddenPort(url.Port) is { } port) return $"{url.Authority}: {port}";
        var mapped = options.Resolve.Contains(url.IdnHost, url.Port);
        if (mapped) return null;
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) && AddressPolicy.Forbidden(literal) is { } why)
            return $"{literal} is {why}";
        return null;
    }

    private async Task<FetchHop> ExchangeAsync(Uri url, string? basicCredentials, CancellationToken cancellation)
    {
        var hop = new FetchHop { Url = url, Started = time.GetUtcNow() };
        var clock = new Stopwatch();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");
        if (basicCredentials is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basicCredentials);
        var jar = jars.GetOrAdd(Urls.Site(url.Host), _ => new CookieContainer(options.MaxCookiesPerSite, options.MaxCookiesPerSite, 4096));
        var cookies = jar.GetCookieHeader(url);
        if (cookies.Length > 0) request.Headers.TryAddWithoutValidation("Cookie", cookies);
        hop.RequestHead = RequestHead(request);

        IDisposable? lease = null;
        try
        {
            // Waiting for politeness is not the site's time: the limit and the clock start with the request.
            lease = await Gate.EnterAsync(url.IdnHost, cancellation);
            hop.Started = time.GetUtcNow();
            clock.Start();
            limit.CancelAfter(options.MaxFetchTime);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            hop.Status = (int)response.StatusCode;
            hop.ResponseHeaders = [.. response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))];
            hop.ResponseHead = ResponseHead(response, hop.ResponseHeaders);
            hop.Address = connected.GetValueOrDefault((url.IdnHost, url.Port));
            hop.Certificate = certificates.GetValueOrDefault(url.IdnHost);
            StoreCookies(jar, url, response);
            await ReadBodyAsync(hop, response, limit.Token, cancellation);
            var decoded = ContentDecoder.Decode(hop.RawBody, response.Content.Headers.ContentEncoding, options.MaxBodyBytes, options.MaxDecompressionRatio);
            hop.Body = decoded.Bytes;
            if (decoded.Cut is not null || decoded.Problem is not null)
                hop.Truncation ??= decoded.Problem ?? $"decoded body cut at {options.MaxBodyBytes} bytes";
            hop.Outcome = hop.Truncation is null ? FetchOutcome.Complete : FetchOutcome.Truncated;
            hop.Problem = hop.Truncation;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            hop.Outcome = FetchOutcome.Timeout;
            hop.Problem = $"no response within {options.MaxFetchTime.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            (hop.Outcome, hop.Problem) = Classify(e, url);
            hop.Certificate ??= certificates.GetValueOrDefault(url.IdnHost);
            hop.Address ??= connected.GetValueOrDefault((url.IdnHost, url.Port));
        }
        finally
        {
            lease?.Dispose();
            hop.Elapsed = clock.Elapsed;
        }
        return hop;
    }

    /// <summary>
    /// Reads the body as received, up to the size limit, within the time limit, at no less than the minimum rate.
    /// Whatever arrived before a cut is kept and the cut is recorded.
    /// </summary>
    private async Task ReadBodyAsync(FetchHop hop, HttpResponseMessage response, CancellationToken limit, CancellationToken caller)
    {
        using var stream = await response.Content.ReadAsStreamAsync(limit);
        var body = new ArrayBufferWriter<byte>(16 * 1024);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(limit);
        var windowStart = time.GetTimestamp();
        long windowBytes = 0;
        try
        {
            while (true)
            {
                var room = options.MaxBodyBytes - body.WrittenCount;
                if (room <= 0)
                {
                    Cut(hop, "length", $"body cut at {options.MaxBodyBytes} bytes");
                    break;
                }
                stall.CancelAfter(options.RateWindow * 2);
                int read;
                try
                {
                    read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, room)), stall.Token);
                }
                catch (OperationCanceledException) when (!caller.IsCancellationRequested)
                {
                    if (limit.IsCancellationRequested) Cut(hop, "time", $"body cut at the {options.MaxFetchTime.TotalSeconds:0.#} s time limit");
                    else Cut(hop, "time", $"no data for {(options.RateWindow * 2).TotalSeconds:0.#} s (tarpit)");
                    break;
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    Cut(hop, "disconnect", $"connection lost after {body.WrittenCount} body bytes: {e.Message}");
                    break;
                }
                if (read == 0) break;
                body.Write(buffer.AsSpan(0, read));
                windowBytes += read;
                var window = time.GetElapsedTime(windowStart);
                if (window >= options.RateWindow)
                {
                    var rate = windowBytes / window.TotalSeconds;
                    if (rate < options.MinBytesPerSecond)
                    {
                        Cut(hop, "time", $"body arriving at {rate:0} bytes/s, below the {options.MinBytesPerSecond} bytes/s minimum");
                        break;
                    }
                    windowStart = time.GetTimestamp();
                    windowBytes = 0;
                }
                stall.TryReset();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        hop.RawBody = body.WrittenSpan.ToArray();
    }

    private static void Cut(FetchHop hop, string warcReason, string words)
    {
        hop.WarcTruncated = warcReason;
        hop.Truncation = words;
    }

    private (FetchOutcome, string) Classify(HttpRequestException e, Uri url)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is ForbiddenAddressException forbidden) return (FetchOutcome.Refused, forbidden.Message);
            if (inner is UnresolvedNameException unresolved) return (FetchOutcome.Unresolved, unresolved.Message);
            if (inner is AuthenticationException auth)
            {
                var certificate = certificates.GetValueOrDefault(url.IdnHost);
                return (FetchOutcome.TlsRejected, certificate is { Errors.Length: > 0 }
                    ? $"TLS certificate rejected ({certificate.Errors}); subject {certificate.Subject}"
                    : $"TLS failed: {auth.Message}");
            }
        }
        if (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded || e.Message.Contains("header", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            return (FetchOutcome.HeadersTooLarge, $"response headers larger than {options.MaxResponseHeadersKiB} KiB");
        return (FetchOutcome.NetworkError, $"{e.HttpRequestError}: {e.InnerException?.Message ?? e.Message}");
    }

    private void StoreCookies(CookieContainer jar, Uri url, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
        var stored = 0;
        foreach (var value in values)
        {
            if (++stored > options.MaxCookiesPerSite) break;
            try
            {
                jar.SetCookies(url, value);
            }
            catch (CookieException)
            {
                // A malformed cookie is ignored, as a browser would.
            }
        }
        // A cookie for a public suffix (Domain=github.io) would reach every tenant of it: refused, as browsers do, whatever
        // form the header took (quoted domains, several cookies in one line).
        foreach (Cookie cookie in jar.GetAllCookies())
        {
            var domain = cookie.Domain.TrimStart('.');
            if (!domain.Equals(url.IdnHost, StringComparison.OrdinalIgnoreCase) && Domains.PublicSuffixes.Parse(domain).IsPublicSuffix) cookie.Expired = true;
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var host = context.DnsEndPoint.Host.TrimEnd('.').ToLowerInvariant();
        var port = context.DnsEndPoint.Port;
        IPAddress[] candidates;
        var explicitlyAllowed = options.Resolve.TryResolve(host, port, out var mapped);
        if (explicitlyAllowed) candidates = mapped;
        else if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) candidates = [literal];
        else candidates = await LookUpAsync(host, cancellation);

        string? refusal = null;
        Exception? failure = null;
        foreach (var address in candidates)
        {
            if (!explicitlyAllowed && AddressPolicy.Forbidden(address) is { } why)
            {
                refusal ??= $"{host} resolves to {address}, {why}";
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellation);
                connected[(host, port)] = address;
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
        }
        if (failure is not null) throw failure;
        throw new ForbiddenAddressException(refusal ?? $"{host} has no address");
    }

    /// <summary>Special-use top-level names (RFC 6761, 6762, 7686, 9476): asking DNS about them only leaks them.</summary>
    private static readonly HashSet<string> NeverLookedUp = ["invalid", "test", "example", "local", "onion", "alt"];

    private static async Task<IPAddress[]> LookUpAsync(string host, CancellationToken cancellation)
    {
        var tld = host[(host.LastIndexOf('.') + 1)..];
        if (NeverLookedUp.Contains(tld))
            throw new UnresolvedNameException($"{host} does not resolve: .{tld} names are never sent to DNS (give an address with --resolve)");
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellation);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
        {
            throw new UnresolvedNameException($"{host} does not resolve ({e.Message})", e);
        }
    }

    private bool CheckCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // Certificates are kept per host name (the callback is not told the port).
        var host = sender switch
        {
            HttpRequestMessage { RequestUri: { } uri } => uri.IdnHost,
            SslStream { TargetHostName: { } name } => name,
            _ => "",
        };
        if (certificate is not null)
        {
            using var copy = new X509Certificate2(certificate);
            certificates[host] = CertificateInfo.From(copy, errors == SslPolicyErrors.None ? "" : errors.ToString());
        }
        return errors == SslPolicyErrors.None || options.AcceptInvalidCertificates;
    }

    private static byte[] RequestHead(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var head = new StringBuilder();
        head.Append("GET ").Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}").Append("\r\n");
        foreach (var (name, values) in request.Headers.NonValidated)
            foreach (var value in values)
                head.Append(name).Append(": ").Append(name == "Authorization" ? "Basic [withheld]" : value).Append("\r\n");
        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    /// <summary>
    /// The response head re-serialised from the parsed response. Chunked transfer framing is removed from the
    /// recorded body, so the Transfer-Encoding header is left out too.
    /// </summary>
    private static byte[] ResponseHead(HttpResponseMessage response, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var head = new StringBuilder();
        head.Append("HTTP/").Append(response.Version.Major).Append('.').Append(response.Version.Minor).Append(' ')
            .Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) continue;
            head.Append(name).Append(": ").Append(value.Replace('\r', ' ').Replace('\n', ' ')).Append("\r\n");
        }
        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    public void Dispose()
    {
        client.Dispose();
        Gate.Dispose();
    }
}
