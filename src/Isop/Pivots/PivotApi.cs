using Isop.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Isop.Pivots;

/// <summary>The pivot feature: from one identifier to every platform, operation and case it ties together, under the caller's TLP.</summary>
public static class PivotApi
{
    public static IServiceCollection AddPivots(this IServiceCollection services) => services.AddScoped<IdentifierPivot>();

    public static IEndpointRouteBuilder MapPivotApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/pivot", Pivot).RequireAuthorization(AccessServices.MemberPolicy).WithTags("Operations")
            .WithSummary("Every platform an identifier (?id=type:value: a wallet, analytics or ad account, Telegram channel, e-mail, info-hash…) was seen on, the operations those belong to, and the cases that name it or link them.");
        return app;
    }

    private static async Task<Results<Ok<PivotView>, ValidationProblem>> Pivot(IdentifierPivot pivot, string? id, CancellationToken ct) =>
        PivotId.TryParse(id, out var parsed, out var problem)
            ? TypedResults.Ok(await pivot.FindAsync(parsed, ct))
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [problem] });
}
