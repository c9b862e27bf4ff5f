using System.Security.Cryptography;
using System.Text;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Isop.Enforcement;

public sealed record DecisionView(
    Guid Id, Guid PlatformId, string Platform, string Jurisdiction, string Basis, string DecidedBy, DateTimeOffset DecidedAt, DateTimeOffset? Until,
    bool InForce, DateTimeOffset? RevokedAt, string? RevokedReason, string RecordedBy, Tlp Tlp, Guid OwnerOrganisationId, SharesDto? SharedWith, DateTimeOffset CreatedAt);

public sealed record BlocklistNameView(string Domain, Guid PlatformId, string Platform, string? SuccessorOf, Guid DecisionId, string Basis, string DecidedBy,
    DateTimeOffset DecidedAt, DateTimeOffset? Until, Tlp Tlp);

public sealed record BlocklistView(string Jurisdiction, uint Serial, DateTimeOffset ChangedAt, Tlp Tlp, int Count, IReadOnlyList<BlocklistNameView> Names,
    IReadOnlyDictionary<string, string> Files);

public sealed record JurisdictionView(string Jurisdiction, int Decisions, int InForce);

public sealed record RevokeInput(string? Reason);

public sealed record AllowInput(string? Domain, string? Reason);

/// <summary>Blocking decisions, the allow-list and the blocklists made of them, for members and for authenticated intermediaries.</summary>
public static class EnforcementApi
{
    public static IServiceCollection AddEnforcement(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton(_ => EnforcementSettings.Read(configuration))
        .AddScoped<NoticeWrites>()
        .AddScoped<Contacts>()
        .AddScoped<DecisionWrites>()
        .AddScoped<AllowLists>()
        .AddScoped<BlocklistService>();

    public static IEndpointRouteBuilder MapEnforcementApi(this IEndpointRouteBuilder app)
    {
        var decisions = app.MapGroup("/api/v1/decisions").WithTags("Enforcement").RequireAuthorization(AccessServices.MemberPolicy);
        decisions.MapGet("/", ListDecisions).WithSummary("Blocking decisions you may see, by jurisdiction or platform; in force only with active=true.");
        decisions.MapGet("/{id:guid}", GetDecision);
        decisions.MapPost("/", CreateDecision).Accepts<DecisionInput>("application/json")
            .WithSummary("Record a blocking decision: platform, jurisdiction, legal basis, who decided, when and until when. Refused (409) when the allow-list covers a domain of the platform.");
        decisions.MapPost("/{id:guid}/revoke", RevokeDecision).Accepts<RevokeInput>("application/json").WithSummary("End a decision now; its names leave the blocklist.");

        var allow = app.MapGroup("/api/v1/allow-list").WithTags("Enforcement").RequireAuthorization(AccessServices.MemberPolicy);
        allow.MapGet("/", ListAllowed).WithSummary("Domains that may never be noticed or blocked (with their subdomains).");
        allow.MapPost("/", AddAllowed).Accepts<AllowInput>("application/json").WithSummary("Add a domain to the allow-list (platform admins).");
        allow.MapDelete("/{domain}", RemoveAllowed).WithSummary("Take a domain off the allow-list (platform admins).");

        var lists = app.MapGroup("/api/v1/blocklists").WithTags("Enforcement").RequireAuthorization(AccessServices.MemberPolicy);
        lists.MapGet("/", ListJurisdictions).WithSummary("The jurisdictions with decisions you may see.");
        lists.MapGet("/{name}", GetBlocklist)
            .WithSummary("A jurisdiction's blocklist: KR as JSON; KR.rpz, KR.hosts, KR.txt or KR.csv as a file (or ?format=rpz|hosts|domains|csv), with an ETag for If-None-Match.");
        app.MapNoticesApi();

        var contacts = app.MapGroup("/api/v1/contacts").WithTags("Enforcement").RequireAuthorization(AccessServices.MemberPolicy);
        contacts.MapGet("/", async (Contacts book, string? q, CancellationToken ct) => (await book.ListAsync(q, ct)).Select(ContactView.Of).ToList())
            .WithSummary("The address book of abuse contacts (hosts, registrars, CDNs, search engines, platforms), optionally searched.");
        contacts.MapPost("/", async (Contacts book, HttpRequest request, CancellationToken ct) =>
        {
            var contact = await book.AddAsync(await ApiErrors.ReadInputAsync(request, Contacts.Read, ct), ct);
            return TypedResults.Created($"/api/v1/contacts/{contact.Id}", ContactView.Of(contact));
        }).Accepts<ContactInput>("application/json").WithSummary("Add an abuse contact: name, kind, email, country, domains (suffixes it is responsible for), networks (CIDR).");
        contacts.MapPost("/import", ImportContacts).Accepts<string>("text/csv")
            .WithSummary("Import an address book as CSV (name,kind,email,country,domains,networks,notes; several domains or networks separated by spaces): all or nothing, a known e-mail updated.");
        contacts.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Contacts book, Guid id, CancellationToken ct) =>
            await book.RemoveAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());
        contacts.MapGet("/propose", async Task<Results<Ok<List<ContactProposal>>, NotFound>> (Contacts book, Guid platformId, CancellationToken ct) =>
            await book.ProposeAsync(platformId, ct) is { } proposals ? TypedResults.Ok(proposals) : TypedResults.NotFound())
            .WithSummary("The contacts responsible for a platform: by its domains' suffixes and the addresses its pages were served from.");
        return app;
    }

    private static async Task<Results<Ok<Paged<DecisionView>>, ValidationProblem>> ListDecisions(IsopDb db, string? jurisdiction, Guid? platformId, bool? active, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.BlockingDecisions.AsNoTracking();
        if (jurisdiction is not null)
        {
            if (!Jurisdictions.TryParse(jurisdiction, out var code)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["jurisdiction"] = [Jurisdictions.Problem(jurisdiction)] });
            query = query.Where(d => d.Jurisdiction == code);
        }
        if (platformId is { } p) query = query.Where(d => d.PlatformId == p);
        var now = db.Time.GetUtcNow();
        if (active == true) query = query.Where(d => d.RevokedAt == null && d.DecidedAt <= now && (d.Until == null || d.Until > now));
        return TypedResults.Ok(await query.OrderByDescending(d => d.DecidedAt).ThenBy(d => d.Id).ToPagedAsync(page, pageSize, 500, items => ViewsAsync(db, items, ct), ct));
    }

    private static async Task<Results<Ok<DecisionView>, NotFound>> GetDecision(IsopDb db, Guid id, CancellationToken ct)
    {
        var decision = await db.BlockingDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        return decision is null ? TypedResults.NotFound() : TypedResults.Ok((await ViewsAsync(db, [decision], ct))[0]);
    }

    private static async Task<Created<DecisionView>> CreateDecision(IsopDb db, DecisionWrites writes, HttpRequest request, CancellationToken ct)
    {
        var decision = await writes.CreateAsync(await ApiErrors.ReadInputAsync(request, DecisionInput.Read, ct), ct);
        return TypedResults.Created($"/api/v1/decisions/{decision.Id}", (await ViewsAsync(db, [decision], ct))[0]);
    }

    private static async Task<Results<Ok<DecisionView>, NotFound>> RevokeDecision(IsopDb db, DecisionWrites writes, Guid id, HttpRequest request, CancellationToken ct)
    {
        string? reason = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            reason = await ApiErrors.ReadInputAsync(request, (body, errors) =>
            {
                Web.JsonFields.RejectUnknown(body, ["reason"], errors);
                var text = Web.JsonFields.String(body, "reason", errors);
                InvalidInputException.ThrowIfAny(errors);
                return text;
            }, ct);
        var decision = await writes.RevokeAsync(id, reason, ct);
        return decision is null ? TypedResults.NotFound() : TypedResults.Ok((await ViewsAsync(db, [decision], ct))[0]);
    }

    internal static async Task<List<DecisionView>> ViewsAsync(IsopDb db, IReadOnlyList<BlockingDecision> decisions, CancellationToken ct)
    {
        var ids = decisions.Select(d => d.PlatformId).Distinct().ToList();
        var names = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var shares = await RecordShares.ForOwnerAsync(db, decisions, ct);
        var now = db.Time.GetUtcNow();
        return decisions.Select(d => new DecisionView(d.Id, d.PlatformId, names.GetValueOrDefault(d.PlatformId) ?? "", d.Jurisdiction, d.Basis, d.DecidedBy, d.DecidedAt, d.Until,
            d.InForce(now), d.RevokedAt, d.RevokedReason, d.RecordedBy, d.Tlp, d.OwnerOrganisationId, shares.GetValueOrDefault(d.Id), d.CreatedAt)).ToList();
    }

    private static async Task<Ok<ContactImport>> ImportContacts(Contacts book, HttpRequest request, CancellationToken ct)
    {
        const int limit = 5 * 1024 * 1024;
        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var buffer = new char[limit + 1];
        var read = 0;
        try
        {
            int n;
            while (read <= limit && (n = await reader.ReadAsync(buffer.AsMemory(read, buffer.Length - read), ct)) > 0) read += n;
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["body"] = ["expected UTF-8 text"] });
        }
        if (read > limit) throw new InvalidInputException(new Dictionary<string, string[]> { ["body"] = [$"larger than {limit / 1024 / 1024} MB"] });
        return TypedResults.Ok(await book.ImportAsync(new string(buffer, 0, read), ct));
    }

    private static async Task<List<AllowedView>> ListAllowed(AllowLists allowList, CancellationToken ct) =>
        [.. (await allowList.ListAsync(ct)).Select(AllowedView.Of)];

    private static async Task<Results<Created<AllowedView>, Ok<AllowedView>>> AddAllowed(AllowLists allowList, HttpRequest request, CancellationToken ct)
    {
        var input = await ApiErrors.ReadInputAsync(request, (body, errors) =>
        {
            Web.JsonFields.RejectUnknown(body, ["domain", "reason"], errors);
            var value = new AllowInput(Web.JsonFields.String(body, "domain", errors), Web.JsonFields.String(body, "reason", errors));
            InvalidInputException.ThrowIfAny(errors);
            return value;
        }, ct);
        var (entry, added) = await allowList.AddAsync(input.Domain, input.Reason, ct);
        return added ? TypedResults.Created($"/api/v1/allow-list/{entry.Name}", AllowedView.Of(entry)) : TypedResults.Ok(AllowedView.Of(entry));
    }

    private static async Task<Results<NoContent, NotFound>> RemoveAllowed(AllowLists allowList, string domain, CancellationToken ct) =>
        await allowList.RemoveAsync(domain, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<List<JurisdictionView>> ListJurisdictions(IsopDb db, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var rows = await db.BlockingDecisions.AsNoTracking()
            .GroupBy(d => d.Jurisdiction)
            .Select(g => new JurisdictionView(g.Key, g.Count(), g.Count(d => d.RevokedAt == null && d.DecidedAt <= now && (d.Until == null || d.Until > now))))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Jurisdiction, StringComparer.Ordinal)];
    }

    private static readonly Dictionary<string, BlocklistFormat> ByExtension = Enum.GetValues<BlocklistFormat>().ToDictionary(Blocklists.Extension, f => f, StringComparer.OrdinalIgnoreCase);

    private static async Task<IResult> GetBlocklist(BlocklistService service, HttpContext context, string name, string? format, CancellationToken ct)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var jurisdiction = dot < 0 ? name : name[..dot];
        BlocklistFormat? chosen = null;
        var errors = new Dictionary<string, string[]>();
        if (dot >= 0)
        {
            if (ByExtension.TryGetValue(name[(dot + 1)..], out var byExtension)) chosen = byExtension;
            else errors["name"] = [$"expected JURISDICTION or JURISDICTION.{string.Join("|", ByExtension.Keys)}, got \"{name}\""];
        }
        if (format is not null)
        {
            if (Blocklists.TryParseFormat(format, out var f)) chosen = f;
            else errors["format"] = [$"expected one of {string.Join(", ", Blocklists.FormatNames)}, got \"{format}\""];
        }
        if (!Jurisdictions.TryParse(jurisdiction, out _)) errors["jurisdiction"] = [Jurisdictions.Problem(jurisdiction)];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var list = await service.BuildAsync(jurisdiction, ct);
        context.Response.Headers["X-Isop-Serial"] = list.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Isop-Tlp"] = list.Tlp.Label();
        if (chosen is not { } fileFormat)
        {
            var files = Enum.GetValues<BlocklistFormat>().ToDictionary(f => Blocklists.FormatNames[(int)f], f => $"/api/v1/blocklists/{list.Jurisdiction}.{Blocklists.Extension(f)}");
            return TypedResults.Ok(new BlocklistView(list.Jurisdiction, list.Serial, list.ChangedAt, list.Tlp, list.Listed.Count,
                [.. list.Listed.Select(e => new BlocklistNameView(e.Name.Domain, e.PlatformId, e.Name.Platform, e.Name.SuccessorOf, e.DecisionId, e.Name.Basis, e.Name.DecidedBy, e.Name.DecidedAt, e.Name.Until, e.Name.Tlp))],
                files));
        }
        var bytes = Encoding.UTF8.GetBytes(list.Write(fileFormat));
        // A strong validator of the bytes: an intermediary polling the stable URL downloads the list only when it changed.
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 16)}\"");
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Private = true, NoCache = true };
        headers.LastModified = list.ChangedAt;
        var asked = context.Request.GetTypedHeaders();
        // If-None-Match decides when given (RFC 9110, 13.2.2); otherwise If-Modified-Since, to the second an HTTP date holds.
        var unchanged = asked.IfNoneMatch.Count > 0
            ? asked.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false))
            : asked.IfModifiedSince is { } since && list.ChangedAt.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
        if (unchanged) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var file = $"isop-blocklist-{list.Jurisdiction}.{Blocklists.Extension(fileFormat)}";
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = file }.ToString();
        return TypedResults.Bytes(bytes, Blocklists.MediaType(fileFormat) + "; charset=utf-8");
    }
}
