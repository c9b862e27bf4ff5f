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
        app.MapGet("/api/v1/lineage", LineageOf).WithTags("Operations")
            .WithSummary("Domain successions: where platforms went when a domain went dark (redirect, notice, address list or identifiers), with the evidence.");
        return app;
    }

    private static async Task<IReadOnlyList<LineageEntry>> LineageOf(Isop.Data.IsopDb db, Guid? platform, CancellationToken ct) => await Lineage.ReadAsync(db, platform, ct);

    private static async Task<IReadOnlyList<Operation>> List(OperationFinder finder, CancellationToken ct) => await finder.FindAsync(ct);

    private static async Task<Results<Ok<Operation>, NotFound>> OfPlatform(OperationFinder finder, Guid platformId, CancellationToken ct) =>
        await finder.OfPlatformAsync(platformId, ct) is { } operation ? TypedResults.Ok(operation) : TypedResults.NotFound();
}
