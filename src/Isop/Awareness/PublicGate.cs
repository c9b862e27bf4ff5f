using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Isop.Web;
using Microsoft.Extensions.Primitives;

namespace Isop.Awareness;

/// <summary>
/// The one door of everything the public reaches without signing in (<c>/api/public</c>, <c>/check</c>, <c>/report</c>,
/// <c>/stats</c>): <see cref="PublicSettings.PerMinute"/> requests a minute per client address, unless configuration
/// exempts the address, refused with a 429 that says when to ask again. It stands before the rest of the pipeline, so
/// a refused client costs little, and a check already answered from the current index is served from memory.
/// </summary>
public sealed class PublicGate(PublicSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter = PartitionedRateLimiter.Create<IPAddress, string>(address => settings.IsExempt(address)
        ? RateLimitPartition.GetNoLimiter("exempt")
        : RateLimitPartition.GetFixedWindowLimiter(address.ToString(), _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public static bool IsPublic(PathString path) =>
        path.StartsWithSegments("/api/public") || path.StartsWithSegments("/check") || path.StartsWithSegments("/report") || path.StartsWithSegments("/stats");

    /// <summary>
    /// The client an allowance is counted for: an IPv4 address, or an IPv6 address's /64 network (one subscriber's
    /// line gets a whole /64, and could otherwise take a new allowance with every address of it).
    /// </summary>
    public static IPAddress ClientOf(IPAddress? address)
    {
        if (address is null) return IPAddress.None;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address)) return address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    /// <summary>Takes one request from the address's allowance; when none is left, the seconds until there is.</summary>
    public bool TryEnter(IPAddress? address, out int retryAfterSeconds)
    {
        using var lease = _limiter.AttemptAcquire(ClientOf(address));
        retryAfterSeconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

public sealed class PublicGateMiddleware(RequestDelegate next, PublicGate gate, PublicAnswerCache cache, PublicSettings settings)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!PublicGate.IsPublic(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (!gate.TryEnter(context.Connection.RemoteIpAddress, out var retry))
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            PublicApi.Cors(response);
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await response.WriteAsJsonAsync(new ProblemDetailsView("Too many requests", 429,
                    $"One address may ask {settings.PerMinute} times a minute; ask again in {retry} seconds."), context.RequestAborted);
                return;
            }
            // A page: a page, in the reader's language (localisation has not run yet: the gate stands before it).
            var language = PublicApi.LanguageOf(null, context.Request.Headers.AcceptLanguage, []);
            var l = context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            var (title, text) = PublicApi.InLanguage(language, () => (l["Too many requests"].Value, l["You asked many times in the last minute; please try again in {0} seconds.", retry].Value));
            var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync($"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{encode.Encode(title)} · Isop</title></head>"
                + $"<body style=\"font-family: sans-serif; margin: 3rem auto; max-width: 40rem\"><h1>{encode.Encode(title)}</h1><p>{encode.Encode(text)}</p></body></html>", context.RequestAborted);
            return;
        }
        if (await cache.TryServeAsync(context)) return;
        await next(context);
    }
}

/// <summary>
/// The check's answers as sent, kept per question (the url, lang and country asked, and the language and country the
/// reader's Accept-Language gives) for the index they were computed from: the same question on the same index gets
/// the same bytes, ETag and headers without the pipeline behind. Bounded by bytes: when full, it starts again empty.
/// </summary>
public sealed class PublicAnswerCache(PublicIndex index)
{
    private const long MaxBytes = 64L << 20;
    private const string CheckPath = "/api/public/v1/check";

    private sealed record Entry(PublicSnapshot Snapshot, byte[] Body, string ETag);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _bytes, _hits;

    /// <summary>How many answers were served from memory.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    private static string? KeyOf(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) || !request.Path.Equals(CheckPath, StringComparison.Ordinal)) return null;
        var query = request.Query;
        if (query["url"] is not { Count: 1 } url || url[0] is not { Length: > 0 and <= SiteInput.MaxLength } asked || query["lang"].Count > 1 || query["country"].Count > 1) return null;
        var (lang, country) = (query["lang"].ToString(), query["country"].ToString());
        if (lang.Length > 16 || country.Length > 16) return null;
        var accept = request.Headers.AcceptLanguage.ToString();
        var none = new Dictionary<string, string[]>();
        return string.Join('\n', asked, lang, country, PublicApi.LanguageOf(null, accept, none), SiteAnswers.CountryOf(null, accept) ?? "");
    }

    /// <summary>Keeps an answer the endpoint computed.</summary>
    public void Keep(HttpRequest request, PublicSnapshot snapshot, byte[] body, string etag)
    {
        if (KeyOf(request) is not { } key) return;
        if (Interlocked.Add(ref _bytes, body.Length + key.Length * 2 + 200) > MaxBytes)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }
        _entries[key] = new Entry(snapshot, body, etag);
    }
    /// <summary>Writes a kept answer, if there is one for this request and the index it came from is still current.</summary>
    public async ValueTask<bool> TryServeAsync(HttpContext context)
    {
        if (KeyOf(context.Request) is not { } key || !_entries.TryGetValue(key, out var entry) || !index.IsCurrent(entry.Snapshot)) return false;
        var response = context.Response;
        PublicApi.Cors(response);
        response.Headers.Vary = "Accept-Language";
        response.Headers.ETag = entry.ETag;
        response.Headers.CacheControl = "public, max-age=300";
        var tags = context.Request.Headers.IfNoneMatch;
        if (!StringValues.IsNullOrEmpty(tags) && Matches(tags, entry.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }
        Interlocked.Increment(ref _hits);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = entry.Body.Length;
        await response.Body.WriteAsync(entry.Body, context.RequestAborted);
        return true;
    }

    private static bool Matches(StringValues header, string etag)
    {
        foreach (var value in header)
            foreach (var part in (value ?? "").Split(','))
            {
                var tag = part.Trim();
                if (tag == "*" || tag == etag || (tag.StartsWith("W/", StringComparison.Ordinal) && tag[2..] == etag)) return true;
            }
        return false;
    }
}
