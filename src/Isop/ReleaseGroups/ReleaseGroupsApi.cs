using Isop.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Isop.ReleaseGroups;

/// <summary>Releases (first appearance and spread) and release-group profiles, under the caller's TLP.</summary>
public static class ReleaseGroupsApi
{
    public static IServiceCollection AddReleaseGroups(this IServiceCollection services) => services.AddScoped<ReleaseAnalysis>();

    public static IEndpointRouteBuilder MapReleaseGroupsApi(this IEndpointRouteBuilder app)
    {
        var releases = app.MapGroup("/api/v1/releases").WithTags("Release groups").RequireAuthorization(Isop.Access.AccessServices.MemberPolicy);
        releases.MapGet("/", List).WithSummary("Releases: where each appeared first (the time the page states, else the first sighting) and how it spread; optionally of one group.");
        releases.MapGet("/one", One).WithSummary("One release by its name, with its spread timeline.");
        var groups = app.MapGroup("/api/v1/release-groups").WithTags("Release groups").RequireAuthorization(Isop.Access.AccessServices.MemberPolicy);
        groups.MapGet("/", Groups).WithSummary("Release groups: spellings, releases, works, episodes, platforms (and which carry them first), volume by day.");
        groups.MapGet("/{name}", Group).WithSummary("One release group's profile.");
        return app;
    }

    private static async Task<Paged<ReleaseView>> List(ReleaseAnalysis analysis, string? group, int? page, int? pageSize, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = Math.Max(page ?? 1, 1);
        var (items, total) = await analysis.PageAsync(group, newestFirst: false, number, size, ct);
        return new Paged<ReleaseView>(items, total, number, size);
    }

    private static async Task<Results<Ok<ReleaseView>, NotFound>> One(ReleaseAnalysis analysis, string name, CancellationToken ct) =>
        (await analysis.ReleasesAsync(null, ct, name)).FirstOrDefault() is { } release ? TypedResults.Ok(release) : TypedResults.NotFound();

    private static async Task<IReadOnlyList<GroupProfile>> Groups(ReleaseAnalysis analysis, CancellationToken ct) => await analysis.GroupsAsync(ct);

    private static async Task<Results<Ok<GroupProfile>, NotFound>> Group(ReleaseAnalysis analysis, string name, CancellationToken ct) =>
        await analysis.GroupAsync(name, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();
}
