using System.Text.Json;
using System.Text.Json.Nodes;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cases;

public sealed record CaseSummaryView(
    Guid Id, string Title, CaseStatus Status, Tlp Tlp, Guid OwnerOrganisationId, string LeadOrganisation,
    int Links, int Evidence, int OpenTasks, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CaseView(
    Guid Id, string Title, string? Summary, CaseStatus Status, DateTimeOffset StatusChangedAt, string StatusChangedBy,
    IReadOnlyList<CaseStatus> NextStatuses, Tlp Tlp, Guid OwnerOrganisationId, string LeadOrganisation,
    IReadOnlyList<NamedId> Participants, IReadOnlyList<NamedId> NamedMembers, SharesDto? SharedWith,
    IReadOnlyList<CaseLinkView> Links, IReadOnlyList<CasePersonView> People, IReadOnlyList<CaseNoteView> Notes,
    IReadOnlyList<CaseTaskView> Tasks, int Evidence, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    bool CanEdit);

public sealed record NamedId(Guid Id, string Name);

/// <summary>A linked entity, with its name and where it leads (<see cref="Href"/>: its page in the workspace).</summary>
public sealed record CaseLinkView(Guid Id, CaseLinkKind Kind, Guid? TargetId, string? Value, string Label, string Href, string? Note, string AddedBy, DateTimeOffset AddedAt);

public sealed record CasePersonView(Guid Id, string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Handles, string? Role, string AddedBy, DateTimeOffset AddedAt);

public sealed record CaseNoteView(Guid Id, string Text, string Author, IReadOnlyList<NamedId> Mentions, DateTimeOffset CreatedAt);

public sealed record CaseTaskView(Guid Id, string Title, Guid? AssigneeId, string? Assignee, DateOnly? Due, bool Done, DateTimeOffset? DoneAt, string? DoneBy, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record CaseEvidenceView(Guid Id, Guid PlatformId, string Platform, string Url, string? Description, string? Digest, DateTimeOffset CapturedAt, string WarcFile, long WarcOffset, string AddedBy, DateTimeOffset AddedAt);

/// <summary>One thing that happened to a case or to an entity it links: from the audit log, as far as the reader may see it.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Action, string Entity, string EntityId, IReadOnlyList<string> Fields);

/// <summary>Reads of cases, all under the caller's TLP (every query goes through the database's filters).</summary>
public sealed class CaseReads(IsopDb db)
{
    public IQueryable<Case> Query(string? q, CaseStatus? status)
    {
        var cases = db.Cases.AsNoTracking();
        if (status is { } s) cases = cases.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLower();
            cases = cases.Where(c => c.Title.ToLower().Contains(term) || (c.Summary != null && c.Summary.ToLower().Contains(term)));
        }
        return cases;
    }

    public async Task<Paged<CaseSummaryView>> ListAsync(string? q, CaseStatus? status, string? sort, int? page, int? pageSize, CancellationToken ct)
    {
        var query = Query(q, status);
        var ordered = sort switch
        {
            "title" => query.OrderBy(c => c.Title).ThenBy(c => c.Id),
            "-title" => query.OrderByDescending(c => c.Title).ThenBy(c => c.Id),
            "status" => query.OrderBy(c => c.Status).ThenByDescending(c => c.UpdatedAt),
            "created" => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            "-created" => query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id),
            "updated" => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id),
        };
        return await ordered.ToPagedAsync(page, pageSize, 500, SummariesAsync, ct);
    }

    public async Task<List<CaseSummaryView>> SummariesAsync(List<Case> cases)
    {
        var ids = cases.Select(c => c.Id).ToList();
        var owners = cases.Select(c => c.OwnerOrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => owners.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        // Counted as the caller sees them: a link to a platform they may not see is not counted.
        var links = await db.CaseLinks.Where(l => ids.Contains(l.CaseId)).GroupBy(l => l.CaseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var evidence = await db.CaseEvidence.Where(e => ids.Contains(e.CaseId)).GroupBy(e => e.CaseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var tasks = await db.CaseTasks.Where(t => ids.Contains(t.CaseId) && t.DoneAt == null).GroupBy(t => t.CaseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return [.. cases.Select(c => new CaseSummaryView(c.Id, c.Title, c.Status, c.Tlp, c.OwnerOrganisationId, names.GetValueOrDefault(c.OwnerOrganisationId, "?"),
            links.GetValueOrDefault(c.Id), evidence.GetValueOrDefault(c.Id), tasks.GetValueOrDefault(c.Id), c.CreatedAt, c.UpdatedAt))];
    }

    public async Task<CaseView?> GetAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var lead = await db.Organisations.AsNoTracking().Where(o => o.Id == c.OwnerOrganisationId).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? "?";
        var owner = db.Caller.IsSystem || db.Caller.OrganisationId == c.OwnerOrganisationId;
        // Who takes part is shown to everyone who may read the case: a participant should know who else reads it.
        var kind = RecordKinds.Of<Case>();
        var shares = await db.Shares.AsNoTracking().Where(s => s.RecordKind == kind && s.RecordId == id).ToListAsync(ct);
        var orgIds = shares.Where(s => s.OrganisationId != null).Select(s => s.OrganisationId!.Value).ToList();
        var memberIds = shares.Where(s => s.MemberId != null).Select(s => s.MemberId!.Value).ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).OrderBy(o => o.Name).Select(o => new NamedId(o.Id, o.Name)).ToListAsync(ct);
        var notes = await db.CaseNotes.AsNoTracking().Where(n => n.CaseId == id).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(ct);
        var mentioned = notes.SelectMany(n => n.MentionIds).Concat(memberIds).Distinct().ToList();
        var members = await db.Users.AsNoTracking().Where(m => mentioned.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Email ?? m.DisplayName, ct);
        var tasks = await db.CaseTasks.AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.DoneAt != null).ThenBy(t => t.Due == null).ThenBy(t => t.Due).ThenBy(t => t.CreatedAt).ToListAsync(ct);
        var people = await db.CasePersons.AsNoTracking().Where(p => p.CaseId == id).OrderBy(p => p.Name).ToListAsync(ct);
        return new CaseView(c.Id, c.Title, c.Summary, c.Status, c.StatusChangedAt, c.StatusChangedBy, Case.NextOf(c.Status), c.Tlp, c.OwnerOrganisationId, lead,
            orgs, [.. memberIds.Select(m => new NamedId(m, members.GetValueOrDefault(m, "?"))).OrderBy(m => m.Name, StringComparer.Ordinal)],
            owner ? new SharesDto(orgIds, memberIds) : null,
            await LinksAsync(id, ct),
            [.. people.Select(p => new CasePersonView(p.Id, p.Name, p.AliasList, p.HandleList, p.Role, p.AddedBy, p.AddedAt))],
            [.. notes.Select(n => new CaseNoteView(n.Id, n.Text, n.Author, [.. n.MentionIds.Select(m => new NamedId(m, members.GetValueOrDefault(m, "?")))], n.CreatedAt))],
            [.. tasks.Select(t => new CaseTaskView(t.Id, t.Title, t.AssigneeId, t.Assignee, t.Due, t.DoneAt != null, t.DoneAt, t.DoneBy, t.CreatedBy, t.CreatedAt))],
            await db.CaseEvidence.CountAsync(e => e.CaseId == id, ct), c.CreatedBy, c.CreatedAt, c.UpdatedAt, db.Caller.CanWriteFor(c.OwnerOrganisationId));
    }

    public async Task<List<CaseLinkView>> LinksAsync(Guid id, CancellationToken ct)
    {
        var links = await db.CaseLinks.AsNoTracking().Where(l => l.CaseId == id).OrderBy(l => l.Kind).ThenBy(l => l.AddedAt).ToListAsync(ct);
        var platformIds = links.Where(l => l.PlatformId != null).Select(l => l.PlatformId!.Value).Distinct().ToList();
        var workIds = links.Where(l => l.WorkId != null).Select(l => l.WorkId!.Value).Distinct().ToList();
        var platforms = await db.Platforms.AsNoTracking().Where(p => platformIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var works = await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id)).Select(w => new { w.Id, Title = w.Titles.OrderBy(t => t.Position).Select(t => t.Text).FirstOrDefault() })
            .ToDictionaryAsync(w => w.Id, w => w.Title ?? w.Id.ToString(), ct);
        return [.. links.Select(l => l.Kind switch
        {
            CaseLinkKind.Platform => new CaseLinkView(l.Id, l.Kind, l.PlatformId, null, platforms.GetValueOrDefault(l.PlatformId!.Value, "?"), $"/Platforms/{l.PlatformId}", l.Note, l.AddedBy, l.AddedAt),
            CaseLinkKind.Operation => new CaseLinkView(l.Id, l.Kind, l.PlatformId, null, platforms.GetValueOrDefault(l.PlatformId!.Value, "?"), $"/Operations/{l.PlatformId}", l.Note, l.AddedBy, l.AddedAt),
            CaseLinkKind.Work => new CaseLinkView(l.Id, l.Kind, l.WorkId, null, works.GetValueOrDefault(l.WorkId!.Value, "?"), $"/Catalogue?q={Uri.EscapeDataString(works.GetValueOrDefault(l.WorkId!.Value, ""))}", l.Note, l.AddedBy, l.AddedAt),
            CaseLinkKind.ReleaseGroup => new CaseLinkView(l.Id, l.Kind, null, l.Value, l.Value!, $"/Releases?group={Uri.EscapeDataString(l.Value!)}", l.Note, l.AddedBy, l.AddedAt),
            _ => new CaseLinkView(l.Id, l.Kind, null, l.Value, l.Value!, $"/Pivot?id={Uri.EscapeDataString(l.Value!)}", l.Note, l.AddedBy, l.AddedAt),
        })];
    }

    public async Task<Paged<CaseEvidenceView>> EvidenceAsync(Guid id, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.CaseEvidence.AsNoTracking().Where(e => e.CaseId == id).OrderByDescending(e => e.CapturedAt).ThenBy(e => e.Id);
        return await query.ToPagedAsync(page, pageSize, 500, async items =>
        {
            var ids = items.Select(e => e.PlatformId).Distinct().ToList();
            var names = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            return items.Select(e => new CaseEvidenceView(e.Id, e.PlatformId, names.GetValueOrDefault(e.PlatformId, "?"), e.Url, e.Description, e.Digest, e.CapturedAt, e.WarcFile, e.WarcOffset, e.AddedBy, e.AddedAt)).ToList();
        }, ct);
    }

    private static readonly string[] PartTypes = [nameof(CaseLink), nameof(CasePerson), nameof(CaseNote), nameof(CaseTask), nameof(CaseEvidence)];

    /// <summary>
    /// What happened to the case, its parts and the platforms and works it links, newest first, from the audit log. An
    /// entry about a part that names a platform or work is shown only to a reader who may see that platform or work;
    /// entries say which fields changed, not their values (the reader sees the current values on the records). A linked
    /// platform or work of another organisation is that organisation's record: its audit trail is shown from the moment
    /// the case linked it, and its changes are said to be the organisation's, not named by the member who made them.
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>?> TimelineAsync(Guid id, int limit, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id, ct)) return null;
        var key = id.ToString();
        var caseKind = RecordKinds.Of<Case>();
        var linked = await db.CaseLinks.AsNoTracking().Where(l => l.CaseId == id).Select(l => new { l.PlatformId, l.WorkId, l.AddedAt }).ToListAsync(ct);
        var platforms = linked.Where(l => l.PlatformId != null).Select(l => l.PlatformId!.Value.ToString()).Distinct().ToList();
        var works = linked.Where(l => l.WorkId != null).Select(l => l.WorkId!.Value.ToString()).Distinct().ToList();
        // For each linked record the reader's organisation does not own: since when the case links it.
        var caller = db.Caller;
        var platformIds = linked.Where(l => l.PlatformId != null).Select(l => l.PlatformId!.Value).Distinct().ToList();
        var workIds = linked.Where(l => l.WorkId != null).Select(l => l.WorkId!.Value).Distinct().ToList();
        var foreignPlatforms = caller.IsSystem ? [] : await db.Platforms.AsNoTracking().Where(p => platformIds.Contains(p.Id) && p.OwnerOrganisationId != caller.OrganisationId).Select(p => p.Id).ToListAsync(ct);
        var foreignWorks = caller.IsSystem ? [] : await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id) && w.OwnerOrganisationId != caller.OrganisationId).Select(w => w.Id).ToListAsync(ct);
        var linkedSince = foreignPlatforms.Select(p => (Kind: RecordKinds.Of<Platforms.Platform>(), Id: p, Since: linked.Where(l => l.PlatformId == p).Min(l => l.AddedAt)))
            .Concat(foreignWorks.Select(w => (Kind: RecordKinds.Of<Work>(), Id: w, Since: linked.Where(l => l.WorkId == w).Min(l => l.AddedAt))))
            .ToDictionary(x => (x.Kind, x.Id.ToString()), x => x.Since);
        var platformKind = RecordKinds.Of<Platforms.Platform>();
        var workKind = RecordKinds.Of<Work>();
        var pattern = $"%\"CaseId\":\"{key}\"%";
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == caseKind && a.EntityId == key)
                        || (PartTypes.Contains(a.EntityType) && EF.Functions.Like(a.Changes, pattern))
                        || (a.EntityType == platformKind && platforms.Contains(a.EntityId))
                        || (a.EntityType == workKind && works.Contains(a.EntityId)))
            .OrderByDescending(a => a.Sequence).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
        // A part's entry names what it was about: kept only when the reader may see that too.
        var references = entries.ToDictionary(a => a.Sequence, a => PartTypes.Contains(a.EntityType) ? Referenced(a.Changes).ToList() : []);
        var named = references.Values.SelectMany(r => r).Distinct().ToList();
        var visible = (await db.Platforms.Where(p => named.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct))
            .Concat(await db.Works.Where(w => named.Contains(w.Id)).Select(w => w.Id).ToListAsync(ct)).ToHashSet();
        var kept = entries
            .Where(a => references[a.Sequence].All(visible.Contains))
            .Where(a => !linkedSince.TryGetValue((a.EntityType, a.EntityId), out var since) || a.At >= AuditEntry.Truncate(since))
            .ToList();
        var actorOrganisations = kept.Where(a => linkedSince.ContainsKey((a.EntityType, a.EntityId)) && a.ActorOrganisationId != null)
            .Select(a => a.ActorOrganisationId!.Value).Distinct().ToList();
        var organisationNames = await db.Organisations.AsNoTracking().Where(o => actorOrganisations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        // A change another organisation made to its own record: by that organisation (the local system keeps its name).
        string ActorOf(AuditEntry a) => linkedSince.ContainsKey((a.EntityType, a.EntityId)) && a.ActorOrganisationId is { } org
            ? organisationNames.GetValueOrDefault(org, "?")
            : a.Actor;
        return [.. kept.Select(a => new TimelineEntry(a.At, ActorOf(a), a.Action, a.EntityType, a.EntityId, Fields(a.Changes)))];
    }

    /// <summary>The platforms and works an audit entry of a case part names (its PlatformId and WorkId, old or new).</summary>
    private static IEnumerable<Guid> Referenced(string changes)
    {
        JsonObject? json;
        try { json = JsonNode.Parse(changes) as JsonObject; }
        catch (JsonException) { yield break; }
        if (json is null) yield break;
        foreach (var name in new[] { "PlatformId", "WorkId" })
        {
            if (!json.TryGetPropertyValue(name, out var node) || node is null) continue;
            var values = node is JsonObject pair ? new[] { pair["old"], pair["new"] } : [node];
            foreach (var v in values)
            {
                if (v is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var guid)) yield return guid;
            }
        }
    }

    private static IReadOnlyList<string> Fields(string changes)
    {
        try { return JsonNode.Parse(changes) is JsonObject json ? [.. json.Select(p => p.Key).Where(k => k is not "Id" and not "CaseId" and not "UpdatedAt")] : []; }
        catch (JsonException) { return []; }
    }
}
