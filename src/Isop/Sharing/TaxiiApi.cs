using System.Globalization;
using System.Text.Json;
using Isop.Access;
using Isop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Isop.Sharing;

/// <summary>
/// A TAXII 2.1 server at <c>/taxii2/</c>: discovery, one API root, a collection per organisation (its records as STIX
/// and what it imported) and per sharing group (what its members post into it, listed to its members only), objects
/// with paging and filters, manifests, versions, and status resources for posts. Every
/// read goes through the central TLP rule: an object is served only to a caller its marking admits. Clients
/// authenticate with an API token, as a bearer token or as HTTP Basic's password.
/// </summary>
public static class TaxiiApi
{
    public const string MediaType = "application/taxii+json;version=2.1";
    public const string StixMediaType = "application/stix+json;version=2.1";
    public const string Root = "/taxii2/api/";
    public const int MaxContentLength = 100 * 1024 * 1024;
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapTaxii(this IEndpointRouteBuilder app)
    {
        var taxii = app.MapGroup("/taxii2").WithTags("TAXII 2.1").AllowAnonymous().AddEndpointFilter(Negotiate).DisableAntiforgery();
        taxii.MapGet("/", Discovery).WithSummary("TAXII discovery: the server and its API root.");
        taxii.MapGet("/api/", ApiRoot).WithSummary("The API root.");
        taxii.MapGet("/api/status/{id}/", Status).WithSummary("The status of a POST of objects.");
        taxii.MapGet("/api/collections/", Collections).WithSummary("The collections: one per organisation.");
        taxii.MapGet("/api/collections/{collection}/", Collection);
        taxii.MapGet("/api/collections/{collection}/objects/", Objects).WithSummary("Objects of a collection you may read, with added_after, limit, next and match[id|type|version|spec_version].");
        taxii.MapPost("/api/collections/{collection}/objects/", Post).WithSummary("Adds an envelope of STIX objects to your organisation's collection.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxContentLength));
        taxii.MapGet("/api/collections/{collection}/objects/{id}/", Object).WithSummary("One object's versions (match[version], default the last).");
        taxii.MapGet("/api/collections/{collection}/objects/{id}/versions/", Versions);
        taxii.MapGet("/api/collections/{collection}/manifest/", Manifest);
        // Anything else under /taxii2/ is answered the TAXII way too.
        taxii.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Post], (string? path) =>
            Error(StatusCodes.Status404NotFound, "Not found", $"There is no TAXII resource /taxii2/{Clip(path ?? "")}: GET /taxii2/ (discovery) and {Root}collections/ list what there is."));
        taxii.MapMethods("/{**path}", [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (HttpRequest request) =>
            Error(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"{request.Method} is not supported: this server's TAXII resources answer GET, and POST for a collection's objects."));
        return app;
    }

    /// <summary>Authentication, the Accept header and errors the TAXII way, before any endpoint runs.</summary>
    private static async ValueTask<object?> Negotiate(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var accept = http.Request.Headers.Accept.ToString();
        if (accept.Length > 0 && !Acceptable(accept))
            return Error(StatusCodes.Status406NotAcceptable, "Not acceptable", $"The server answers with {MediaType}; the request accepts only \"{Clip(accept)}\".");
        var caller = Caller.FromPrincipal(http.User);
        if (!caller.IsMember)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Isop TAXII\", Bearer";
            var problem = http.Request.Headers.Authorization.Count == 0
                ? "Authenticate with an API token: Authorization: Bearer isop_…, or HTTP Basic with the token as the password."
                : "The credentials were refused: give a valid, unexpired API token (as the bearer token, or as HTTP Basic's password).";
            return Error(StatusCodes.Status401Unauthorized, "Authentication required", problem);
        }
        try
        {
            return await next(context);
        }
        catch (TaxiiException e)
        {
            return Error(e.Status, e.Title, e.Message);
        }
        catch (AccessDeniedException e)
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", e.Message);
        }
    }

    private static bool Acceptable(string accept) =>
        accept.Split(',').Select(a => a.Trim()).Any(a =>
        {
            var type = a.Split(';')[0].Trim().ToLowerInvariant();
            var version = a.Split(';').Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("version=", StringComparison.OrdinalIgnoreCase));
            return type is "*/*" or "application/*" or "application/json"
                   || (type is "application/taxii+json" or "application/stix+json" && (version is null || version.EndsWith("=2.1", StringComparison.Ordinal)));
        });

    private sealed class TaxiiException(int status, string title, string message) : Exception(message)
    {
        public int Status { get; } = status;
        public string Title { get; } = title;
    }

    /// <summary>A TAXII error message.</summary>
    private static IResult Error(int status, string title, string description) =>
        Taxii(new { title, description, http_status = status.ToString(CultureInfo.InvariantCulture) }, status);

    private static readonly JsonSerializerOptions TaxiiJson = new(StixReader.Compact) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>A TAXII response: its media type exactly as the specification writes it.</summary>
    private static IResult Taxii(object body, int status = StatusCodes.Status200OK) =>
        new TaxiiResult(JsonSerializer.SerializeToUtf8Bytes(body, TaxiiJson), status);

    private sealed class TaxiiResult(byte[] body, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = MediaType;
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }

    private static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static IResult Discovery(HttpRequest request) => Taxii(new
    {
        title = "Isop TAXII 2.1",
        description = "Piracy intelligence shared under TLP 2.0: platforms, their domains and operator identifiers, operations, release groups, sightings.",
        contact = "The operator of this Isop server",
        @default = Base(request) + Root,
        api_roots = new[] { Base(request) + Root },
    });

    private static IResult ApiRoot() => Taxii(new
    {
        title = "Isop",
        description = "One collection per organisation: its records as STIX 2.1 and what it imported, as TLP lets you read them.",
        versions = new[] { MediaType },
        max_content_length = MaxContentLength,
    });

    /// <summary>A collection: an organisation's, or (with <paramref name="Members"/>) a sharing group's.</summary>
    private sealed record CollectionInfo(Guid Id, string Name, IReadOnlyList<Guid>? Members = null)
    {
        public bool IsGroup => Members is not null;
    }

    /// <summary>The organisations, cached briefly: naming a collection costs no database round trip.</summary>
    private static async Task<IReadOnlyDictionary<Guid, CollectionInfo>> CollectionsAsync(IsopDb db, IMemoryCache cache, bool fresh, CancellationToken ct)
    {
        if (!fresh && cache.TryGetValue("taxii:collections", out IReadOnlyDictionary<Guid, CollectionInfo>? known) && known is not null) return known;
        var all = await db.Organisations.AsNoTracking().OrderBy(o => o.CreatedAt).Select(o => new CollectionInfo(o.Id, o.Name)).ToListAsync(ct);
        var map = all.ToDictionary(c => c.Id);
        cache.Set("taxii:collections", (IReadOnlyDictionary<Guid, CollectionInfo>)map, TimeSpan.FromMinutes(5));
        return map;
    }

    private static async Task<CollectionInfo> CollectionOf(IsopDb db, IMemoryCache cache, string collection, CancellationToken ct)
    {
        if (Guid.TryParseExact(collection, "D", out var id))
        {
            var known = await CollectionsAsync(db, cache, false, ct);
            if (known.TryGetValue(id, out var info)) return info;
            // A sharing group's collection, read afresh (membership decides who may read it): absent to non-members.
            if (await GroupsOf(db).Where(g => g.Id == id).SingleOrDefaultAsync(ct) is { } group) return Of(group);
            known = await CollectionsAsync(db, cache, true, ct);
            if (known.TryGetValue(id, out info)) return info;
        }
        throw new TaxiiException(StatusCodes.Status404NotFound, "Collection not found", $"There is no collection \"{Clip(collection)}\"; GET {Root}collections/ lists them.");
    }

    /// <summary>The sharing groups the caller's organisation is a member of (platform admins manage groups, but read only their own).</summary>
    private static IQueryable<SharingGroup> GroupsOf(IsopDb db)
    {
        var organisation = db.Caller.OrganisationId;
        return db.Set<SharingGroup>().AsNoTracking().Include(g => g.Members).Where(g => organisation != null && g.Members.Any(m => m.OrganisationId == organisation));
    }

    private static CollectionInfo Of(SharingGroup g) => new(g.Id, g.Name, g.Members.Select(m => m.OrganisationId).ToList());

    /// <summary>Who may add objects: an organisation's analysts and admins to its own; to a group's, those of its members.</summary>
    private static bool CanWrite(CollectionInfo c, Caller caller) =>
        c.IsGroup ? caller.OrganisationId is { } o && c.Members!.Contains(o) && caller.CanWriteFor(o) : caller.CanWriteFor(c.Id);

    private static object Describe(CollectionInfo c, Caller caller) => new
    {
        id = c.Id.ToString("D"),
        title = c.Name,
        description = c.IsGroup
            ? $"Sharing group {c.Name}: what its member organisations post, as TLP lets you read it (TLP:AMBER reaches the organisations that were members when it was posted)."
            : $"{c.Name}: its records as STIX 2.1 and the objects it imported, as TLP lets you read them.",
        can_read = true,
        can_write = CanWrite(c, caller),
        media_types = new[] { StixMediaType },
    };

    private static async Task<IResult> Collections(IsopDb db, IMemoryCache cache, CancellationToken ct)
    {
        var all = await CollectionsAsync(db, cache, true, ct);
        var groups = await GroupsOf(db).OrderBy(g => g.Name).ToListAsync(ct);
        return Taxii(new { collections = all.Values.Concat(groups.Select(Of)).Select(c => Describe(c, db.Caller)).ToList() });
    }

    /// <summary>An organisation's records are published into its collection before it is read; a group's holds what was posted.</summary>
    private static Task PublishedAsync(StixSharing sharing, CollectionInfo c, CancellationToken ct) =>
        c.IsGroup ? Task.CompletedTask : sharing.EnsurePublishedAsync(c.Id, ct);

    private static async Task<IResult> Collection(IsopDb db, IMemoryCache cache, string collection, CancellationToken ct) =>
        Taxii(Describe(await CollectionOf(db, cache, collection, ct), db.Caller));

    /// <summary>The filters of a TAXII request, checked: each bad one is a 400 that names it.</summary>
    private sealed record Filter(int Limit, DateTimeOffset? After, IReadOnlyList<string>? Ids, IReadOnlyList<string>? Types, string Version, IReadOnlyList<string>? Versions, IReadOnlyList<string> Specs);

    private static Filter ReadFilter(HttpRequest request, bool versionsDefaultAll = false)
    {
        var q = request.Query;
        var limit = DefaultLimit;
        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
            throw Bad("limit", $"expected a whole number from 1 to {MaxLimit}, got \"{Clip(l.ToString())}\"");
        limit = Math.Min(limit, MaxLimit);
        DateTimeOffset? after = null;
        if (q.TryGetValue("added_after", out var a))
        {
            if (!StixJson.TryParseTimestamp(a, out var at)) throw Bad("added_after", $"expected a timestamp like 2026-12-01T10:00:00.000Z, got \"{Clip(a.ToString())}\"");
            after = at;
        }
        if (q.TryGetValue("next", out var n))
        {
            if (!TryCursor(n, out var cursor)) throw Bad("next", "is not a value this server gave in \"next\"");
            after = after is { } x && x > cursor ? x : cursor;
        }
        var ids = List(q, "match[id]");
        if (ids?.FirstOrDefault(i => !StixJson.IsIdentifier(i)) is { } badId) throw Bad("match[id]", $"expected STIX identifiers (type--UUID), got \"{Clip(badId)}\"");
        var types = List(q, "match[type]");
        if (types?.FirstOrDefault(t => !StixJson.IsTypeName(t)) is { } badType) throw Bad("match[type]", $"expected STIX types, got \"{Clip(badType)}\"");
        var version = versionsDefaultAll ? "all" : "last";
        IReadOnlyList<string>? versions = null;
        if (List(q, "match[version]") is { } vs)
        {
            if (vs.Count == 1 && vs[0] is "last" or "first" or "all") version = vs[0];
            else
            {
                var keys = new List<string>();
                foreach (var v in vs)
                {
                    if (v is "last" or "first" or "all") throw Bad("match[version]", "last, first and all stand alone; timestamps may be listed");
                    if (!StixJson.TryParseTimestamp(v, out var at)) throw Bad("match[version]", $"expected last, first, all or timestamps, got \"{Clip(v)}\"");
                    keys.Add(StixJson.Microseconds(at));
                }
                version = "at";
                versions = keys;
            }
        }
        var specs = List(q, "match[spec_version]") ?? ["2.1"];
        return new Filter(limit, after, ids, types, version, versions, specs);
    }

    private static TaxiiException Bad(string parameter, string message) =>
        new(StatusCodes.Status400BadRequest, "Bad request", $"{parameter}: {message}");

    private static List<string>? List(IQueryCollection q, string name) =>
        q.TryGetValue(name, out var v) ? v.SelectMany(x => (x ?? "").Split(',')).Select(x => x.Trim()).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).Take(1000).ToList() : null;

    private static string Cursor(DateTimeOffset added) => "n" + added.UtcTicks.ToString("x", CultureInfo.InvariantCulture);

    private static bool TryCursor(string? text, out DateTimeOffset at)
    {
        at = default;
        if (text is not { Length: > 1 and < 20 } || text[0] != 'n' || !long.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>The objects of a collection the caller may read (the central rule applies), filtered as asked, in date_added order.</summary>
    private static IQueryable<StixObjectRecord> Query(IsopDb db, Guid collection, Filter f, string? id = null)
    {
        var q = db.StixObjects.AsNoTracking().Where(o => o.CollectionId == collection);
        if (id is not null) q = q.Where(o => o.StixId == id);
        if (f.Ids is { } ids) q = q.Where(o => ids.Contains(o.StixId));
        if (f.Types is { } types) q = q.Where(o => types.Contains(o.Type));
        var specs = f.Specs;
        q = q.Where(o => specs.Contains(o.SpecVersion));
        q = f.Version switch
        {
            "last" => q.Where(o => o.Latest),
            "first" => q.Where(o => !db.StixObjects.Any(x => x.CollectionId == o.CollectionId && x.OwnerOrganisationId == o.OwnerOrganisationId && x.StixId == o.StixId
                                                             && (x.Modified != null && o.Modified != null ? x.Modified < o.Modified : x.DateAdded < o.DateAdded))),
            "at" => q.Where(o => f.Versions!.Contains(o.VersionKey)),
            _ => q,
        };
        if (f.After is { } after) q = q.Where(o => o.DateAdded > after);
        return q.OrderBy(o => o.DateAdded);
    }

    private sealed record Row(string Json, DateTimeOffset DateAdded);

    private static async Task<IResult> Objects(IsopDb db, IMemoryCache cache, StixSharing sharing, HttpContext http, string collection, CancellationToken ct)
    {
        var c = await CollectionOf(db, cache, collection, ct);
        var filter = ReadFilter(http.Request);
        await PublishedAsync(sharing, c, ct);
        var rows = await Query(db, c.Id, filter).Select(o => new Row(o.Json, o.DateAdded)).Take(filter.Limit + 1).ToListAsync(ct);
        return Envelope(http, rows, filter.Limit);
    }

    private static async Task<IResult> Object(IsopDb db, IMemoryCache cache, StixSharing sharing, HttpContext http, string collection, string id, CancellationToken ct)
    {
        var c = await CollectionOf(db, cache, collection, ct);
        if (!StixJson.IsIdentifier(id)) throw Bad("object id", $"expected a STIX identifier (type--UUID), got \"{Clip(id)}\"");
        var filter = ReadFilter(http.Request);
        await PublishedAsync(sharing, c, ct);
        var rows = await Query(db, c.Id, filter, id).Select(o => new Row(o.Json, o.DateAdded)).Take(filter.Limit + 1).ToListAsync(ct);
        // An object the caller may not read is as absent as one that does not exist.
        if (rows.Count == 0 && filter.After is null)
            throw new TaxiiException(StatusCodes.Status404NotFound, "Object not found", $"No object {id} that you may read is in this collection.");
        return Envelope(http, rows, filter.Limit);
    }

    private static IResult Envelope(HttpContext http, List<Row> rows, int limit)
    {
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        SetRange(http, rows.Select(r => r.DateAdded).ToList());
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = StixReader.Compact.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("more", more);
            if (more) writer.WriteString("next", Cursor(rows[^1].DateAdded));
            if (rows.Count > 0)
            {
                writer.WriteStartArray("objects");
                foreach (var r in rows) writer.WriteRawValue(r.Json, skipInputValidation: true);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return new TaxiiResult(buffer.ToArray(), StatusCodes.Status200OK);
    }

    private sealed record ManifestRow(string StixId, DateTimeOffset DateAdded, DateTimeOffset? Modified, DateTimeOffset? Created);

    private static string VersionOf(ManifestRow r) => StixJson.Version(r.Modified ?? r.Created ?? r.DateAdded);

    private static async Task<IResult> Manifest(IsopDb db, IMemoryCache cache, StixSharing sharing, HttpContext http, string collection, CancellationToken ct)
    {
        var c = await CollectionOf(db, cache, collection, ct);
        var filter = ReadFilter(http.Request);
        await PublishedAsync(sharing, c, ct);
        var rows = await Query(db, c.Id, filter).Select(o => new ManifestRow(o.StixId, o.DateAdded, o.Modified, o.Created)).Take(filter.Limit + 1).ToListAsync(ct);
        var more = rows.Count > filter.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        SetRange(http, rows.Select(r => r.DateAdded).ToList());
        var objects = rows.Select(r => new { id = r.StixId, date_added = StixJson.Microseconds(r.DateAdded), version = VersionOf(r), media_type = StixMediaType }).ToList();
        return more
            ? Taxii(new { more, next = Cursor(rows[^1].DateAdded), objects })
            : objects.Count > 0 ? Taxii(new { more, objects }) : Taxii(new { more });
    }

    private static async Task<IResult> Versions(IsopDb db, IMemoryCache cache, StixSharing sharing, HttpContext http, string collection, string id, CancellationToken ct)
    {
        var c = await CollectionOf(db, cache, collection, ct);
        if (!StixJson.IsIdentifier(id)) throw Bad("object id", $"expected a STIX identifier (type--UUID), got \"{Clip(id)}\"");
        var filter = ReadFilter(http.Request, versionsDefaultAll: true) with { Version = "all" };
        await PublishedAsync(sharing, c, ct);
        var rows = await Query(db, c.Id, filter, id).Select(o => new ManifestRow(o.StixId, o.DateAdded, o.Modified, o.Created)).Take(filter.Limit + 1).ToListAsync(ct);
        if (rows.Count == 0 && filter.After is null)
            throw new TaxiiException(StatusCodes.Status404NotFound, "Object not found", $"No object {id} that you may read is in this collection.");
        var more = rows.Count > filter.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        SetRange(http, rows.Select(r => r.DateAdded).ToList());
        var versions = rows.Select(VersionOf).Distinct(StringComparer.Ordinal).ToList();
        return more ? Taxii(new { more, next = Cursor(rows[^1].DateAdded), versions }) : Taxii(new { more, versions });
    }

    private static void SetRange(HttpContext http, List<DateTimeOffset> added)
    {
        if (added.Count == 0) return;
        http.Response.Headers["X-TAXII-Date-Added-First"] = StixJson.Microseconds(added[0]);
        http.Response.Headers["X-TAXII-Date-Added-Last"] = StixJson.Microseconds(added[^1]);
    }

    private static async Task<IResult> Post(IsopDb db, IMemoryCache cache, HttpContext http, string collection, CancellationToken ct)
    {
        var c = await CollectionOf(db, cache, collection, ct);
        var contentType = http.Request.ContentType ?? "";
        var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (media is not ("application/taxii+json" or "application/stix+json" or "application/json"))
            return Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Post an envelope as {MediaType}, not \"{Clip(contentType)}\".");
        if (!CanWrite(c, db.Caller))
            return Error(StatusCodes.Status403Forbidden, "Forbidden", c.IsGroup
                ? $"You may not add objects to the sharing group {c.Name}'s collection: only analysts and admins of its member organisations may."
                : $"You may not add objects to {c.Name}'s collection: only its analysts and admins may.");
        var body = await ReadBodyAsync(http.Request, ct);
        StixImportResult result;
        try
        {
            var source = $"{Base(http.Request)}{Root}collections/{c.Id:D}/";
            result = c.IsGroup
                ? await StixSharing.ImportAsync(db, db.Caller.OrganisationId!.Value, body, StixChannel.Taxii, source, db.Caller.Name, partial: true, null, ct,
                    group: new StixGroupTarget(c.Id, c.Members!))
                : await StixSharing.ImportAsync(db, c.Id, body, StixChannel.Taxii, source, db.Caller.Name, partial: true, null, ct);
        }
        catch (StixFormatException e)
        {
            return Error(StatusCodes.Status400BadRequest, "Not a TAXII envelope", e.Message);
        }
        return Taxii(StatusBody(result.Import, result.ReceivedAt, result.Objects, result.Added + result.Duplicates, result.Failed,
            StixSharing.StatusSuccesses(result.Outcomes), StixSharing.StatusFailures(result.Failures)), StatusCodes.Status202Accepted);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxContentLength)
            throw new TaxiiException(StatusCodes.Status413PayloadTooLarge, "Too large", $"At most {MaxContentLength} bytes per request (max_content_length).");
        var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, ct);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new TaxiiException(StatusCodes.Status413PayloadTooLarge, "Too large", $"At most {MaxContentLength} bytes per request (max_content_length).");
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static object StatusBody(Guid id, DateTimeOffset at, int total, int success, int failure, List<object> successes, List<object> failures) => new
    {
        id = id.ToString("D"),
        status = "complete",
        request_timestamp = StixJson.Microseconds(at),
        total_count = total,
        success_count = success,
        successes,
        failure_count = failure,
        failures,
        pending_count = 0,
        pendings = Array.Empty<object>(),
    };

    private static async Task<IResult> Status(IsopDb db, string id, CancellationToken ct)
    {
        // Another organisation's status is as absent as one that does not exist (the import record is its owner's own).
        var import = Guid.TryParseExact(id, "D", out var guid) ? await db.StixImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == guid && i.Channel == StixChannel.Taxii, ct) : null;
        if (import is null) throw new TaxiiException(StatusCodes.Status404NotFound, "Status not found", $"There is no status \"{Clip(id)}\" for you.");
        List<object> Parse(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<JsonElement>>(json)!.Cast<object>().ToList();
        return Taxii(StatusBody(import.Id, import.ReceivedAt, import.Total, import.Total - import.Failed, import.Failed, Parse(import.Successes), Parse(import.Failures)));
    }

    private static string Clip(string text) => Web.TextChecks.Printable(text.Length <= 100 ? text : text[..100] + "…");
}
