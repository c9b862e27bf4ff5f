using Microsoft.AspNetCore.Http.HttpResults;

namespace Isop.Operations;

/// <summary>Operations as the caller's records show them: each with its platforms, links, and the evidence of every link.</summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup("/api/v1/operations").WithTags("Operations");
        operations.MapGet("/", List).WithSummary("Operations: platforms linked by shared strong identifiers (analytics, ads, wallets, channels, contacts, favicons, certificates), largest first.");
        operations.MapGet("/{platformId:guid}", OfPlatform).WithSummary("The operation a platform belongs to (any of its platforms' ids names it).");
        app.MapGet("/api/v1/money", Money).WithTags("Operations")
            .WithSummary("The money trail: wallets, ad publisher, affiliate and donation accounts and payment pages, with their platforms, operations and evidence.");
        app.MapGet("/api/v1/money.csv", MoneyCsv).WithTags("Operations").WithSummary("The money trail as CSV, for financial investigators.");
        app.MapGet("/api/v1/scores", Scores).WithTags("Operations").WithSummary("Platforms ranked by score (0 to 100), each with its breakdown.");
        app.MapGet("/api/v1/emerging", Emerging).WithTags("Operations")
            .WithSummary("The week's emerging threats (to the given time, default now): new platforms, fast growers, new release groups, works under sudden attack, successors.");
        app.MapGet("/api/v1/emerging.md", EmergingMarkdown).WithTags("Operations").WithSummary("The week's digest of emerging threats as Markdown, for the advisory group.");
        app.MapGet("/api/v1/lineage", LineageOf).WithTags("Operations")
            .WithSummary("Domain successions: where platforms went when a domain went dark (redirect, notice, address list or identifiers), with the evidence.");
        return app;
    }

    private static async Task<IReadOnlyList<MoneyRow>> Money(MoneyTrail money, CancellationToken ct) => await money.RowsAsync(ct);

    private static async Task<IResult> MoneyCsv(MoneyTrail money, CancellationToken ct) =>
        Results.Text(MoneyTrail.Csv(await money.RowsAsync(ct)), "text/csv; charset=utf-8");

    private static async Task<IReadOnlyList<PlatformScore>> Scores(PlatformScores scores, CancellationToken ct) => await scores.RankAsync(ct);

    private static async Task<Digest> Emerging(EmergingThreats emerging, DateTimeOffset? to, CancellationToken ct) => await emerging.WeekAsync(to, ct);

    private static async Task<IResult> EmergingMarkdown(EmergingThreats emerging, DateTimeOffset? to, CancellationToken ct) =>
        Results.Text(EmergingThreats.Markdown(await emerging.WeekAsync(to, ct)), "text/markdown; charset=utf-8");

    private static async Task<IReadOnlyList<LineageEntry>> LineageOf(Isop.Data.IsopDb db, Guid? platform, CancellationToken ct) => await Lineage.ReadAsync(db, platform, ct);

    private static async Task<IReadOnlyList<Operation>> List(OperationFinder finder, CancellationToken ct) => await finder.FindAsync(ct);

    private static async Task<Results<Ok<Operation>, NotFound>> OfPlatform(OperationFinder finder, Guid platformId, CancellationToken ct) =>
        await finder.OfPlatformAsync(platformId, ct) is { } operation ? TypedResults.Ok(operation) : TypedResults.NotFound();
}
