using Isop.Access;
using Isop.Data;
using Isop.Web;
using Microsoft.EntityFrameworkCore;

namespace Isop.Sharing;

public sealed record StixImportView(
    Guid Id, StixChannel Channel, string? Source, string SentBy, IReadOnlyList<string> Producers, string? BundleId, DateTimeOffset ReceivedAt, string? Digest,
    int Total, int Added, int Duplicates, int Failed, IReadOnlyDictionary<string, int> UnknownTypes);

/// <summary>STIX bundles through the API: export of the caller's organisation, import of partners' bundles, and the imports' provenance.</summary>
public static class SharingApi
{
    public const int MaxImportBytes = 256 * 1024 * 1024;

    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<StixSharing>();
        services.AddSingleton<TaxiiFeeds>();
        return services;
    }

    public static IEndpointRouteBuilder MapSharingApi(this IEndpointRouteBuilder app)
    {
        var stix = app.MapGroup("/api/v1/stix").WithTags("Sharing").RequireAuthorization(AccessServices.MemberPolicy);
        stix.MapGet("/export", Export).WithSummary("A STIX 2.1 bundle of what your organisation may share: its records and the objects it imported, at TLP at most tlp (default AMBER; ask for AMBER+STRICT or RED explicitly), changed since since.");
        stix.MapPost("/import", Import).WithSummary("Imports a partner's STIX 2.1 bundle into your organisation's collection: deduplicated by id and version, TLP kept, provenance recorded, all or nothing.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes)).DisableAntiforgery();
        stix.MapGet("/imports", Imports).WithSummary("Your organisation's imports: who sent what, when, through which channel, and what came of it.");
        var feeds = app.MapGroup("/api/v1/feeds").WithTags("Sharing").RequireAuthorization(AccessServices.MemberPolicy);
        feeds.MapGet("/", ListFeeds).WithSummary("Your organisation's TAXII feeds: partners' collections pulled on a schedule.");
        feeds.MapPost("/", AddFeed).WithSummary("Subscribe to a partner's TAXII 2.1 collection: {name, url, username?, password?, intervalMinutes?, tlp?} (tlp: for objects sent without a TLP marking).");
        feeds.MapPost("/{id:guid}/pull", PullFeed).WithSummary("Pull a feed now.");
        feeds.MapDelete("/{id:guid}", DeleteFeed);
        return app;
    }

    private static async Task<IResult> Export(IsopDb db, StixSharing sharing, HttpResponse response, string? tlp, string? since, CancellationToken ct)
    {
        var organisation = db.Caller.OrganisationId!.Value;
        // What a bundle file may carry to partners unless asked for more: AMBER and below.
        var max = Tlp.Amber;
        var errors = new Dictionary<string, string[]>();
        if (tlp is not null && !TlpLabels.TryParse(tlp, out max)) errors["tlp"] = [$"expected {TlpLabels.Expected}, got \"{TextChecks.Printable(tlp)}\""];
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (Cli.SharingCommands.TryParseSince(since, out var at)) from = at;
            else errors["since"] = [$"expected an ISO 8601 date or time such as 2026-11-01 or 2026-11-01T00:00:00Z, got \"{TextChecks.Printable(since)}\""];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // Built in memory first: a failure halfway never leaves a truncated bundle that looks whole.
        var buffer = new MemoryStream();
        await sharing.ExportAsync(db, organisation, max, from, buffer, ct);
        response.Headers.ContentDisposition = $"attachment; filename=\"isop-{DateTime.UtcNow:yyyyMMdd}.stix.json\"";
        return Results.Bytes(buffer.ToArray(), TaxiiApi.StixMediaType);
    }

    private static async Task<IResult> Import(IsopDb db, HttpRequest request, CancellationToken ct)
    {
        var organisation = db.Caller.OrganisationId!.Value;
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        try
        {
            var result = await StixSharing.ImportAsync(db, organisation, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), StixChannel.Api, "api", db.Caller.Name, partial: false, null, ct);
            return TypedResults.Ok(new
            {
                import = result.Import, objects = result.Objects, added = result.Added, duplicates = result.Duplicates, failed = result.Failed,
                byType = result.ByType, unknownTypes = result.UnknownTypes,
            });
        }
        catch (StixFormatException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [e.Message] }, title: "Not a STIX 2.1 bundle; nothing was imported.");
        }
        catch (StixImportException e)
        {
            return TypedResults.ValidationProblem(
                e.Problems.Take(100).GroupBy(p => $"objects[{p.Index}].{p.Property}").ToDictionary(g => g.Key, g => g.Select(p => p.ToString()).ToArray()),
                detail: e.Message, title: "The bundle is not valid STIX 2.1; nothing was imported.");
        }
    }

    private static async Task<IReadOnlyList<StixImportView>> Imports(IsopDb db, int? take, CancellationToken ct)
    {
        var rows = await db.StixImports.AsNoTracking().Where(i => i.Channel != StixChannel.Publish)
            .OrderByDescending(i => i.ReceivedAt).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    private static async Task<IReadOnlyList<FeedView>> ListFeeds(IsopDb db, CancellationToken ct) =>
        (await db.TaxiiFeeds.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct)).Select(FeedView.Of).ToList();

    private static async Task<IResult> AddFeed(IsopDb db, TaxiiFeeds feeds, HttpRequest request, CancellationToken ct)
    {
        FeedInput? input;
        try
        {
            input = await System.Text.Json.JsonSerializer.DeserializeAsync<FeedInput>(request.Body, StrictJsonWeb, ct);
        }
        catch (System.Text.Json.JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "$"] = [e.Message.Split(" Path:")[0]] });
        }
        if (input is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["expected a JSON object"] });
        var feed = await feeds.AddAsync(db, db.Caller.OrganisationId!.Value, input, ct);
        return TypedResults.Created($"/api/v1/feeds/{feed.Id}", FeedView.Of(feed));
    }

    private static readonly System.Text.Json.JsonSerializerOptions StrictJsonWeb = new(System.Text.Json.JsonSerializerOptions.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static async Task<IResult> PullFeed(IsopDb db, TaxiiFeeds feeds, Guid id, CancellationToken ct)
    {
        var organisation = db.Caller.OrganisationId!.Value;
        if (!await db.TaxiiFeeds.AnyAsync(f => f.Id == id, ct)) return TypedResults.NotFound();
        if (!db.Caller.CanWriteFor(organisation)) throw new AccessDeniedException("Only analysts and admins pull feeds into their organisation's collection.");
        return TypedResults.Ok(await feeds.PullAsync(organisation, id, ct));
    }

    private static async Task<IResult> DeleteFeed(IsopDb db, Guid id, CancellationToken ct)
    {
        var feed = await db.TaxiiFeeds.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (feed is null) return TypedResults.NotFound();
        db.TaxiiFeeds.Remove(feed);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static StixImportView View(StixImport i) => new(
        i.Id, i.Channel, i.Source, i.SentBy, string.IsNullOrEmpty(i.Producers) ? [] : i.Producers.Split(','), i.BundleId, i.ReceivedAt, i.Digest,
        i.Total, i.Added, i.Duplicates, i.Failed,
        i.UnknownTypes is null ? new Dictionary<string, int>() : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(i.UnknownTypes)!);
}
