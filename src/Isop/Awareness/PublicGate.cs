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

    /// <summary>Takes one request from the address's allowance; when none is left, the seconds until there is.</summary>
    public bool TryEnter(IPAddress? address, out int retryAfterSeconds)
    {
        var client = address is null ? IPAddress.None : address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        using var lease = _limiter.AttemptAcquire(client);
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
            await response.WriteAsJsonAsync(new ProblemDetailsView("Too many requests", 429,
                $"One address may ask {settings.PerMinute} times a minute; ask again in {retry} seconds."), context.RequestAborted);
            return;
        }
        if (await cache.TryServeAsync(context)) return;
        await next(context);
    }
}

/// <summary>
/// The check's answers as sent, kept per request (query and Accept-Language) for the index they were computed from:
/// the same question on the same index gets the same bytes, ETag and headers, without the pipeline behind. Requests
/// with cookies (a reader's chosen language) go the whole way. Bounded: when full, it starts again empty.
/// </summary>
public sealed class PublicAnswerCache(PublicIndex index)
{
    private const int MaxEntries = 20_000;
    private const string CheckPath = "/api/public/v1/check";

    private sealed record Entry(PublicSnapshot Snapshot, byte[] Body, string ETag);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private static string? KeyOf(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) || !request.Path.Equals(CheckPath, StringComparison.Ordinal) || request.Headers.ContainsKey("Cookie")) return null;
        var query = request.QueryString.Value ?? "";
        if (query.Length > SiteInput.MaxLength * 3 + 64) return null;
        return string.Concat(query, "\n", request.Headers.AcceptLanguage.ToString());
    }

    /// <summary>Keeps an answer the endpoint computed (for a request the cache may serve).</summary>
    public void Keep(HttpRequest request, PublicSnapshot snapshot, byte[] body, string etag)
    {
        if (KeyOf(request) is not { } key) return;
        if (_entries.Count >= MaxEntries) _entries.Clear();
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
