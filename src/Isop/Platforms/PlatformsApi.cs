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
    Tlp Tlp, Guid OwnerOrganisationId, SharesDto? SharedWith, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Each domain's state: since when it is known, whether monitoring discovered it (as a successor, to review), whether it is dark and why.</summary>
    public IReadOnlyList<DomainState> DomainStates { get; init; } = [];
}

public sealed record DomainState(string Name, DateTimeOffset FirstSeen, bool Discovered, DateTimeOffset? DarkSince, string? DarkReason)
{
    public static IReadOnlyList<DomainState> Of(Platform p) => [.. p.Domains.Select(d => new DomainState(d.Name, d.FirstSeen, d.Discovered, d.DarkSince, d.DarkReason))];
}

public static class PlatformsApi
{
    public static IEndpointRouteBuilder MapPlatformsApi(this IEndpointRouteBuilder app)
    {
        var platforms = app.MapGroup("/api/v1/platforms").WithTags("Platforms");
        platforms.MapGet("/", List).WithSummary("List the platforms you may see, filtered (q: name or domain, kind, tlp, monitored) and sorted (sort: name, kind, tlp, created; dir: asc, desc).");
        platforms.MapGet("/count", Count);
        platforms.MapGet("/export", Export).WithSummary("The platforms you may see, as JSON lines.");
        platforms.MapGet("/" + Exports.Route, ExportTable)
            .WithSummary("The platforms you may see as CSV or XLSX, with the list's filters and order, and the listings seen and recognised on each.");
        platforms.MapGet("/{id:guid}", Get);
        platforms.MapPost("/", Create).RequireAuthorization(AccessServices.MemberPolicy).Accepts<PlatformInput>("application/json");
        platforms.MapPut("/{id:guid}", Update).RequireAuthorization(AccessServices.MemberPolicy).Accepts<PlatformInput>("application/json");
        platforms.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessServices.MemberPolicy);
        return app;
    }

    public static IQueryable<Platform> Search(IQueryable<Platform> platforms, string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return platforms;
        var term = q.Trim().ToLower();
        return platforms.Where(p => p.Name.ToLower().Contains(term) || p.Domains.Any(d => d.Name.Contains(term)));
    }

    private static async Task<Paged<PlatformView>> List(IsopDb db, string? q, string? kind, string? tlp, bool? monitored, string? sort, string? dir, int? page, int? pageSize, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = Math.Max(page ?? 1, 1);
        var filter = new PlatformFilter(q, kind, tlp, monitored);
        var total = await filter.Apply(db.Platforms).CountAsync(ct);
        var items = await PlatformList.Query(db, filter, sort, dir).Page(number, size).ToListAsync(ct);
        return new Paged<PlatformView>(await ViewsAsync(db, items, ct), total, number, size);
    }

    private static async Task<CountView> Count(IsopDb db, string? q, string? kind, string? tlp, bool? monitored, CancellationToken ct) =>
        new(await new PlatformFilter(q, kind, tlp, monitored).Apply(db.Platforms).CountAsync(ct));

    private static async Task ExportTable(HttpContext http, IsopDb db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, string format,
        string? q, string? kind, string? tlp, bool? monitored, string? sort, string? dir, CancellationToken ct)
    {
        var filter = new PlatformFilter(q, kind, tlp, monitored);
        var query = PlatformList.Query(db, filter, sort, dir);
        await Exports.WriteAsync(http, format, "isop-platforms", PlatformList.Columns(l), await filter.Apply(db.Platforms).CountAsync(ct),
            async (page, size, c) => await PlatformList.RowsAsync(db, await query.Page(page, size).ToListAsync(c), c), ct);
    }

    private static async Task Export(IsopDb db, HttpResponse response, string? q, string? kind, string? tlp, bool? monitored, CancellationToken ct)
    {
        response.ContentType = "application/x-ndjson; charset=utf-8";
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await foreach (var p in PlatformList.Query(db, new PlatformFilter(q, kind, tlp, monitored), null, null).AsAsyncEnumerable().WithCancellation(ct))
        {
            var view = new PlatformView(p.Id, p.Name, p.Kind, p.Description, p.Domains.Select(d => d.Name).ToList(), p.Tlp, p.OwnerOrganisationId, null, p.CreatedAt, p.UpdatedAt) { DomainStates = DomainState.Of(p) };
            await JsonSerializer.SerializeAsync(response.Body, view, options, ct);
            await response.Body.WriteAsync("\n"u8.ToArray(), ct);
        }
    }

    private static async Task<Results<Ok<PlatformView>, NotFound>> Get(IsopDb db, Guid id, CancellationToken ct)
    {
        var platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return platform is null ? TypedResults.NotFound() : TypedResults.Ok((await ViewsAsync(db, [platform], ct))[0]);
    }

    private static async Task<Results<Created<PlatformView>, ValidationProblem>> Create(IsopDb db, PlatformWrites writes, HttpRequest request, CancellationToken ct)
    {
        var platform = await writes.CreateAsync(await ApiErrors.ReadInputAsync(request, PlatformInput.Read, ct), null, ct);
        return TypedResults.Created($"/api/v1/platforms/{platform.Id}", (await ViewsAsync(db, [platform], ct))[0]);
    }

    private static async Task<Results<Ok<PlatformView>, NotFound, ValidationProblem>> Update(IsopDb db, PlatformWrites writes, Guid id, HttpRequest request, CancellationToken ct)
    {
        // A field left out is left as it is: a PUT that names only the TLP never wipes the domains.
        var platform = await writes.UpdateAsync(id, await ApiErrors.ReadInputAsync(request, PlatformInput.Read, ct), ct);
        return platform is null ? TypedResults.NotFound() : TypedResults.Ok((await ViewsAsync(db, [platform], ct))[0]);
    }

    private static async Task<Results<NoContent, NotFound>> Delete(PlatformWrites writes, Guid id, CancellationToken ct) =>
        await writes.DeleteAsync(id, ct) is null ? TypedResults.NotFound() : TypedResults.NoContent();

    private static async Task<List<PlatformView>> ViewsAsync(IsopDb db, IReadOnlyList<Platform> platforms, CancellationToken ct)
    {
        var shares = await RecordShares.ForOwnerAsync(db, platforms, ct);
        return platforms.Select(p => new PlatformView(p.Id, p.Name, p.Kind, p.Description, p.Domains.Select(d => d.Name).ToList(),
            p.Tlp, p.OwnerOrganisationId, shares.GetValueOrDefault(p.Id), p.CreatedAt, p.UpdatedAt) { DomainStates = DomainState.Of(p) }).ToList();
    }
}
