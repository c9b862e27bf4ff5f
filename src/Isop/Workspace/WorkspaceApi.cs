using System.Globalization;
using Isop.Access;
using Isop.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Isop.Workspace;

/// <summary>The workspace's own endpoints: the live feed the pages poll.</summary>
public static class WorkspaceApi
{
    public static IServiceCollection AddWorkspace(this IServiceCollection services) => services.AddScoped<LiveFeed>();

    public static IEndpointRouteBuilder MapWorkspaceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/live", Live).WithTags("Workspace").RequireAuthorization(AccessServices.MemberPolicy)
            .WithSummary("What happened since ?since= (an ISO 8601 time; the cursor of the previous answer): new detections, domain successions, notices drafted and sent, newest first, at most ?limit= (50); ?kind=detection,succession,notice-drafted,notice-sent keeps only those, ?platform=ID only what happened on that platform. Without since: the latest.");
        return app;
    }

    private static async Task<Results<Ok<LiveBatch>, ValidationProblem>> Live(LiveFeed feed, string? since, int? limit, string? kind, Guid? platform, CancellationToken ct)
    {
        HashSet<string>? kinds = null;
        if (!string.IsNullOrEmpty(kind))
        {
            kinds = [.. kind.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            if (kinds.FirstOrDefault(k => !LiveFeed.Kinds.Contains(k)) is { } unknown)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"expected {string.Join(", ", LiveFeed.Kinds)} (separated by commas), got \"{TextChecks.Printable(unknown)}\""] });
        }
        DateTimeOffset? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = [$"expected an ISO 8601 time such as 2026-12-01T10:00:00Z, got \"{TextChecks.Printable(since)}\""] });
            from = parsed;
        }
        if (limit is < 1 or > LiveFeed.MaxItems)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"expected 1 to {LiveFeed.MaxItems}, got {limit}"] });
        return TypedResults.Ok(await feed.SinceAsync(from, limit, ct, kinds, platform));
    }
}
