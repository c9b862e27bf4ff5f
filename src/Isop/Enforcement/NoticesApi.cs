using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Isop.Enforcement;

/// <summary>What monitoring saw after a notice was sent: URLs that stopped serving, domains gone dark, hops to successors.</summary>
public sealed record NoticeEffect(int Urls, int UrlsGone, IReadOnlyList<string> GoneUrls, IReadOnlyList<string> DarkDomains, IReadOnlyList<NoticeSuccessor> Successors, DateTimeOffset? CheckedAt);

/// <summary>A successor domain found after the notice, and the follow-up proposed against it.</summary>
public sealed record NoticeSuccessor(string FromDomain, string ToDomain, Guid? ToPlatformId, DateTimeOffset At, string FollowUp);

public sealed record NoticeView(
    Guid Id, Guid PlatformId, string Platform, string Recipient, string? RecipientName, NoticeBasis Basis, string Language, NoticeState State,
    IReadOnlyList<string> Urls, IReadOnlyList<NoticeWork> Works, IReadOnlyList<NoticeEvidence> Evidence, IReadOnlyList<string> Warnings,
    string Subject, string Body, string DraftedBy, DateTimeOffset DraftedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? ContentDigest,
    string? SentBy, DateTimeOffset? SentAt, string? SentFrom, string? MessageId, string? MessageDigest, DateTimeOffset? RespondedAt, string? OutcomeNote,
    DateTimeOffset? WithdrawnAt, string? WithdrawnBy, Guid? FollowUpOf, NoticeEffect? Effect, Tlp Tlp, Guid OwnerOrganisationId, SharesDto? SharedWith);

/// <summary>Outcomes per recipient, from the notices the caller may see: at the strictest TLP of those notices.</summary>
public sealed record RecipientStats(string Recipient, int Sent, int Answered, int ContentRemoved, int Refused, int NoAnswer, double? MedianHoursToAnswer, Tlp Tlp);

public static class NoticesApi
{
    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        var notices = app.MapGroup("/api/v1/notices").WithTags("Enforcement").RequireAuthorization(AccessServices.MemberPolicy);
        notices.MapGet("/", List).WithSummary("Notices you may see, by state (drafted, approved, sent, acknowledged, content-removed, refused, no-answer, withdrawn) or platform.");
        notices.MapGet("/recipients", Recipients).WithSummary("Response times and outcomes per recipient of the notices you may see.");
        notices.MapGet("/{id:guid}", Get).WithSummary("A notice, with what monitoring saw since it was sent.");
        notices.MapGet("/{id:guid}.eml", Eml).WithSummary("The notice as the e-mail message it is (or would be) sent as.");
        notices.MapGet("/{id:guid}.pdf", Pdf).WithSummary("The notice as a PDF document (A4), its text as approved.");
        notices.MapPost("/", Draft).Accepts<NoticeInput>("application/json")
            .WithSummary("Draft a notice: platformId, recipient, basis (dmca, dsa, kr-copyright-103), urls; language en, fr or ko. Evidence is gathered from what monitoring captured.");
        notices.MapPost("/{id:guid}/approve", Approve).WithSummary("Approve a drafted notice; with four-eyes on (the default) the drafter may not (409).");
        notices.MapPost("/{id:guid}/send", Send).WithSummary("Send an approved notice over SMTP (Isop:Smtp:Host, Isop:Smtp:Port), with its evidence summary attached.");
        notices.MapPost("/{id:guid}/outcome", Outcome).WithSummary("Record what came of a sent notice: acknowledged, content-removed, refused or no-answer.");
        notices.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("Withdraw a notice not sent yet (drafted or approved), with the reason: {\"reason\": \"…\"}.");
        notices.MapPost("/{id:guid}/follow-up", FollowUp).WithSummary("Draft the same notice against the platform's successor, found by monitoring after it was sent.");
        return app;
    }

    private static async Task<Results<Ok<Paged<NoticeView>>, ValidationProblem>> List(IsopDb db, string? state, Guid? platformId, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Notices.AsNoTracking();
        if (state is not null)
        {
            if (!EnumNames.TryParse<NoticeState>(state, out var s))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"expected {EnumNames.Expected<NoticeState>()}, got \"{state}\""] });
            query = query.Where(n => n.State == s);
        }
        if (platformId is { } p) query = query.Where(n => n.PlatformId == p);
        return TypedResults.Ok(await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).ToPagedAsync(page, pageSize, 200, items => ViewsAsync(db, items, ct), ct));
    }

    private static async Task<Results<Ok<NoticeView>, NotFound>> Get(IsopDb db, Guid id, CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        return notice is null ? TypedResults.NotFound() : TypedResults.Ok((await ViewsAsync(db, [notice], ct))[0]);
    }

    private static async Task<IResult> Eml(IsopDb db, NoticeWrites writes, Guid id, CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return TypedResults.NotFound();
        var message = await writes.MessageAsync(notice, notice.SentAt ?? db.Time.GetUtcNow(), ct);
        if (notice.MessageId is { } sentId) message.MessageId = sentId;
        using var stream = new MemoryStream();
        await message.WriteToAsync(stream, ct);
        return TypedResults.File(stream.ToArray(), "message/rfc822", $"notice-{notice.Id}.eml");
    }

    private static async Task<IResult> Pdf(IsopDb db, Guid id, CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return TypedResults.NotFound();
        var platform = await db.Platforms.AsNoTracking().Where(p => p.Id == notice.PlatformId).Select(p => p.Name).SingleOrDefaultAsync(ct) ?? "";
        return TypedResults.File(NoticePdf.Write(notice, platform), "application/pdf", $"notice-{notice.Id}.pdf");
    }

    private static async Task<Created<NoticeView>> Draft(IsopDb db, NoticeWrites writes, HttpRequest request, CancellationToken ct)
    {
        var notice = await writes.DraftAsync(await ApiErrors.ReadInputAsync(request, NoticeInput.Read, ct), ct);
        return TypedResults.Created($"/api/v1/notices/{notice.Id}", (await ViewsAsync(db, [notice], ct))[0]);
    }

    private static async Task<Results<Ok<NoticeView>, NotFound>> Approve(IsopDb db, NoticeWrites writes, Guid id, CancellationToken ct) =>
        await writes.ApproveAsync(id, ct) is { } notice ? TypedResults.Ok((await ViewsAsync(db, [notice], ct))[0]) : TypedResults.NotFound();

    private static async Task<Results<Ok<NoticeView>, NotFound>> Send(IsopDb db, NoticeWrites writes, Guid id, CancellationToken ct) =>
        await writes.SendAsync(id, ct) is { } notice ? TypedResults.Ok((await ViewsAsync(db, [notice], ct))[0]) : TypedResults.NotFound();

    private static async Task<Results<Ok<NoticeView>, NotFound>> Outcome(IsopDb db, NoticeWrites writes, Guid id, HttpRequest request, CancellationToken ct)
    {
        var (state, note, at) = await ApiErrors.ReadInputAsync(request, (body, errors) =>
        {
            JsonFields.RejectUnknown(body, ["state", "note", "at"], errors);
            var value = (JsonFields.String(body, "state", errors), JsonFields.String(body, "note", errors), JsonFields.String(body, "at", errors));
            InvalidInputException.ThrowIfAny(errors);
            return value;
        }, ct);
        return await writes.RecordOutcomeAsync(id, state, note, at, ct) is { } notice ? TypedResults.Ok((await ViewsAsync(db, [notice], ct))[0]) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<NoticeView>, NotFound>> Withdraw(IsopDb db, NoticeWrites writes, Guid id, HttpRequest request, CancellationToken ct)
    {
        var reason = await ApiErrors.ReasonAsync(request, ct);
        return await writes.WithdrawAsync(id, reason, ct) is { } notice ? TypedResults.Ok((await ViewsAsync(db, [notice], ct))[0]) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<NoticeView>, NotFound>> FollowUp(IsopDb db, NoticeWrites writes, Guid id, CancellationToken ct) =>
        await writes.FollowUpAsync(id, ct) is { } created
            ? TypedResults.Created($"/api/v1/notices/{created.Id}", (await ViewsAsync(db, [created], ct))[0])
            : TypedResults.NotFound();

    private static async Task<List<RecipientStats>> Recipients(IsopDb db, CancellationToken ct)
    {
        var sent = await db.Notices.AsNoTracking().Where(n => n.SentAt != null)
            .Select(n => new { n.Recipient, n.State, n.SentAt, n.RespondedAt, n.Tlp, n.OwnerOrganisationId }).ToListAsync(ct);
        return [.. sent.GroupBy(n => n.Recipient.ToLowerInvariant()).Select(g =>
        {
            var hours = g.Where(n => n.RespondedAt is not null).Select(n => (n.RespondedAt!.Value - n.SentAt!.Value).TotalHours).Order().ToList();
            double? median = hours.Count == 0 ? null : hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2;
            return new RecipientStats(g.Key, g.Count(), hours.Count, g.Count(n => n.State == NoticeState.ContentRemoved), g.Count(n => n.State == NoticeState.Refused),
                g.Count(n => n.State == NoticeState.NoAnswer), median is { } m ? Math.Round(m, 1) : null,
                Operations.DerivedTlp.Of(g.Select(n => (n.Tlp, n.OwnerOrganisationId))));
        }).OrderByDescending(r => r.Sent).ThenBy(r => r.Recipient, StringComparer.Ordinal)];
    }

    internal static async Task<List<NoticeView>> ViewsAsync(IsopDb db, IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        var ids = notices.Select(n => n.PlatformId).Distinct().ToList();
        var names = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var shares = await RecordShares.ForOwnerAsync(db, notices, ct);
        var effects = await EffectsAsync(db, notices, ct);
        return notices.Select(n =>
        {
            var evidence = n.EvidenceList;
            var warnings = n.UrlList.Where(u => evidence.All(e => e.Url != u)).Select(u => $"{u}: no capture of this URL by monitoring").ToList();
            return new NoticeView(n.Id, n.PlatformId, names.GetValueOrDefault(n.PlatformId) ?? "", n.Recipient, n.RecipientName, n.Basis, n.Language, n.State,
                n.UrlList, n.WorkList, evidence, warnings, n.Subject, n.Body, n.DraftedBy, n.DraftedAt, n.ApprovedBy, n.ApprovedAt, n.ContentDigest,
                n.SentBy, n.SentAt, n.SentFrom, n.MessageId, n.MessageDigest, n.RespondedAt, n.OutcomeNote, n.WithdrawnAt, n.WithdrawnBy, n.FollowUpOf, effects.GetValueOrDefault(n.Id),
                n.Tlp, n.OwnerOrganisationId, shares.GetValueOrDefault(n.Id));
        }).ToList();
    }

    /// <summary>
    /// The observed effect of sent notices, from monitoring runs that finished after the sending: a URL is gone when such
    /// a run did not see it again; a domain dark since then; successions found since then, each with its follow-up.
    /// </summary>
    internal static async Task<Dictionary<Guid, NoticeEffect>> EffectsAsync(IsopDb db, IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        var result = new Dictionary<Guid, NoticeEffect>();
        var sentOnes = notices.Where(n => n.SentAt is not null).ToList();
        if (sentOnes.Count == 0) return result;
        // A page of notices in a few queries, whatever its length: each notice's share is picked out here.
        var ids = sentOnes.Select(n => n.PlatformId).Distinct().ToList();
        var earliest = sentOnes.Min(n => n.SentAt!.Value);
        var platforms = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var runs = await db.CrawlRuns.AsNoTracking()
            .Where(r => ids.Contains(r.PlatformId) && r.StartedAt >= earliest && r.FinishedAt != null && r.Status == Monitoring.CrawlRunStatus.Completed)
            .Select(r => new { r.PlatformId, r.StartedAt }).ToListAsync(ct);
        var lastRuns = sentOnes.ToDictionary(n => n.Id, n => runs.Where(r => r.PlatformId == n.PlatformId && r.StartedAt >= n.SentAt!.Value).Select(r => (DateTimeOffset?)r.StartedAt).Max());
        var checkedNotices = sentOnes.Where(n => lastRuns[n.Id] is not null).ToList();
        var seen = new List<(Guid PlatformId, string? PageUrl, string? Href, DateTimeOffset LastSeen)>();
        if (checkedNotices.Count > 0)
        {
            var urls = checkedNotices.SelectMany(n => n.UrlList).Distinct(StringComparer.Ordinal).ToList();
            var since = checkedNotices.Min(n => lastRuns[n.Id]!.Value);
            seen = [.. (await db.Observations.AsNoTracking()
                .Where(o => ids.Contains(o.PlatformId) && o.LastSeen >= since && ((o.PageUrl != null && urls.Contains(o.PageUrl)) || (o.Href != null && urls.Contains(o.Href))))
                .Select(o => new { o.PlatformId, o.PageUrl, o.Href, o.LastSeen }).ToListAsync(ct)).Select(o => (o.PlatformId, o.PageUrl, o.Href, o.LastSeen))];
        }
        // A succession to a platform the caller may not see is not shown (neither its domain nor its id).
        var successions = await db.DomainSuccessions.AsNoTracking()
            .Where(s => ids.Contains(s.PlatformId) && s.At >= earliest && (s.ToPlatformId == null || db.Platforms.Any(p => p.Id == s.ToPlatformId)))
            .OrderBy(s => s.At).ToListAsync(ct);
        foreach (var notice in sentOnes)
        {
            var sent = notice.SentAt!.Value;
            if (!platforms.TryGetValue(notice.PlatformId, out var platform)) continue;
            var lastRun = lastRuns[notice.Id];
            var urls = notice.UrlList.ToList();
            var gone = new List<string>();
            if (lastRun is { } checkedAt)
            {
                var still = seen.Where(o => o.PlatformId == notice.PlatformId && o.LastSeen >= checkedAt)
                    .SelectMany(o => new[] { o.PageUrl, o.Href }).Where(u => u is not null).ToHashSet(StringComparer.Ordinal);
                gone.AddRange(urls.Where(u => !still.Contains(u)));
            }
            var dark = platform.Domains.Where(d => d.DarkSince >= sent).Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
            if (lastRun is null && dark.Count > 0)
                gone.AddRange(urls.Where(u => dark.Any(d => AllowList.IsWithin(new Uri(u).IdnHost.ToLowerInvariant(), d))));
            var successors = successions.Where(s => s.PlatformId == notice.PlatformId && s.At >= sent)
                .Select(s => new NoticeSuccessor(s.FromDomain, s.ToDomain, s.ToPlatformId, s.At, $"/api/v1/notices/{notice.Id}/follow-up")).ToList();
            result[notice.Id] = new NoticeEffect(urls.Count, gone.Distinct().Count(), [.. gone.Distinct()], dark, successors, lastRun);
        }
        return result;
    }
}
