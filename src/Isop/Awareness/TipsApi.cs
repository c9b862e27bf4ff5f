using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Awareness;

/// <summary>What a tip's sender is told: the same words whatever was known of the site, and whether the tip was kept or merged.</summary>
public sealed record TipReceipt(bool Received, string Message);

/// <summary>
/// Tips: the public sends them (a challenge, then the tip with its proof), the receiving organisation's analysts triage
/// them. The public side answers the same whatever Isop knows of the site.
/// </summary>
public static class TipsApi
{
    public static IEndpointRouteBuilder MapTipsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/public/v1/tips").WithTags("Public").AllowAnonymous();
        open.MapGet("/challenge", Challenge)
            .WithSummary("A token for one tip, and the proof of work it needs: a number n such that SHA-256 of \"token:n\" begins with `difficulty` zero bits. Send the tip after notBefore, before expiresAt.");
        open.MapPost("/", Send).Accepts<TipInput>("application/json").Produces<TipReceipt>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .WithSummary("Report a site: {\"url\", \"kind\"?, \"details\"?, \"contact\"?, \"language\"?, \"token\", \"solution\"}. 202 when received.");
        open.MapMethods("/", ["OPTIONS"], (HttpContext context) => PublicApi.Preflight(context, "POST, OPTIONS", "Content-Type, Accept-Language")).ExcludeFromDescription();
        open.MapMethods("/challenge", ["OPTIONS"], (HttpContext context) => PublicApi.Preflight(context, "GET, OPTIONS", "Accept-Language")).ExcludeFromDescription();

        var triage = app.MapGroup("/api/v1/tips").WithTags("Awareness").RequireAuthorization(AccessServices.MemberPolicy);
        triage.MapGet("/", List).WithSummary("Tips from the public you may see (the receiving organisation's), by state: new, accepted, rejected.");
        triage.MapGet("/{id:guid}", Get);
        triage.MapPost("/{id:guid}/accept", Accept).Accepts<TipAcceptance>("application/json")
            .WithSummary("Accept a tip: the platform already known by its domain, else a new platform (name, kind, tlp; monitored unless monitor is false).");
        triage.MapPost("/{id:guid}/reject", Reject).WithSummary("Reject a tip, with the reason: {\"reason\": \"…\"}.");
        return app;
    }

    private static IResult Challenge(HttpContext context, TipChallenge challenge, IStringLocalizer<SharedResource> l)
    {
        PublicApi.Cors(context.Response);
        context.Response.Headers.CacheControl = "no-store";
        return challenge.Accepting ? TypedResults.Ok(challenge.Issue()) : Unavailable(context, l["The queue of reports is full for now; please try again in an hour."]);
    }

    private static async Task<IResult> Send(HttpContext context, IsopDbFactory contexts, PublicSettings settings, TipChallenge challenge, TipLimiter limiter,
        Monitoring.MonitorSettings monitor, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        PublicApi.Cors(context.Response);
        context.Response.Headers.CacheControl = "no-store";
        TipInput input;
        try
        {
            input = await ApiErrors.ReadInputAsync(context.Request, (body, errors) =>
            {
                var read = TipInput.Read(body, errors);
                InvalidInputException.ThrowIfAny(errors);
                return read;
            }, ct);
        }
        catch (InvalidInputException invalid)
        {
            return TypedResults.ValidationProblem(invalid.Errors.ToDictionary());
        }
        if (string.IsNullOrWhiteSpace(input.Language)) input = input with { Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName };
        var outcome = await ReceiveAsync(input, context.Connection.RemoteIpAddress, contexts, settings, challenge, limiter, monitor, ct);
        return outcome switch
        {
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            { RetryAfter: { } retry } => TooMany(context, settings, retry),
            _ => TypedResults.Json(new TipReceipt(true, Thanks(l, input.Language)), statusCode: StatusCodes.Status202Accepted),
        };
    }

    /// <summary>What became of a tip: problems by field, the address's allowance spent, or received (kept, merged, or dropped).</summary>
    public sealed record Outcome(Dictionary<string, string[]>? Errors, TimeSpan? RetryAfter = null);

    /// <summary>The one way in for tips (the API and the report form): the token and proof, the fields, then the queue.</summary>
    public static async Task<Outcome> ReceiveAsync(TipInput input, System.Net.IPAddress? client, IsopDbFactory contexts, PublicSettings settings, TipChallenge challenge,
        TipLimiter limiter, Monitoring.MonitorSettings monitor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (Tips.Validate(input, errors) is null) return new(errors);
        // A tip that reads well counts against the address's allowance (a typing mistake costs nothing); the token is
        // used up only within the allowance, so that refused tips do not fill the set of used tokens.
        if (!limiter.TryTake(client, out var retry)) return new(null, retry);
        if (!challenge.TryUse(input.Token, input.Solution, out var field, out var problem)) return new(new() { [field] = [problem] });
        // A robot filled the field no person sees: it hears what a person hears, and nothing is kept.
        if (!string.IsNullOrEmpty(input.Website)) return new(null);
        Organisation? receiver;
        await using (var system = contexts.For(Caller.System("public tips")))
            receiver = await Tips.ReceiverAsync(system, settings, ct);
        if (receiver is null) throw new InvalidOperationException($"No organisation receives tips: create a secretariat, or name one in {PublicSettings.Section}:TipsOrganisation.");
        await using var db = contexts.For(Caller.ForOrganisation(receiver.Id, "public tip"));
        await new Tips(db, settings, monitor).ReceiveAsync(input, ct);
        return new(null);
    }

    internal static string Thanks(IStringLocalizer<SharedResource> l, string? language) =>
        PublicApi.InLanguage(PublicApi.LanguageOf(language, System.Globalization.CultureInfo.CurrentUICulture.Name, []), () => l["Thank you. Analysts will look at the site you reported."].Value);

    private static IResult TooMany(HttpContext context, PublicSettings settings, TimeSpan retry)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem($"One address may send {settings.TipsPerHour} tips an hour; send again in {seconds} seconds.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }

    private static IResult Unavailable(HttpContext context, string message)
    {
        context.Response.Headers.RetryAfter = "3600";
        return TypedResults.Problem(message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
    }

    private static async Task<Results<Ok<Paged<TipView>>, ValidationProblem>> List(IsopDb db, Tips tips, string? state, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Tips.AsNoTracking();
        if (state is not null)
        {
            TipState? s = state.Trim().ToLowerInvariant() switch { "new" => TipState.New, "accepted" => TipState.Accepted, "rejected" => TipState.Rejected, _ => null };
            if (s is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"expected new, accepted or rejected, got \"{(state.Length > 40 ? state[..40] : state)}\""] });
            query = query.Where(t => t.State == s);
        }
        return TypedResults.Ok(await query.OrderByDescending(t => t.LastReportedAt).ThenBy(t => t.Id).ToPagedAsync(page, pageSize, 200, items => tips.ViewsAsync(items, ct), ct));
    }

    private static async Task<Results<Ok<TipView>, NotFound>> Get(IsopDb db, Tips tips, Guid id, CancellationToken ct)
    {
        var tip = await db.Tips.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return tip is null ? TypedResults.NotFound() : TypedResults.Ok((await tips.ViewsAsync([tip], ct))[0]);
    }

    private static async Task<Results<Ok<TipView>, NotFound>> Accept(Tips tips, Guid id, HttpRequest request, CancellationToken ct)
    {
        // Every field is optional: no body at all is {}.
        var empty = request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"));
        var input = empty ? new TipAcceptance(null, null, null, null) : await ApiErrors.ReadInputAsync(request, (body, errors) =>
            {
                JsonFields.RejectUnknown(body, ["name", "kind", "tlp", "monitor"], errors);
                var acceptance = new TipAcceptance(JsonFields.String(body, "name", errors), JsonFields.String(body, "kind", errors), ReadTlp(body, errors), JsonFields.Bool(body, "monitor", errors));
                InvalidInputException.ThrowIfAny(errors);
                return acceptance;
            }, ct);
        return await tips.AcceptAsync(id, input, ct) is { } tip ? TypedResults.Ok((await tips.ViewsAsync([tip], ct))[0]) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<TipView>, NotFound>> Reject(Tips tips, Guid id, HttpRequest request, CancellationToken ct)
    {
        var reason = await ApiErrors.ReasonAsync(request, ct);
        return await tips.RejectAsync(id, reason, ct) is { } tip ? TypedResults.Ok((await tips.ViewsAsync([tip], ct))[0]) : TypedResults.NotFound();
    }

    private static Tlp? ReadTlp(System.Text.Json.JsonElement body, Dictionary<string, string[]> errors)
    {
        if (JsonFields.String(body, "tlp", errors) is not { } text) return null;
        if (TlpLabels.TryParse(text, out var tlp)) return tlp;
        errors["tlp"] = [$"expected CLEAR, GREEN, AMBER, AMBER+STRICT or RED, got \"{(text.Length > 40 ? text[..40] : text)}\""];
        return null;
    }
}
