using Isop.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Isop.Search;

/// <summary>Global search through the API: members only, under the caller's TLP.</summary>
public static class SearchApi
{
    public static IServiceCollection AddSearch(this IServiceCollection services) => services.AddScoped<GlobalSearch>();

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", Search).WithTags("Search").RequireAuthorization(AccessServices.MemberPolicy)
            .WithSummary("Works, platforms, domains, identifiers, release groups, releases and cases you may see that match ?q= (typo-tolerant, with or without spaces; at most 200 characters), at most ?limit= (1 to 20, default 8) per kind, grouped by kind, best group first.");
        return app;
    }

    private static async Task<Ok<SearchAnswer>> Search(GlobalSearch search, string? q, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await search.SearchAsync(q, limit, ct));
}
