using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Platforms;
using Isop.Web;
using Microsoft.EntityFrameworkCore;

namespace Isop.Enforcement;

/// <summary>A blocking decision as a caller gives it (API, command line); dates are ISO 8601 text.</summary>
public sealed record DecisionInput
{
    public Guid? PlatformId { get; init; }
    public string? Jurisdiction { get; init; }
    public string? Basis { get; init; }
    public string? DecidedBy { get; init; }
    public string? DecidedAt { get; init; }
    public string? Until { get; init; }
    public Tlp? Tlp { get; init; }
    public SharesDto? SharedWith { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string[]> ReadErrors { get; init; } = new Dictionary<string, string[]>();

    public const int MaxText = 2000, MaxName = 200;

    private static readonly string[] Fields = ["platformId", "jurisdiction", "basis", "decidedBy", "decidedAt", "until", "tlp", "sharedWith"];

    public static DecisionInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["expected a decision object"];
            return new DecisionInput { ReadErrors = errors };
        }
        JsonFields.RejectUnknown(body, Fields, errors);
        Guid? platform = null;
        if (JsonFields.String(body, "platformId", errors) is { } text)
        {
            if (Guid.TryParse(text, out var id)) platform = id;
            else errors["platformId"] = [$"expected the id of a platform, got \"{text}\""];
        }
        return new DecisionInput
        {
            PlatformId = platform,
            Jurisdiction = JsonFields.String(body, "jurisdiction", errors),
            Basis = JsonFields.String(body, "basis", errors),
            DecidedBy = JsonFields.String(body, "decidedBy", errors),
            DecidedAt = JsonFields.String(body, "decidedAt", errors),
            Until = JsonFields.String(body, "until", errors),
            Tlp = body.TryGetProperty("tlp", out var t) && t.ValueKind != JsonValueKind.Null ? ApiErrors.ReadTlp(body, default, errors) : null,
            SharedWith = ApiErrors.ReadShares(body, errors),
            ReadErrors = errors,
        };
    }
}

/// <summary>Jurisdictions as decisions and blocklists name them: ISO 3166-1 alpha-2 codes ("KR", "FR"; "EU" for the Union).</summary>
public static class Jurisdictions
{
    public const string Expected = "a country code (ISO 3166-1 alpha-2) such as KR or FR, or EU for the European Union";

    /// <summary>Whether the text names a jurisdiction: an assigned ISO 3166-1 alpha-2 code, or EU.</summary>
    public static bool TryParse(string? text, out string code)
    {
        code = text?.Trim().ToUpperInvariant() ?? "";
        return code == "EU" || Countries.IsAssigned(code);
    }

    /// <summary>What is wrong with a text that does not name a jurisdiction.</summary>
    public static string Problem(string? text) => text is null ? $"required: {Expected}" : text.Trim().ToUpperInvariant() switch
    {
        "UK" => "expected an ISO 3166-1 code: the United Kingdom's is GB, not UK",
        "EL" => "expected an ISO 3166-1 code: Greece's is GR, not EL",
        _ => $"expected {Expected}, got \"{(text.Length > 40 ? text[..40] + "…" : text)}\"",
    };
}

/// <summary>
/// The one write path for blocking decisions, shared by the API, the pages and the command line. A decision may not
/// be less restricted than its platform, and none is taken against a platform whose domain the allow-list covers.
/// </summary>
public sealed class DecisionWrites(IsopDb db)
{
    public async Task<BlockingDecision> CreateAsync(DecisionInput input, CancellationToken ct, Guid? owner = null)
    {
        var organisation = owner ?? db.Caller.OrganisationId ?? throw new AccessDeniedException($"{db.Caller.Name} is not a member of an organisation.");
        if (!db.Caller.CanWriteFor(organisation)) throw new AccessDeniedException($"{db.Caller.Name} may not record decisions for this organisation.");
        // A blocking decision goes into every ISP's list: only public authorities record them (a police unit, a National
        // Central Bureau, the secretariat), never a rights holder or an intermediary.
        if (!await MayDecideAsync(db, organisation, ct))
            throw new AccessDeniedException("Blocking decisions are recorded by public authorities only (law enforcement, National Central Bureaus, the secretariat).");
        var errors = new Dictionary<string, string[]>();
        Platform? platform = null;
        if (input.PlatformId is not { } platformId) { if (!input.ReadErrors.ContainsKey("platformId")) errors["platformId"] = ["required: the id of a platform"]; }
        else if ((platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == platformId, ct)) is null) errors["platformId"] = [$"no platform {platformId} that you may see"];
        if (!Jurisdictions.TryParse(input.Jurisdiction, out var jurisdiction)) errors["jurisdiction"] = [Jurisdictions.Problem(input.Jurisdiction)];
        var basis = Text(input.Basis, "basis", MaxOf("basis"), errors);
        var decidedBy = Text(input.DecidedBy, "decidedBy", MaxOf("decidedBy"), errors, singleLine: true);
        var now = db.Time.GetUtcNow();
        var decidedAt = now;
        if (input.DecidedAt is { } d && !Cli.SharingCommands.TryParseSince(d, out decidedAt)) errors["decidedAt"] = [$"expected an ISO 8601 date or time such as 2026-11-01, got \"{d}\""];
        else if (decidedAt > now.AddDays(1)) errors["decidedAt"] = ["must not be in the future"];
        DateTimeOffset? until = null;
        if (input.Until is { } u)
        {
            if (!Cli.SharingCommands.TryParseSince(u, out var end)) errors["until"] = [$"expected an ISO 8601 date or time such as 2027-12-31, got \"{u}\""];
            else if (end <= decidedAt) errors["until"] = ["must be after the decision"];
            else until = end;
        }
        var tlp = input.Tlp ?? platform?.Tlp ?? Tlp.Amber;
        if (platform is not null && tlp < platform.Tlp) errors["tlp"] = [$"must be TLP:{platform.Tlp.Label()} or stricter: the decision names a platform shared at TLP:{platform.Tlp.Label()}"];
        await RecordShares.ValidateAsync(db, input.SharedWith, errors, ct);
        foreach (var (field, problems) in input.ReadErrors) errors[field] = problems;
        InvalidInputException.ThrowIfAny(errors);

        await AllowLists.RefuseCoveredAsync(db, platform!.Domains.Select(x => x.Name), $"platform {platform.Name} cannot be blocked", ct);
        var decision = new BlockingDecision
        {
            PlatformId = platform.Id, Jurisdiction = jurisdiction, Basis = basis!, DecidedBy = decidedBy!, DecidedAt = decidedAt, Until = until,
            RecordedBy = db.Caller.Name, Tlp = tlp, OwnerOrganisationId = organisation, CreatedAt = now, UpdatedAt = now,
        };
        db.BlockingDecisions.Add(decision);
        await RecordShares.ReplaceAsync(db, decision, input.SharedWith ?? SharesDto.None, ct);
        await db.SaveChangesAsync(ct);
        return decision;
    }

    /// <summary>Whether an organisation is a public authority, which alone records blocking decisions.</summary>
    public static async Task<bool> MayDecideAsync(IsopDb db, Guid organisation, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.Id == organisation).Select(o => (OrganisationKind?)o.Kind).SingleOrDefaultAsync(ct)
            is OrganisationKind.LawEnforcement or OrganisationKind.NationalCentralBureau or OrganisationKind.Secretariat;

    /// <summary>Ends a decision now (a court lifted it, it was recorded wrongly); null when the caller may not see it.</summary>
    public async Task<BlockingDecision?> RevokeAsync(Guid id, string? reason, CancellationToken ct)
    {
        var decision = await db.BlockingDecisions.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (decision is null) return null;
        if (!db.Caller.CanWriteFor(decision.OwnerOrganisationId)) throw new AccessDeniedException($"{db.Caller.Name} may not revoke this decision.");
        if (decision.RevokedAt is not null) throw new ConflictException($"The decision was already revoked on {decision.RevokedAt:yyyy-MM-dd}.");
        var errors = new Dictionary<string, string[]>();
        var text = reason is null ? null : Text(reason, "reason", DecisionInput.MaxText, errors);
        InvalidInputException.ThrowIfAny(errors);
        var now = db.Time.GetUtcNow();
        decision.RevokedAt = now;
        decision.RevokedReason = text;
        decision.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return decision;
    }

    private static int MaxOf(string field) => field == "basis" ? DecisionInput.MaxText : DecisionInput.MaxName;

    internal static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors, bool singleLine = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) errors[field] = ["required: a non-empty string"];
        else if (text.Length > max) errors[field] = [$"longer than {max} characters"];
        else if (text.Any(c => (char.IsControl(c) && (singleLine || c is not '\n' and not '\t')) || TextChecks.IsDirectionControl(c) || c is '\u2028' or '\u2029'))
            errors[field] = [singleLine ? "expected one line of text, without control characters or direction overrides" : "expected text without control characters or direction overrides"];
        else return text;
        return null;
    }
}
