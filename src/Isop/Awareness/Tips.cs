using System.Net.Mail;
using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Enforcement;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.Web;
using Microsoft.EntityFrameworkCore;

namespace Isop.Awareness;

/// <summary>A tip as the public sends it (the API's JSON, or the report form).</summary>
public sealed record TipInput
{
    public string? Url { get; init; }
    public string? Kind { get; init; }
    public string? Details { get; init; }
    public string? Contact { get; init; }
    public string? Language { get; init; }
    public string? Token { get; init; }
    public string? Solution { get; init; }
    /// <summary>The honeypot: a field people do not see, and robots fill.</summary>
    public string? Website { get; init; }

    public const int MaxDetails = 2000, MaxContact = 254;
    internal static readonly string[] Fields = ["url", "kind", "details", "contact", "language", "token", "solution", "website"];

    public static TipInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["expected a tip object: {\"url\": \"…\", \"token\": \"…\", \"solution\": \"…\"}"];
            return new TipInput();
        }
        JsonFields.RejectUnknown(body, Fields, errors);
        return new TipInput
        {
            Url = JsonFields.String(body, "url", errors), Kind = JsonFields.String(body, "kind", errors),
            Details = JsonFields.String(body, "details", errors), Contact = JsonFields.String(body, "contact", errors),
            Language = JsonFields.String(body, "language", errors), Token = JsonFields.String(body, "token", errors),
            // The proof is a number: as a JSON string or a JSON number.
            Solution = body.TryGetProperty("solution", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetRawText() : JsonFields.String(body, "solution", errors),
            Website = JsonFields.String(body, "website", errors),
        };
    }
}

/// <summary>A tip in the triage queue, with what helps to decide: the platform already known by that name, the allow-list.</summary>
public sealed record TipView(
    Guid Id, string Url, string Host, string DisplayHost, string? Kind, string? Details, string? Contact, string Language, int Reports,
    DateTimeOffset ReceivedAt, DateTimeOffset LastReportedAt, TipState State, Guid? PlatformId, string? Platform, string? Reason, string? TriagedBy,
    DateTimeOffset? TriagedAt, Guid? KnownPlatformId, string? KnownPlatform, bool AllowListed, Tlp Tlp);

/// <summary>How an analyst accepts a tip: the platform's name, kind and TLP (defaults: the host, the tip's kind, AMBER), and whether to monitor it (default on).</summary>
public sealed record TipAcceptance(string? Name, string? Kind, Tlp? Tlp, bool? Monitor);

/// <summary>
/// Tips from the public and their triage. Receiving: checked field by field, merged with a waiting tip of the same site,
/// bounded in number; the answer is the same whether or not anything is known of the site. Triage, by the receiving
/// organisation's analysts: accept (a platform to monitor, or the one already known) or reject with a reason; each
/// step is in the audit log as a change of the tip.
/// </summary>
public sealed class Tips(IsopDb db, PublicSettings settings, MonitorSettings monitor)
{
    /// <summary>The organisation that receives tips: the one named by <c>Isop:Public:TipsOrganisation</c>, else the first secretariat.</summary>
    public static async Task<Organisation?> ReceiverAsync(IsopDb db, PublicSettings settings, CancellationToken ct)
    {
        var organisations = db.Organisations.AsNoTracking();
        return settings.TipsOrganisation is { } name
            ? await organisations.FirstOrDefaultAsync(o => o.Name == name, ct)
            : await organisations.Where(o => o.Kind == OrganisationKind.Secretariat).OrderBy(o => o.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Validates a tip (not its token: the caller checks that first) and returns it normalised.</summary>
    public static (SiteInput Site, PlatformKind? Kind, string? Details, string? Contact, string Language)? Validate(TipInput input, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        if (!SiteInput.TryRead(input.Url, out var site, out var problem)) errors["url"] = [problem];
        PlatformKind? kind = null;
        if (!string.IsNullOrWhiteSpace(input.Kind))
        {
            if (PlatformKinds.TryParse(input.Kind, out var k)) kind = k;
            else errors["kind"] = [$"expected one of {string.Join(", ", PlatformKinds.Names)}, got \"{Clip(input.Kind)}\""];
        }
        // A browser sends a text area's line breaks as CR LF.
        var details = Text(input.Details?.ReplaceLineEndings("\n"), "details", MaxOf: TipInput.MaxDetails, errors);
        var contact = input.Contact?.Trim();
        if (string.IsNullOrEmpty(contact)) contact = null;
        else if (contact.Length > TipInput.MaxContact || !MailAddress.TryCreate(contact, out var address) || address.Address != contact || !contact.Contains('.', StringComparison.Ordinal))
            errors["contact"] = [$"expected an e-mail address (at most {TipInput.MaxContact} characters), or nothing"];
        var language = string.IsNullOrWhiteSpace(input.Language) ? "en" : input.Language.Trim().ToLowerInvariant();
        if (language is not ("en" or "fr" or "ko")) errors["language"] = ["expected en, fr or ko"];
        return errors.Count > before ? null : (site, kind, details, contact, language);
    }

    /// <summary>Stores a valid tip for the receiving organisation (merged with a waiting one of the same host).</summary>
    public async Task ReceiveAsync(TipInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var valid = Validate(input, errors) ?? throw new InvalidInputException(errors);
        var now = db.Time.GetUtcNow();
        var waiting = await db.Tips.Where(t => t.Host == valid.Site.Host && t.State == TipState.New).OrderBy(t => t.ReceivedAt).FirstOrDefaultAsync(ct);
        if (waiting is not null)
        {
            waiting.Reports = Math.Min(waiting.Reports + 1, 1_000_000);
            waiting.LastReportedAt = now;
            waiting.Kind ??= valid.Kind;
            waiting.Details ??= valid.Details;
            waiting.Contact ??= valid.Contact;
        }
        else
        {
            // A full queue drops new sites; the sender is not told (what it hears would say which sites already wait).
            if (await db.Tips.CountAsync(t => t.State == TipState.New, ct) >= settings.MaxOpenTips) return;
            db.Tips.Add(new Tip
            {
                OwnerOrganisationId = db.Caller.OrganisationId!.Value, Url = input.Url!.Trim(), Host = valid.Site.Host, Kind = valid.Kind,
                Details = valid.Details, Contact = valid.Contact, Language = valid.Language, ReceivedAt = now, LastReportedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<TipView>> ViewsAsync(IReadOnlyList<Tip> tips, CancellationToken ct)
    {
        var hosts = tips.SelectMany(t => CandidatesOf(t.Host)).Distinct().ToList();
        var known = (await db.Platforms.AsNoTracking().Where(p => p.Domains.Any(d => hosts.Contains(d.Name))).OrderBy(p => p.CreatedAt).ToListAsync(ct))
            .SelectMany(p => p.Domains.Where(d => hosts.Contains(d.Name)).Select(d => new { d.Name, p.Id, PlatformName = p.Name })).ToList();
        var linked = tips.Where(t => t.PlatformId is not null).Select(t => t.PlatformId!.Value).Distinct().ToList();
        var names = await db.Platforms.AsNoTracking().Where(p => linked.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var allowed = await AllowLists.NamesAsync(db, ct);
        return [.. tips.Select(t =>
        {
            var candidates = CandidatesOf(t.Host);
            var match = candidates.Select(c => known.FirstOrDefault(k => k.Name == c)).FirstOrDefault(k => k is not null);
            return new TipView(t.Id, t.Url, t.Host, SiteInput.TryRead(t.Host, out var s, out _) ? s.Display : t.Host, t.Kind is { } k ? PlatformKinds.NameOf(k) : null,
                t.Details, t.Contact, t.Language, t.Reports, t.ReceivedAt, t.LastReportedAt, t.State, t.PlatformId,
                t.PlatformId is { } p ? names.GetValueOrDefault(p) : null, t.Reason, t.TriagedBy, t.TriagedAt, match?.Id, match?.PlatformName,
                candidates.Any(allowed.Contains), t.Tlp);
        })];
    }

    /// <summary>Accepts a waiting tip: the platform already known by its host (visible to the caller), else a new one, monitored unless told not to.</summary>
    public async Task<Tip?> AcceptAsync(Guid id, TipAcceptance input, CancellationToken ct)
    {
        if (await WritableAsync(id, "accept", ct) is not { } tip) return null;
        var errors = new Dictionary<string, string[]>();
        PlatformKind? kind = tip.Kind;
        if (input.Kind is not null)
        {
            if (PlatformKinds.TryParse(input.Kind, out var k)) kind = k;
            else errors["kind"] = [$"expected one of {string.Join(", ", PlatformKinds.Names)}, got \"{Clip(input.Kind)}\""];
        }
        InvalidInputException.ThrowIfAny(errors);
        var candidates = CandidatesOf(tip.Host);
        var allowed = await AllowLists.NamesAsync(db, ct);
        if (candidates.FirstOrDefault(allowed.Contains) is { } legitimate)
            throw new ConflictException($"{legitimate} is on the allow-list of legitimate services: reject the tip, or take the name off the allow-list first.");
        var existing = await db.Platforms.Where(p => p.Domains.Any(d => candidates.Contains(d.Name))).OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(ct);
        var now = db.Time.GetUtcNow();
        Guid platformId;
        if (existing is not null) platformId = existing.Id;
        else
        {
            var seed = Uri.TryCreate(tip.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.IdnHost.TrimEnd('.').EndsWith(tip.Host, StringComparison.OrdinalIgnoreCase)
                ? u.AbsoluteUri : $"https://{tip.Host}/";
            var platform = await new PlatformWrites(db, monitor).CreateAsync(
                new PlatformInput { Name = string.IsNullOrWhiteSpace(input.Name) ? tip.Host : input.Name, Kind = kind, Domains = [tip.Host], Tlp = input.Tlp ?? Tlp.Amber,
                    Description = $"Reported by the public ({tip.Reports}×) on {tip.ReceivedAt:yyyy-MM-dd}." },
                input.Monitor == false ? null : new MonitorSettingsInput { Enabled = true, Seeds = [seed] }, ct);
            platformId = platform.Id;
        }
        tip.State = TipState.Accepted;
        tip.PlatformId = platformId;
        tip.TriagedBy = db.Caller.Name;
        tip.TriagedAt = now;
        await db.SaveChangesAsync(ct);
        return tip;
    }

    public async Task<Tip?> RejectAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (await WritableAsync(id, "reject", ct) is not { } tip) return null;
        var errors = new Dictionary<string, string[]>();
        var text = string.IsNullOrWhiteSpace(reason) ? null : Text(reason, "reason", 2000, errors);
        if (text is null && !errors.ContainsKey("reason")) errors["reason"] = ["required: why the tip is rejected"];
        InvalidInputException.ThrowIfAny(errors);
        tip.State = TipState.Rejected;
        tip.Reason = text;
        tip.TriagedBy = db.Caller.Name;
        tip.TriagedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return tip;
    }

    private async Task<Tip?> WritableAsync(Guid id, string verb, CancellationToken ct)
    {
        if (await db.Tips.SingleOrDefaultAsync(t => t.Id == id, ct) is not { } tip) return null;
        if (!db.Caller.CanWriteFor(tip.OwnerOrganisationId)) throw new AccessDeniedException($"{db.Caller.Name} may not {verb} tips (analysts of the receiving organisation may).");
        if (tip.State != TipState.New) throw new ConflictException($"The tip was {(tip.State == TipState.Accepted ? "accepted" : "rejected")} already, by {tip.TriagedBy} on {tip.TriagedAt:yyyy-MM-dd}.");
        return tip;
    }

    /// <summary>The host, then its parents down to the registrable domain.</summary>
    private static IReadOnlyList<string> CandidatesOf(string host) => SiteInput.TryRead(host, out var site, out _) ? site.Candidates : [host];

    private static string? Text(string? value, string field, int MaxOf, Dictionary<string, string[]> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        return DecisionWrites.Text(text, field, MaxOf, errors);
    }

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
