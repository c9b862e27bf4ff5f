using System.Text.Json;
using Isop.Access;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Isop.Catalogue;

public sealed record TitleView(string Text, string Lang);

public sealed record SeasonView(int Number, int? Episodes, int? Year, IReadOnlyList<TitleView> Titles);

public sealed record OfferView(string Service, string Url, IReadOnlyList<string> Countries);

public sealed record WorkView(
    Guid Id, string ExternalId, WorkKind Kind, int? Year, int? Episodes, IReadOnlyList<SeasonView> Seasons,
    IReadOnlyList<TitleView> Titles, IReadOnlyList<string> Aliases, string? RightsHolder, IReadOnlyList<OfferView> Offers,
    Tlp Tlp, Guid OwnerOrganisationId, SharesDto? SharedWith, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, [property: System.Text.Json.Serialization.JsonPropertyName("page")] int PageNumber, int PageSize);

public sealed record CountView(int Count);

public sealed record ImportView(int Created, int Updated, int Unchanged, int Total);

public static class CatalogueApi
{
    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        var works = app.MapGroup("/api/v1/works").WithTags("Catalogue");
        works.MapGet("/", List).WithSummary("List the works you may see, optionally searched by title, alias or id.");
        works.MapGet("/count", Count).WithSummary("Count the works you may see.");
        works.MapGet("/{id:guid}", Get).WithSummary("One work.");
        works.MapPost("/", Create).RequireAuthorization(AccessServices.MemberPolicy).Accepts<JsonElement>("application/json")
            .WithSummary("Register a work: the catalogue format's work object plus tlp and sharedWith.");
        works.MapPut("/{id:guid}", Update).RequireAuthorization(AccessServices.MemberPolicy).Accepts<JsonElement>("application/json")
            .WithSummary("Replace a work's fields, TLP and shares.");
        works.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessServices.MemberPolicy);

        var catalogue = app.MapGroup("/api/v1/catalogue").WithTags("Catalogue");
        catalogue.MapPost("/import", Import).RequireAuthorization(AccessServices.MemberPolicy).Accepts<JsonElement>("application/json")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(CatalogueReader.MaxBytes))
            .WithSummary("Bulk import in the catalogue format: idempotent by id, all-or-nothing.");
        catalogue.MapGet("/export", Export).WithSummary("The works you may see, in the catalogue format.");
        catalogue.MapPost("/match", Match).RequireRateLimiting(CatalogueServices.AnonymousMatchPolicy).WithSummary("Recognise the works you may see in listing texts: work, episode, confidence and reasons.");
        return app;
    }

    public static IQueryable<Work> Search(IQueryable<Work> works, string? q, WorkKind? kind)
    {
        if (kind is { } k) works = works.Where(w => w.Kind == k);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLower();
            works = works.Where(w => w.ExternalId.ToLower().Contains(term)
                || w.Titles.Any(t => t.Text.ToLower().Contains(term))
                || w.Aliases.Any(a => a.Text.ToLower().Contains(term)));
        }
        return works;
    }

    private static async Task<Paged<WorkView>> List(IsopDb db, string? q, WorkKind? kind, int? page, int? pageSize, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = Math.Max(page ?? 1, 1);
        var query = Search(db.Works.AsNoTracking(), q, kind);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(w => w.ExternalId).ThenBy(w => w.Id).Page(number, size).ToListAsync(ct);
        return new Paged<WorkView>(await ViewsAsync(db, items, ct), total, number, size);
    }

    private static async Task<CountView> Count(IsopDb db, string? q, WorkKind? kind, CancellationToken ct) =>
        new(await Search(db.Works, q, kind).CountAsync(ct));

    private static async Task<Results<Ok<WorkView>, NotFound>> Get(IsopDb db, Guid id, CancellationToken ct)
    {
        var work = await db.Works.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);
        return work is null ? TypedResults.NotFound() : TypedResults.Ok((await ViewsAsync(db, [work], ct))[0]);
    }

    private static async Task<Results<Created<WorkView>, ValidationProblem, Conflict<ProblemDetailsView>>> Create(
        IsopDb db, CatalogueWrites writes, HttpRequest request, CancellationToken ct)
    {
        var work = await writes.CreateAsync(await ApiErrors.ReadInputAsync(request, ReadWork, ct), ct);
        return TypedResults.Created($"/api/v1/works/{work.Id}", (await ViewsAsync(db, [work], ct))[0]);
    }

    private static async Task<Results<Ok<WorkView>, NotFound, ValidationProblem, Conflict<ProblemDetailsView>>> Update(
        IsopDb db, CatalogueWrites writes, Guid id, HttpRequest request, CancellationToken ct)
    {
        var work = await writes.UpdateAsync(id, await ApiErrors.ReadInputAsync(request, ReadWork, ct), ct);
        return work is null ? TypedResults.NotFound() : TypedResults.Ok((await ViewsAsync(db, [work], ct))[0]);
    }

    private static async Task<Results<NoContent, NotFound>> Delete(CatalogueWrites writes, Guid id, CancellationToken ct) =>
        await writes.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<ImportView>, ValidationProblem>> Import(IsopDb db, HttpRequest request, string? tlp, CancellationToken ct)
    {
        // Who may not import learns nothing from having their file checked.
        if (db.Caller.OrganisationId is not { } owner || !db.Caller.CanWriteFor(owner))
            throw new AccessDeniedException($"{db.Caller.Name} may not import works for this organisation.");
        var label = Tlp.Green;
        if (tlp is not null && !TlpLabels.TryParse(tlp, out label))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tlp"] = [$"expected {TlpLabels.Expected}, got \"{tlp}\""] });
        var works = await CatalogueReader.ReadAsync(request.Body, ct);
        var result = await CatalogueImporter.ImportAsync(db, works, db.Caller.OrganisationId!.Value, label, null, ct);
        return TypedResults.Ok(new ImportView(result.Created, result.Updated, result.Unchanged, result.Total));
    }

    public sealed record MatchRequest(IReadOnlyList<string>? Listings);

    public sealed record MatchResponse(IReadOnlyList<ListingMatchView> Results);

    private static async Task<Results<Ok<MatchResponse>, ValidationProblem>> Match(IsopDb db, CatalogueMatchers matchers, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, MatchRequest request, CancellationToken ct)
    {
        var listings = request.Listings ?? [];
        if (listings.Count == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["listings"] = ["required: one or more listing texts"] });
        if (listings.Count > CatalogueMatchers.MaxListings)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["listings"] = [$"at most {CatalogueMatchers.MaxListings} listings per request"] });
        return TypedResults.Ok(new MatchResponse(await matchers.MatchAsync(db, listings.Select(x => x ?? ""), l, ct)));
    }

    private static async Task Export(IsopDb db, HttpResponse response, string? q, WorkKind? kind, CancellationToken ct)
    {
        response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(response.Body, new JsonWriterOptions { Indented = false });
        writer.WriteStartObject();
        writer.WriteStartArray("works");
        await foreach (var work in Search(db.Works.AsNoTracking(), q, kind).OrderBy(w => w.ExternalId).ThenBy(w => w.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            CatalogueWriter.WriteWork(writer, CatalogueImporter.ToCatalogue(work));
            if (writer.BytesPending > 65536) await writer.FlushAsync(ct);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }

    /// <summary>Reads a work body: the catalogue format's work object plus <c>tlp</c> and <c>sharedWith</c>.</summary>
    private static WorkInput ReadWork(JsonElement body, Dictionary<string, string[]> errors)
    {
        var list = new List<CatalogueError>();
        var work = errors.Count > 0 ? null : CatalogueReader.ReadWork(body, "$", list, "tlp", "sharedWith");
        foreach (var e in list) errors[ApiErrors.FieldOf(e.Path)] = [e.Message];
        Tlp? tlp = null;
        SharesDto? shares = null;
        if (body.ValueKind == JsonValueKind.Object)
        {
            if (body.TryGetProperty("tlp", out var t) && t.ValueKind != JsonValueKind.Null) tlp = ApiErrors.ReadTlp(body, default, errors);
            shares = ApiErrors.ReadShares(body, errors);
        }
        return new WorkInput(work, tlp, shares) { ReadErrors = errors };
    }

    private static async Task<List<WorkView>> ViewsAsync(IsopDb db, IReadOnlyList<Work> works, CancellationToken ct)
    {
        var shares = await RecordShares.ForOwnerAsync(db, works, ct);
        return works.Select(w => new WorkView(w.Id, w.ExternalId, w.Kind, w.Year, w.Episodes,
            CatalogueImporter.ToCatalogue(w).SeasonList().Select(s => new SeasonView(s.Number, s.Episodes, s.Year, s.Titles.Select(t => new TitleView(t.Text, t.Language)).ToList())).ToList(),
            w.OrderedTitles().Select(t => new TitleView(t.Text, t.Language)).ToList(), w.OrderedAliases().Select(a => a.Text).ToList(),
            w.RightsHolder, [.. w.OrderedOffers().Select(o => new OfferView(o.Service, o.Url, o.CountryList))], w.Tlp, w.OwnerOrganisationId, shares.GetValueOrDefault(w.Id), w.CreatedAt, w.UpdatedAt)).ToList();
    }
}
