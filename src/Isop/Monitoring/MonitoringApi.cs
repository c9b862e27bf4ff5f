using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Crawling.Warc;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

public sealed record MonitorView(bool Enabled, int IntervalMinutes, IReadOnlyList<string> Seeds, int MaxPages, int MaxDepth, int DelayMs, int PerHost,
    bool RespectRobots, string? Profile, IReadOnlyList<string> Resolve, DateTimeOffset? NextRunAt, DateTimeOffset? LastRunAt)
{
    public static MonitorView Of(PlatformMonitor m) =>
        new(m.Enabled, m.IntervalMinutes, m.SeedList, m.MaxPages, m.MaxDepth, m.DelayMs, m.PerHost, m.RespectRobots, m.Profile, m.ResolveList, m.NextRunAt, m.LastRunAt);
}

/// <remarks>
/// <paramref name="Matched"/> counts listings recognised as works the platform's owner may see: it is given to the
/// owner's members only (null to others, whom it would tell how many works they cannot see were found).
/// </remarks>
public sealed record RunView(Guid Id, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, CrawlRunStatus Status, int Pages, int Listings, int? Matched, int New, int Signals, string? Problem, string IngestDigest)
{
    public static RunView Of(CrawlRun r, bool owner) => new(r.Id, r.StartedAt, r.FinishedAt, r.Status, r.Pages, r.Listings, owner ? r.Matched : null, r.New, r.Signals, r.Problem, r.IngestDigest);
}

public sealed record ObservationView(Guid Id, string Text, string? Href, string Kind, string? InfoHash, string? PageUrl, Guid? WorkId, string? WorkExternalId, string? WorkTitle,
    int? Season, int? Episode, double Confidence, string? Reasons, IReadOnlyList<ReasonView>? Why, JsonElement? Counters, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? EvidenceDigest, string? Evidence,
    string? Release = null, string? ReleaseGroup = null)
{
    /// <summary>The listing's magnet link: its own when it is one, else one made of its info-hash, named by its release or text.</summary>
    public string? Magnet => Href is { } href && href.StartsWith("magnet:?", StringComparison.OrdinalIgnoreCase) ? href : Isop.Crawling.Torrents.Magnet.UriOf(InfoHash, Release ?? Text);

    /// <summary>The TLP of the work it was recognised as (for an export row's TLP); not part of the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public Tlp? WorkTlp { get; init; }
}

public sealed record SightingView(string Type, string Value, string? Context, string? PageUrl, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>Monitoring of a platform through the API: its settings, runs, observations, signals and evidence records.</summary>
public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/platforms/{id:guid}").WithTags("Monitoring");
        group.MapGet("/monitor", GetMonitor).WithSummary("How the platform is monitored.");
        group.MapPut("/monitor", PutMonitor).RequireAuthorization(AccessServices.MemberPolicy).Accepts<MonitorSettingsInput>("application/json")
            .WithSummary("Change how the platform is monitored (start pages, schedule, manners, limits, profile, resolve map).");
        group.MapPost("/runs", RunNow).RequireAuthorization(AccessServices.MemberPolicy).WithSummary("Run the platform's monitoring now.");
        group.MapGet("/runs", Runs).WithSummary("The platform's monitoring runs, newest first.");
        group.MapGet("/observations", Observations).WithSummary("Listings seen on the platform, with the works they were recognised as.");
        group.MapGet("/observations/" + Exports.Route, ExportObservations)
            .WithSummary("The platform's listings as CSV or XLSX, with the list's filters (matched, q) and order (sort: last-seen, first-seen, confidence, text; dir).");
        group.MapGet("/signals", Signals).WithSummary("Operator identifiers seen on the platform.");
        group.MapGet("/signals/" + Exports.Route, ExportSignals).WithSummary("The platform's operator identifiers as CSV or XLSX.");
        group.MapGet("/evidence", Evidence).WithSummary("One WARC record of the platform's evidence, as a single-record WARC file.");
        group.MapGet("/evidence/body", EvidenceBody).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<MonitorView>, NotFound>> GetMonitor(IsopDb db, Guid id, CancellationToken ct)
    {
        var platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return platform is null ? TypedResults.NotFound() : TypedResults.Ok(MonitorView.Of(platform.Monitor));
    }

    private static async Task<Results<Ok<MonitorView>, NotFound, ValidationProblem>> PutMonitor(Platforms.PlatformWrites writes, Guid id, HttpRequest request, CancellationToken ct)
    {
        var platform = await writes.SetMonitorAsync(id, await ApiErrors.ReadInputAsync(request, MonitorSettingsInput.Read, ct), ct);
        return platform is null ? TypedResults.NotFound() : TypedResults.Ok(MonitorView.Of(platform.Monitor));
    }

    private static async Task<Results<Accepted<MonitorView>, NotFound>> RunNow(Platforms.PlatformWrites writes, Guid id, CancellationToken ct) =>
        await writes.RunNowAsync(id, ct) is { } platform
            ? TypedResults.Accepted($"/api/v1/platforms/{id}/runs", MonitorView.Of(platform.Monitor))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<Paged<RunView>>, NotFound>> Runs(IsopDb db, Guid id, int? page, int? pageSize, CancellationToken ct)
    {
        var owner = await db.Platforms.Where(p => p.Id == id).Select(p => (Guid?)p.OwnerOrganisationId).SingleOrDefaultAsync(ct);
        if (owner is null) return TypedResults.NotFound();
        var (number, size) = (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? 20, 1, 200));
        var query = db.CrawlRuns.AsNoTracking().Where(r => r.PlatformId == id);
        var total = await query.CountAsync(ct);
        var runs = await query.OrderByDescending(r => r.StartedAt).Page(number, size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<RunView>(runs.Select(r => RunView.Of(r, SeesAsOwner(db, owner.Value))).ToList(), total, number, size));
    }

    /// <summary>
    /// Whether the caller sees a platform's monitoring as its owner does: the matcher ran over the works the owner may
    /// see, so what it derived from them (matched counts, an abstention's reasons) is the owner's.
    /// </summary>
    private static bool SeesAsOwner(IsopDb db, Guid owner) => db.Caller.IsSystem || db.Caller.OrganisationId == owner;

    /// <summary>
    /// The orders of a platform's listings: last seen (newest first, the default), first seen, confidence (of a
    /// recognition the caller sees: a hidden one sorts as unrecognised), text.
    /// </summary>
    public static readonly Sorts<Observation> ObservationSorts = new Sorts<Observation>("last-seen")
        .Add("last-seen", o => o.LastSeen, descending: true)
        .Add("first-seen", o => o.FirstSeen, descending: true)
        .Add("confidence", o => o.Recognition != null && o.Recognition.WorkId != null ? o.Recognition.Confidence : 0, descending: true)
        .Add("text", o => o.Text);

    /// <summary>The platform's listings the caller may see, filtered (recognised or not, text) and sorted; null when the platform is not theirs to see.</summary>
    public static async Task<ObservationQuery?> ObservationQueryAsync(IsopDb db, Guid id, bool? matched, string? q, string? sort, string? dir, CancellationToken ct)
    {
        var owner = await db.Platforms.Where(p => p.Id == id).Select(p => (Guid?)p.OwnerOrganisationId).SingleOrDefaultAsync(ct);
        if (owner is null) return null;
        // The recognition comes through its own TLP filter: hidden when it speaks of a work the caller may not see.
        var query = db.Observations.AsNoTracking().Include(o => o.Recognition).Where(o => o.PlatformId == id);
        if (matched == true) query = query.Where(o => o.Recognition != null && o.Recognition.WorkId != null);
        if (matched == false) query = query.Where(o => o.Recognition == null || o.Recognition.WorkId == null);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLower();
            query = query.Where(o => o.Text.ToLower().Contains(term));
        }
        // The matcher ran over the works the owner may see: outside the owner, a listing's reasons and confidence are
        // shown only with a work the caller may see, so that a hidden recognition looks like any unrecognised listing.
        return new ObservationQuery(id, SeesAsOwner(db, owner.Value), query, ObservationSorts.Apply(query, sort, dir).ThenBy(o => o.Id));
    }

    /// <summary>The platform's listings as the caller sees them (filtered and sorted) with the works they were recognised as, and their total.</summary>
    public sealed record ObservationQuery(Guid PlatformId, bool Mine, IQueryable<Observation> Filtered, IOrderedQueryable<Observation> Ordered)
    {
        public async Task<List<ObservationView>> PageAsync(IsopDb db, int page, int size, Microsoft.Extensions.Localization.IStringLocalizer l, CancellationToken ct)
        {
            var rows = await Ordered.Page(page, size).ToListAsync(ct);
            var workIds = rows.Where(o => o.Recognition?.WorkId != null).Select(o => o.Recognition!.WorkId!.Value).Distinct().ToList();
            var works = await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
            return [.. rows.Select(o =>
            {
                var r = o.Recognition;
                var work = r?.WorkId is { } w ? works.GetValueOrDefault(w) : null;
                var why = (Mine || work is not null) && r is not null ? ReasonTexts.Views(l, ReasonTexts.Parse(r.Reasons)) : null;
                return new ObservationView(o.Id, o.Text, o.Href, o.Kind, o.InfoHash, o.PageUrl, work?.Id, work?.ExternalId, work?.OrderedTitles().FirstOrDefault()?.Text,
                    work is null ? null : r!.Season, work is null ? null : r!.Episode, Mine || work is not null ? r?.Confidence ?? 0 : 0, why is null ? null : string.Join("; ", why.Select(x => x.Text)), why, Counters(o.Counters),
                    o.FirstSeen, o.LastSeen, o.EvidenceDigest, o.WarcFile is null ? null : $"/api/v1/platforms/{PlatformId}/evidence?file={Uri.EscapeDataString(o.WarcFile)}&offset={o.WarcOffset}",
                    o.Release, o.ReleaseGroup)
                { WorkTlp = work?.Tlp };
            })];
        }
    }

    public static async Task<Paged<ObservationView>?> ObservationsAsync(IsopDb db, Guid id, bool? matched, string? q, string? sort, string? dir, int page, int size, Microsoft.Extensions.Localization.IStringLocalizer l, CancellationToken ct)
    {
        if (await ObservationQueryAsync(db, id, matched, q, sort, dir, ct) is not { } query) return null;
        var total = await query.Filtered.CountAsync(ct);
        return new Paged<ObservationView>(await query.PageAsync(db, page, size, l, ct), total, page, size);
    }

    // Stored by Isop as whole JSON; a value that is not (written before counters were kept whole) is left out, never a 500.
    private static JsonElement? Counters(string? stored)
    {
        if (stored is null) return null;
        try
        {
            using var document = JsonDocument.Parse(stored);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<Results<Ok<Paged<ObservationView>>, NotFound>> Observations(IsopDb db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, Guid id, bool? matched, string? q, string? sort, string? dir, int? page, int? pageSize, CancellationToken ct) =>
        await ObservationsAsync(db, id, matched, q, sort, dir, Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? 50, 1, 500), l, ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound();

    public static async Task<List<SightingView>?> SignalsAsync(IsopDb db, Guid id, CancellationToken ct)
    {
        if (!await db.Platforms.AnyAsync(p => p.Id == id, ct)) return null;
        return await SignalQuery(db, id).Select(s => new SightingView(s.Type, s.Value, s.Context, s.PageUrl, s.FirstSeen, s.LastSeen)).ToListAsync(ct);
    }

    private static IOrderedQueryable<SignalSighting> SignalQuery(IsopDb db, Guid id) =>
        db.SignalSightings.AsNoTracking().Where(s => s.PlatformId == id).OrderBy(s => s.Type).ThenBy(s => s.Value).ThenBy(s => s.Id);

    /// <summary>The platform's listings as on its page (the same filters and order), as CSV or XLSX; each row's TLP is the strictest of the platform's and the work's.</summary>
    private static async Task<Results<EmptyHttpResult, NotFound>> ExportObservations(HttpContext http, IsopDb db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l,
        Guid id, string format, bool? matched, string? q, string? sort, string? dir, CancellationToken ct)
    {
        var platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (platform is null || await ObservationQueryAsync(db, id, matched, q, sort, dir, ct) is not { } query) return TypedResults.NotFound();
        ExportColumn<ObservationView>[] columns =
        [
            new(l["Platform"], _ => platform.Name),
            new(l["Listing"], o => o.Text),
            new(l["Kind"], o => o.Kind),
            new(l["Link"], o => o.Href),
            new(l["Info-hash"], o => o.InfoHash),
            new(l["Magnet"], o => o.Magnet),
            new(l["Release"], o => o.Release),
            new(l["Release group"], o => o.ReleaseGroup),
            new(l["Page"], o => o.PageUrl),
            new(l["Work id"], o => o.WorkExternalId),
            new(l["Work"], o => o.WorkTitle),
            new(l["Season"], o => o.Season),
            new(l["Episode"], o => o.Episode),
            new(l["Confidence"], o => o.WorkId is null ? null : o.Confidence),
            new(l["Reasons"], o => o.WorkId is null ? null : o.Reasons),
            new(l["First seen (UTC)"], o => o.FirstSeen),
            new(l["Last seen (UTC)"], o => o.LastSeen),
            new(l["Evidence digest"], o => o.EvidenceDigest),
            new("TLP", o => (o.WorkTlp is { } w && w > platform.Tlp ? w : platform.Tlp).Label()),
        ];
        await Exports.WriteAsync(http, format, $"isop-listings-{Exports.Slug(platform.Domains.Select(d => d.Name).Order(StringComparer.Ordinal).FirstOrDefault(), id)}", columns,
            await query.Filtered.CountAsync(ct), async (page, size, c) => await query.PageAsync(db, page, size, l, c), ct);
        return TypedResults.Empty;
    }

    /// <summary>The platform's operator identifiers as on its page, as CSV or XLSX, under the platform's TLP.</summary>
    private static async Task<Results<EmptyHttpResult, NotFound>> ExportSignals(HttpContext http, IsopDb db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l,
        Guid id, string format, CancellationToken ct)
    {
        var platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (platform is null) return TypedResults.NotFound();
        var query = SignalQuery(db, id);
        ExportColumn<SignalSighting>[] columns =
        [
            new(l["Platform"], _ => platform.Name),
            new(l["Type"], s => s.Type),
            new(l["Value"], s => s.Value),
            new(l["Context"], s => s.Context),
            new(l["Page"], s => s.PageUrl),
            new(l["First seen (UTC)"], s => s.FirstSeen),
            new(l["Last seen (UTC)"], s => s.LastSeen),
            new("TLP", _ => platform.Tlp.Label()),
        ];
        await Exports.WriteAsync(http, format, $"isop-signals-{Exports.Slug(platform.Domains.Select(d => d.Name).Order(StringComparer.Ordinal).FirstOrDefault(), id)}", columns,
            await query.CountAsync(ct), async (page, size, c) => await query.Page(page, size).ToListAsync(c), ct);
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<List<SightingView>>, NotFound>> Signals(IsopDb db, Guid id, CancellationToken ct) =>
        await SignalsAsync(db, id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    /// <summary>
    /// The record at an offset of one of the platform's own evidence files (a path outside the platform's folder, a missing
    /// file or an offset past its end gives null); throws <see cref="WarcFormatException"/> or <see cref="InvalidDataException"/>
    /// when no record starts there.
    /// </summary>
    internal static WarcRecord? ReadRecord(MonitorSettings settings, Guid platformId, string file, long offset)
    {
        var root = Path.GetFullPath(Path.Combine(settings.EvidenceRoot, platformId.ToString("N")));
        var path = Path.GetFullPath(Path.Combine(settings.EvidenceRoot, file));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        if (offset >= stream.Length) return null;
        stream.Position = offset;
        return WarcReader.Read(stream).FirstOrDefault();
    }

    /// <summary>
    /// The captured body of a record, for the viewer's sandboxed frame: under <see cref="EvidenceViewer.BodyPolicy"/>
    /// (set by <see cref="SecurityHeaders"/>), never sniffed, as HTML or text only (anything else is a download).
    /// </summary>
    private static async Task<IResult> EvidenceBody(IsopDb db, MonitorSettings settings, HttpResponse http, Guid id, string? file, long? offset, CancellationToken ct)
    {
        if (await EvidenceViewer.ReadAsync(db, settings, id, file, offset, ct) is not { } view) return TypedResults.NotFound();
        http.Headers.CacheControl = "private, no-store";
        http.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        var body = view.Response?.Body ?? [];
        return view.Inline
            ? TypedResults.Bytes(body, view.ServedType)
            : TypedResults.File(body, view.ServedType, $"{Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(view.File))}-{view.Offset}.body");
    }

    /// <summary>Reads the record at the offset of one of the platform's own evidence files and returns it as a one-record WARC.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> Evidence(IsopDb db, MonitorSettings settings, Guid id, string? file, long? offset, CancellationToken ct)
    {
        if (!await db.Platforms.AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
        if (string.IsNullOrEmpty(file) || offset is not >= 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["file and offset are required"] });
        WarcRecord? record;
        try
        {
            record = ReadRecord(settings, id, file, offset.Value);
        }
        catch (Exception e) when (e is WarcFormatException or InvalidDataException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["offset"] = [$"no WARC record starts at byte {offset}: {e.Message}"] });
        }
        if (record is null) return TypedResults.NotFound();
        var path = Path.GetFullPath(Path.Combine(settings.EvidenceRoot, file));
        var head = new StringBuilder(record.Version).Append("\r\n");
        foreach (var (name, value) in record.Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("\r\n");
        byte[] body = [.. Encoding.UTF8.GetBytes(head.ToString()), .. record.Block, .. "\r\n\r\n"u8];
        return TypedResults.File(body, "application/warc", $"{Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(path))}-{offset}.warc");
    }
}
