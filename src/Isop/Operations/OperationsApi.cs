using Microsoft.AspNetCore.Http.HttpResults;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Operations;

/// <summary>Operations as the caller's records show them: each with its platforms, links, and the evidence of every link.</summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        // The analysis reads whole views of the data: members only (the public's view comes with the awareness site).
        var operations = app.MapGroup("/api/v1/operations").WithTags("Operations").RequireAuthorization(Isop.Access.AccessServices.MemberPolicy);
        operations.MapGet("/", List).WithSummary("Operations: platforms linked by shared strong identifiers (analytics, ads, wallets, channels, contacts, favicons, certificates), largest first.");
        operations.MapGet("/{platformId:guid}", OfPlatform).WithSummary("The operation a platform belongs to (any of its platforms' ids names it).");
        app.MapGet("/api/v1/money", Money).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy).WithTags("Operations")
            .WithSummary("The money trail: wallets, ad publisher, affiliate and donation accounts and payment pages, with their platforms, operations and evidence.");
        app.MapGet("/api/v1/money.csv", MoneyCsv).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy).WithTags("Operations").WithSummary("The money trail as CSV, for financial investigators.");
        app.MapGet("/api/v1/scores", Scores).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy).WithTags("Operations").WithSummary("Platforms ranked by score (0 to 100), each with its breakdown.");
        app.MapGet("/api/v1/emerging", Emerging).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy).WithTags("Operations")
            .WithSummary("The week's emerging threats (to the given time, default now): new platforms, fast growers, new release groups, works under sudden attack, successors.");
        app.MapGet("/api/v1/emerging.md", EmergingMarkdown).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy).WithTags("Operations").WithSummary("The week's digest of emerging threats as Markdown, for the advisory group.");
        // Loss models are records like any other: read under TLP (anonymous callers see CLEAR ones), written by members.
        var models = app.MapGroup("/api/v1/loss-models").WithTags("Losses");
        models.MapGet("/", ListModels).WithSummary("The loss models you may see, optionally searched by name.");
        models.MapGet("/count", CountModels);
        models.MapGet("/export", ExportModels).WithSummary("The loss models you may see, as JSON lines.");
        models.MapGet("/{id:guid}", GetModel);
        models.MapPost("/", CreateModel).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy).Accepts<LossModelInput>("application/json")
            .WithSummary("A loss model for your organisation: prices of a view and a download (per country where they differ) and the substitution rate, low and high.");
        models.MapPut("/{id:guid}", UpdateModel).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy).Accepts<LossModelInput>("application/json");
        models.MapDelete("/{id:guid}", DeleteModel).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy);
        app.MapGet("/api/v1/losses", Losses).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy).WithTags("Losses")
            .WithSummary("A loss estimate: a model applied to the audience counters of recognised listings, by work, platform, operation or group, as a range, with every assumption.");
        app.MapGet("/api/v1/lineage", LineageOf).RequireAuthorization(Isop.Access.AccessServices.MemberPolicy).WithTags("Operations")
            .WithSummary("Domain successions: where platforms went when a domain went dark (redirect, notice, address list or identifiers), with the evidence.");
        return app;
    }

    /// <summary>Web JSON that refuses fields it does not know (a misspelt field is an error, not a silent default).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions StrictWeb = new(System.Text.Json.JsonSerializerOptions.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static async Task<LossModelInput> ReadModelAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await System.Text.Json.JsonSerializer.DeserializeAsync<LossModelInput>(request.Body, StrictWeb, ct)
                ?? throw new Isop.Web.InvalidInputException(new Dictionary<string, string[]> { ["body"] = ["expected a JSON object"] });
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Isop.Web.InvalidInputException(new Dictionary<string, string[]> { [e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body"] = [$"line {(e.LineNumber ?? 0) + 1}: {e.Message.Split(" Path:")[0]}"] });
        }
    }

    private static async Task<Created<LossModel>> CreateModel(LossModelWrites writes, HttpRequest request, CancellationToken ct)
    {
        var model = await writes.CreateAsync(await ReadModelAsync(request, ct), ct);
        return TypedResults.Created($"/api/v1/loss-models/{model.Id}", model);
    }

    private static IQueryable<LossModel> Search(Isop.Data.IsopDb db, string? q) =>
        string.IsNullOrWhiteSpace(q) ? db.LossModels.AsNoTracking() : db.LossModels.AsNoTracking().Where(m => m.Name.ToLower().Contains(q.Trim().ToLower()));

    private static async Task<Isop.Catalogue.Paged<LossModel>> ListModels(Isop.Data.IsopDb db, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = Math.Max(page ?? 1, 1);
        var query = Search(db, q);
        return new Isop.Catalogue.Paged<LossModel>(await query.OrderBy(m => m.Name).ThenBy(m => m.Id).Page(number, size).ToListAsync(ct), await query.CountAsync(ct), number, size);
    }

    private static async Task<Isop.Catalogue.CountView> CountModels(Isop.Data.IsopDb db, string? q, CancellationToken ct) => new(await Search(db, q).CountAsync(ct));

    private static async Task ExportModels(Isop.Data.IsopDb db, HttpResponse response, CancellationToken ct)
    {
        response.ContentType = "application/x-ndjson; charset=utf-8";
        await foreach (var m in db.LossModels.AsNoTracking().OrderBy(m => m.Name).ThenBy(m => m.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            await System.Text.Json.JsonSerializer.SerializeAsync(response.Body, m, System.Text.Json.JsonSerializerOptions.Web, ct);
            await response.Body.WriteAsync("\n"u8.ToArray(), ct);
        }
    }

    private static async Task<Results<Ok<LossModel>, NotFound>> GetModel(Isop.Data.IsopDb db, Guid id, CancellationToken ct) =>
        await db.LossModels.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct) is { } model ? TypedResults.Ok(model) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteModel(LossModelWrites writes, Guid id, CancellationToken ct) =>
        await writes.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<LossModel>, NotFound>> UpdateModel(LossModelWrites writes, Guid id, HttpRequest request, CancellationToken ct) =>
        await writes.UpdateAsync(id, await ReadModelAsync(request, ct), ct) is { } model ? TypedResults.Ok(model) : TypedResults.NotFound();

    private static async Task<Results<Ok<LossEstimate>, NotFound>> Losses(LossEstimates losses, string? model, string? by, CancellationToken ct) =>
        await losses.EstimateAsync(Guid.TryParse(model, out var id) ? id
            : throw new Isop.Web.InvalidInputException(new Dictionary<string, string[]> { ["model"] = ["required: the id of a loss model (GET /api/v1/loss-models lists them)"] }),
            by ?? "work", ct) is { } estimate ? TypedResults.Ok(estimate) : TypedResults.NotFound();

    private static async Task<IReadOnlyList<MoneyRow>> Money(MoneyTrail money, CancellationToken ct) => await money.RowsAsync(ct);

    private static async Task<IResult> MoneyCsv(MoneyTrail money, CancellationToken ct) =>
        Results.Text(MoneyTrail.Csv(await money.RowsAsync(ct)), "text/csv; charset=utf-8");

    private static async Task<IReadOnlyList<PlatformScore>> Scores(PlatformScores scores, CancellationToken ct) => await scores.RankAsync(ct);

    private static async Task<Digest> Emerging(EmergingThreats emerging, string? to, CancellationToken ct) => await emerging.WeekAsync(End(to), ct);

    private static async Task<IResult> EmergingMarkdown(EmergingThreats emerging, string? to, CancellationToken ct) =>
        Results.Text(EmergingThreats.Markdown(await emerging.WeekAsync(End(to), ct)), "text/markdown; charset=utf-8");

    /// <summary>The digest's end as given, read here so that a wrong one is told what is expected (not a binding failure).</summary>
    private static DateTimeOffset? End(string? to) =>
        string.IsNullOrEmpty(to) ? null
        : DateTimeOffset.TryParse(to, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new Isop.Web.InvalidInputException(new Dictionary<string, string[]> { ["to"] = ["expected an ISO 8601 time such as 2026-11-15 or 2026-11-15T00:00:00Z"] });

    private static async Task<IReadOnlyList<LineageEntry>> LineageOf(Isop.Data.IsopDb db, Guid? platform, CancellationToken ct) => await Lineage.ReadAsync(db, platform, ct);

    private static async Task<IReadOnlyList<Operation>> List(OperationFinder finder, CancellationToken ct) => await finder.FindAsync(ct);

    private static async Task<Results<Ok<Operation>, NotFound>> OfPlatform(OperationFinder finder, Guid platformId, CancellationToken ct) =>
        await finder.OfPlatformAsync(platformId, ct) is { } operation ? TypedResults.Ok(operation) : TypedResults.NotFound();
}
