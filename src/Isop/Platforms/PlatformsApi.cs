using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Isop.Platforms;

public sealed record PlatformView(
    Guid Id, string Name, PlatformKind Kind, string? Description, IReadOnlyList<string> Domains,
    Tlp Tlp, Guid OwnerOrganisationId, SharesDto? SharedWith, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class PlatformsApi
{
    private static readonly string[] Fields = ["name", "kind", "description", "domains", "tlp", "sharedWith"];

    // The JSON names of the kinds ("streaming-site"…), in declaration order.
    private static readonly Dictionary<string, PlatformKind> KindNames =
        Enum.GetValues<PlatformKind>().ToDictionary(x => JsonSerializer.Serialize(x).Trim('"'), x => x);

    /// <summary>A kind by its JSON name ("torrent-index"…).</summary>
    public static bool TryParseKind(string? name, out PlatformKind kind) => KindNames.TryGetValue(name ?? "", out kind);

    public static IEnumerable<string> KindNamesList => KindNames.Keys;

    public static IEndpointRouteBuilder MapPlatformsApi(this IEndpointRouteBuilder app)
    {
        var platforms = app.MapGroup("/api/v1/platforms").WithTags("Platforms");
        platforms.MapGet("/", List).WithSummary("List the platforms you may see, optionally searched by name or domain.");
        platforms.MapGet("/count", Count);
        platforms.MapGet("/export", Export).WithSummary("The platforms you may see, as JSON lines.");
        platforms.MapGet("/{id:guid}", Get);
        platforms.MapPost("/", Create).RequireAuthorization(AccessServices.MemberPolicy).Accepts<JsonElement>("application/json");
        platforms.MapPut("/{id:guid}", Update).RequireAuthorization(AccessServices.MemberPolicy).Accepts<JsonElement>("application/json");
        platforms.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessServices.MemberPolicy);
        return app;
    }

    public static IQueryable<Platform> Search(IQueryable<Platform> platforms, string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return platforms;
        var term = q.Trim().ToLower();
        return platforms.Where(p => p.Name.ToLower().Contains(term) || p.Domains.Any(d => d.Name.Contains(term)));
    }

    private static async Task<Paged<PlatformView>> List(IsopDb db, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = Math.Max(page ?? 1, 1);
        var query = Search(db.Platforms.AsNoTracking(), q);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<PlatformView>(await ViewsAsync(db, items, ct), total, number, size);
    }

    private static async Task<CountView> Count(IsopDb db, string? q, CancellationToken ct) => new(await Search(db.Platforms, q).CountAsync(ct));

    private static async Task Export(IsopDb db, HttpResponse response, string? q, CancellationToken ct)
    {
        response.ContentType = "application/x-ndjson; charset=utf-8";
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await foreach (var p in Search(db.Platforms.AsNoTracking(), q).OrderBy(p => p.Name).ThenBy(p => p.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            var view = new PlatformView(p.Id, p.Name, p.Kind, p.Description, p.Domains.Select(d => d.Name).ToList(), p.Tlp, p.OwnerOrganisationId, null, p.CreatedAt, p.UpdatedAt);
            await JsonSerializer.SerializeAsync(response.Body, view, options, ct);
            await response.Body.WriteAsync("\n"u8.ToArray(), ct);
        }
    }

    private static async Task<Results<Ok<PlatformView>, NotFound>> Get(IsopDb db, Guid id, CancellationToken ct)
    {
        var platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return platform is null ? TypedResults.NotFound() : TypedResults.Ok((await ViewsAsync(db, [platform], ct))[0]);
    }

    private static async Task<Results<Created<PlatformView>, ValidationProblem>> Create(IsopDb db, HttpRequest request, CancellationToken ct)
    {
        var input = await ReadInputAsync(db, request, Tlp.Amber, ct);
        if (input.Errors.Count > 0) return TypedResults.ValidationProblem(input.Errors);
        var now = db.Time.GetUtcNow();
        var platform = new Platform
        {
            Name = input.Name!, Kind = input.Kind, Description = input.Description, Tlp = input.Tlp,
            OwnerOrganisationId = db.Caller.OrganisationId!.Value, CreatedAt = now, UpdatedAt = now,
        };
        platform.SetDomains(input.Domains, now);
        db.Platforms.Add(platform);
        await RecordShares.ReplaceAsync(db, platform, input.Shares ?? SharesDto.None, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/platforms/{platform.Id}", (await ViewsAsync(db, [platform], ct))[0]);
    }

    private static async Task<Results<Ok<PlatformView>, NotFound, ValidationProblem>> Update(IsopDb db, Guid id, HttpRequest request, CancellationToken ct)
    {
        var platform = await db.Platforms.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (platform is null) return TypedResults.NotFound();
        var input = await ReadInputAsync(db, request, platform.Tlp, ct, update: true);
        if (input.Errors.Count > 0) return TypedResults.ValidationProblem(input.Errors);
        var now = db.Time.GetUtcNow();
        // A field left out is left as it is: a PUT that names only the TLP never wipes the domains.
        if (input.Given.Contains("name")) platform.Name = input.Name!;
        if (input.Given.Contains("kind")) platform.Kind = input.Kind;
        if (input.Given.Contains("description")) platform.Description = input.Description;
        platform.Tlp = input.Tlp;
        if (input.Given.Contains("domains")) platform.SetDomains(input.Domains, now);
        platform.UpdatedAt = now;
        if (input.Given.Contains("sharedWith")) await RecordShares.ReplaceAsync(db, platform, input.Shares, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ViewsAsync(db, [platform], ct))[0]);
    }

    private static async Task<Results<NoContent, NotFound>> Delete(IsopDb db, Guid id, CancellationToken ct)
    {
        var platform = await db.Platforms.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (platform is null) return TypedResults.NotFound();
        db.Platforms.Remove(platform);
        await RecordShares.RemoveAllAsync<Platform>(db, platform.Id, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private sealed record Input(string? Name, PlatformKind Kind, string? Description, List<string> Domains, Tlp Tlp, SharesDto? Shares, Dictionary<string, string[]> Errors)
    {
        /// <summary>The fields the body names (an update changes only these).</summary>
        public HashSet<string> Given { get; init; } = [];
    }

    private static async Task<Input> ReadInputAsync(IsopDb db, HttpRequest request, Tlp defaultTlp, CancellationToken ct, bool update = false)
    {
        var errors = new Dictionary<string, string[]>();
        var document = await ApiErrors.ParseBodyAsync(request, errors, ct);
        if (document is null) return new Input(null, default, null, [], defaultTlp, null, errors);
        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                errors["$"] = ["expected a platform object"];
                return new Input(null, default, null, [], defaultTlp, null, errors);
            }
            foreach (var p in body.EnumerateObject())
            {
                if (Array.IndexOf(Fields, p.Name) < 0) errors[p.Name] = [$"unknown field (expected one of {string.Join(", ", Fields)})"];
            }
            string? name = null;
            var given = body.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            if (update && !given.Contains("name")) { }
            else if (!body.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(n.GetString()))
                errors["name"] = ["required: a non-empty string"];
            else if (n.GetString()!.Trim().Length > 200) errors["name"] = ["longer than 200 characters"];
            else name = n.GetString()!.Trim();

            var kind = PlatformKind.Other;
            if (body.TryGetProperty("kind", out var k) && k.ValueKind != JsonValueKind.Null)
            {
                if (k.ValueKind != JsonValueKind.String || !KindNames.TryGetValue(k.GetString()!, out kind))
                    errors["kind"] = [$"expected one of {string.Join(", ", KindNames.Keys)}, got {ApiErrors.Quote(k)}"];
            }
            string? description = null;
            if (body.TryGetProperty("description", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                if (d.ValueKind != JsonValueKind.String) errors["description"] = ["expected a string"];
                else if (d.GetString()!.Length > 4000) errors["description"] = ["longer than 4000 characters"];
                else description = d.GetString();
            }
            var domains = new List<string>();
            if (body.TryGetProperty("domains", out var ds) && ds.ValueKind != JsonValueKind.Null)
            {
                if (ds.ValueKind != JsonValueKind.Array) errors["domains"] = ["expected an array of host names"];
                else
                {
                    var i = 0;
                    foreach (var item in ds.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.String) errors[$"domains[{i}]"] = ["expected a host name string"];
                        else if (!DomainNames.TryNormalise(item.GetString(), out var domain, out var problem)) errors[$"domains[{i}]"] = [problem];
                        else if (!domains.Contains(domain)) domains.Add(domain);
                        i++;
                    }
                    if (i > 1000) errors["domains"] = ["at most 1000 domains"];
                }
            }
            var tlp = ApiErrors.ReadTlp(body, defaultTlp, errors);
            var shares = ApiErrors.ReadShares(body, errors);
            await RecordShares.ValidateAsync(db, shares, errors, ct);
            return new Input(name, kind, description, domains, tlp, shares, errors) { Given = given };
        }
    }

    private static async Task<List<PlatformView>> ViewsAsync(IsopDb db, IReadOnlyList<Platform> platforms, CancellationToken ct)
    {
        var shares = await RecordShares.ForOwnerAsync(db, platforms, ct);
        return platforms.Select(p => new PlatformView(p.Id, p.Name, p.Kind, p.Description, p.Domains.Select(d => d.Name).ToList(),
            p.Tlp, p.OwnerOrganisationId, shares.GetValueOrDefault(p.Id), p.CreatedAt, p.UpdatedAt)).ToList();
    }
}
