using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Isop.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Isop.Awareness;

public static class AwarenessServices
{

    public static IServiceCollection AddAwareness(this IServiceCollection services)
    {
        // Read from the server's configuration once it is built, so that every configuration source has been applied.
        services.AddSingleton(sp => PublicSettings.Read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<PublicIndex>();
        services.AddSingleton<TipChallenge>();
        services.AddSingleton<TipLimiter>();
        services.AddScoped<Tips>();
        services.AddHostedService<PublicIndexRefresh>();
        services.AddSingleton<PublicGate>();
        services.AddSingleton<PublicAnswerCache>();
        return services;
    }

}

/// <summary>Builds the public index at start, and again each refresh period, so that answers seldom wait for it.</summary>
public sealed class PublicIndexRefresh(PublicIndex index, PublicSettings settings, TimeProvider time, ILogger<PublicIndexRefresh> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Refresh, time);
        do
        {
            try
            {
                await index.RebuildAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may not be migrated yet at start: the next period, or the next answer, builds it.
                log.LogDebug(e, "The public index could not be built now");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// The public API: anonymous, cross-origin readable, cacheable, rate-limited per client. Every answer comes from the
/// public index (TLP:CLEAR only), so a record at GREEN or stricter gives exactly what an unknown name gives.
/// </summary>
public static class PublicApi
{
    // Every script as it is (Korean stays readable), and what is HTML-sensitive (< > & ' ") escaped all the same.
    private static readonly JsonWriterOptions Writing = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        // Limited per client by the public gate, in front of the whole pipeline.
        var group = app.MapGroup("/api/public/v1").WithTags("Public").AllowAnonymous();
        group.MapGet("/check", Check).WithSummary("Check a link or a domain: a known piracy site (since when, what kind, its network, where blocked), a legal service, or unknown; the risks, and where to watch legally. From TLP:CLEAR data only.")
            .Produces<SiteAnswerView>().ProducesValidationProblem();
        group.MapGet("/stats", Stats).WithSummary("The public statistics, from TLP:CLEAR data only: platforms known (by kind), taken down, blocked (by jurisdiction), notices sent, works protected, legal services, networks, and the last twelve months.")
            .Produces<PublicStatsView>();
        group.MapMethods("/stats", ["OPTIONS"], (HttpContext context) => Preflight(context, "GET, OPTIONS", "If-None-Match, Accept-Language")).ExcludeFromDescription();
        group.MapMethods("/check", ["OPTIONS"], (HttpContext context) => Preflight(context, "GET, OPTIONS", "If-None-Match, Accept-Language")).ExcludeFromDescription();
        return app;
    }

    /// <summary>A CORS preflight's answer: the methods and request headers a public endpoint takes, for a day.</summary>
    internal static IResult Preflight(HttpContext context, string methods, string headers)
    {
        Cors(context.Response);
        context.Response.Headers.AccessControlAllowMethods = methods;
        context.Response.Headers.AccessControlAllowHeaders = headers;
        context.Response.Headers.AccessControlMaxAge = "86400";
        return TypedResults.NoContent();
    }

    /// <summary>Any site may read public answers (no credentials are involved).</summary>
    internal static void Cors(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = "ETag, Retry-After";
    }

    private static async Task<IResult> Check(HttpContext context, PublicIndex index, PublicAnswerCache cache, IStringLocalizer<SharedResource> l, TimeProvider time, string? url, string? lang, string? country)
    {
        Cors(context.Response);
        context.Response.Headers.Vary = "Accept-Language";
        var errors = new Dictionary<string, string[]>();
        if (!SiteInput.TryRead(url, out var input, out var problem)) errors["url"] = [problem];
        var language = LanguageOf(lang, context.Request.Headers.AcceptLanguage, errors);
        if (string.IsNullOrWhiteSpace(country)) country = null;
        else if (!Access.Countries.IsAssigned(country.Trim().ToUpperInvariant())) errors["country"] = ["expected an ISO 3166-1 alpha-2 code such as KR or FR"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var snapshot = await index.CurrentAsync(context.RequestAborted);
        var answer = InLanguage(language, () => SiteAnswers.Answer(url!.Trim(), input, snapshot, time.GetUtcNow(), SiteAnswers.CountryOf(country, context.Request.Headers.AcceptLanguage), l));
        var body = Write(answer);
        return Cacheable(context, body, etag => cache.Keep(context.Request, snapshot, body, etag));
    }

    /// <summary>What <paramref name="produce"/> says in one of Isop's languages (en, fr, ko), whatever the request's culture.</summary>
    internal static T InLanguage<T>(string language, Func<T> produce)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return produce();
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>
    /// A public JSON answer: its ETag a strong validator of the bytes (the same answer, the same tag, whatever it was
    /// computed from), cacheable for five minutes, 304 when the client has it already.
    /// </summary>
    private static IResult Cacheable(HttpContext context, byte[] body, Action<string>? keep = null)
    {
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body), 0, 12)}\"");
        keep?.Invoke(etag.Tag.Value!);
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(5) };
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    private static async Task<IResult> Stats(HttpContext context, PublicIndex index, IStringLocalizer<SharedResource> l, string? lang)
    {
        Cors(context.Response);
        context.Response.Headers.Vary = "Accept-Language";
        var errors = new Dictionary<string, string[]>();
        var language = LanguageOf(lang, context.Request.Headers.AcceptLanguage, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var statistics = (await index.CurrentAsync(context.RequestAborted)).Statistics;
        var view = InLanguage(language, () => PublicStatsView.Of(statistics, l));
        return Cacheable(context, JsonSerializer.SerializeToUtf8Bytes(view, StatsJson));
    }

    /// <summary>
    /// The language of a public answer: the one asked for (?lang=, "fr-FR" read as fr), else the first of the reader's
    /// Accept-Language that Isop speaks, by quality; never a cookie, so that an answer varies only with its URL and
    /// Accept-Language (what caches are told).
    /// </summary>
    internal static string LanguageOf(string? lang, string? acceptLanguage, Dictionary<string, string[]> errors)
    {
        if (!string.IsNullOrWhiteSpace(lang))
        {
            var primary = lang.Trim().Split('-', '_')[0].ToLowerInvariant();
            if (primary is "en" or "fr" or "ko") return primary;
            errors["lang"] = ["expected en, fr or ko"];
            return "en";
        }
        if (string.IsNullOrEmpty(acceptLanguage) || acceptLanguage.Length > 1000) return "en";
        if (!StringWithQualityHeaderValue.TryParseList(acceptLanguage.Split(','), out var values)) return "en";
        foreach (var value in values.OrderByDescending(v => v.Quality ?? 1))
        {
            var primary = value.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (primary is "en" or "fr" or "ko") return primary;
        }
        return "en";
    }

    private static readonly JsonSerializerOptions StatsJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The answer as JSON; every field present in every answer, so that a known and an unknown name differ only in values.</summary>
    internal static byte[] Write(SiteAnswer a)
    {
        using var buffer = new MemoryStream(1024);
        using (var w = new Utf8JsonWriter(buffer, Writing))
        {
            w.WriteStartObject();
            w.WriteString("input", a.Input);
            w.WriteString("domain", a.Domain);
            w.WriteString("displayDomain", a.DisplayDomain);
            w.WriteString("verdict", SiteAnswers.NameOf(a.Verdict));
            w.WriteString("headline", a.Headline);
            w.WriteString("explanation", a.Explanation);
            WriteOrNull(w, "platform", a.Platform);
            WriteOrNull(w, "since", a.Since?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            WriteOrNull(w, "kind", a.Kind is { } kind ? JsonSerializer.Serialize(kind).Trim('"') : null);
            WriteOrNull(w, "kindLabel", a.KindLabel);
            w.WriteNumber("networkSize", a.NetworkSize);
            w.WriteStartArray("blocked");
            foreach (var b in a.Blocked)
            {
                w.WriteStartObject();
                w.WriteString("jurisdiction", b.Jurisdiction);
                w.WriteString("since", b.Since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteOrNull(w, "takenDownSince", a.TakenDownSince?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteStartArray("risks");
            foreach (var r in a.Risks) w.WriteStringValue(r);
            w.WriteEndArray();
            w.WriteStartArray("riskCodes");
            foreach (var r in a.RiskCodes) w.WriteStringValue(r);
            w.WriteEndArray();
            w.WriteStartArray("alternatives");
            foreach (var x in a.Alternatives)
            {
                w.WriteStartObject();
                w.WriteString("work", x.Work);
                w.WriteString("service", x.Service);
                w.WriteString("url", x.Url);
                WriteOrNull(w, "country", x.Country);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteOrNull(w, "legalService", a.LegalService);
            w.WriteBoolean("shortener", a.Shortener);
            WriteOrNull(w, "shortLink", a.ShortLink);
            w.WriteString("language", a.Language);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}

/// <summary>A kind of platform and how many are known, with its name in the reader's language.</summary>
public sealed record PublicKindCount(string Kind, string Label, int Count);

/// <summary>A jurisdiction and how many platforms are blocked there.</summary>
public sealed record PublicJurisdictionCount(string Jurisdiction, int Count);

/// <summary>The shape of <c>GET /api/public/v1/stats</c>: every number from TLP:CLEAR records only.</summary>
public sealed record PublicStatsView(DateTimeOffset GeneratedAt, int Platforms, int TakenDown, int Blocked, int NoticesSent, int WorksProtected, int LegalServices,
    int Networks, IReadOnlyList<PublicKindCount> Kinds, IReadOnlyList<PublicJurisdictionCount> BlockedIn, IReadOnlyList<PublicMonth> Months, string Language)
{
    public static PublicStatsView Of(PublicStatistics s, IStringLocalizer<SharedResource> l) => new(
        s.GeneratedAt, s.Platforms, s.TakenDown, s.Blocked, s.NoticesSent, s.WorksProtected, s.LegalServices, s.Networks,
        [.. Enum.GetValues<Isop.Platforms.PlatformKind>().Select(k => new PublicKindCount(Isop.Platforms.PlatformKinds.NameOf(k), l[KindLabels.Of(k)], s.ByKind.GetValueOrDefault(k)))],
        [.. s.BlockedIn.OrderByDescending(b => b.Value).ThenBy(b => b.Key, StringComparer.Ordinal).Select(b => new PublicJurisdictionCount(b.Key, b.Value))],
        s.Months, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "fr" or "ko" ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : "en");
}

/// <summary>The shape of <c>GET /api/public/v1/check</c>, for the API's description.</summary>
public sealed record SiteAnswerView(string Input, string Domain, string DisplayDomain, string Verdict, string Headline, string Explanation, string? Platform,
    DateTimeOffset? Since, string? Kind, string? KindLabel, int NetworkSize, IReadOnlyList<PublicBlock> Blocked, DateTimeOffset? TakenDownSince,
    IReadOnlyList<string> Risks, IReadOnlyList<string> RiskCodes, IReadOnlyList<Alternative> Alternatives, string? LegalService, bool Shortener, string? ShortLink, string Language);
