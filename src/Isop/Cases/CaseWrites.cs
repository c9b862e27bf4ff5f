using System.Text.RegularExpressions;
using Isop.Access;
using Isop.Data;
using Isop.Web;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cases;

/// <summary>
/// The one write path for cases, shared by the API, the pages and the command line. The lead organisation's writers
/// change a case and everything on it; a member of a participating organisation (or named on the case) who may write
/// adds notes; a member a task is assigned to completes it. A case the caller may not see is not found (null), never
/// refused: a refusal would say that it exists.
/// </summary>
public sealed partial class CaseWrites(IsopDb db, IsopDbFactory readers, Operations.OperationFinder? operations = null)
{
    public const int MaxEvidencePerAttach = 1000, MaxEvidence = 20_000, MaxLinks = 2000, MaxNotes = 2000, MaxTasks = 1000, MaxPeople = 500;

    public async Task<Case> CreateAsync(CaseInput input, CancellationToken ct, Guid? owner = null)
    {
        var organisation = owner ?? db.Caller.OrganisationId ?? throw new AccessDeniedException($"{db.Caller.Name} is not a member of an organisation.");
        if (!db.Caller.CanWriteFor(organisation)) throw new AccessDeniedException($"{db.Caller.Name} may not open cases for this organisation.");
        var errors = new Dictionary<string, string[]>();
        var valid = input.Validate(creating: true, errors);
        await RecordShares.ValidateAsync(db, input.SharedWith, errors, ct);
        InvalidInputException.ThrowIfAny(errors);
        var now = db.Time.GetUtcNow();
        var record = new Case
        {
            Title = valid!.Title!, Summary = NullIfEmpty(valid.Summary), Status = CaseStatus.Open, StatusChangedAt = now,
            StatusChangedBy = db.Caller.Name, StatusChangedById = db.Caller.MemberId, Tlp = valid.Tlp ?? Tlp.Amber,
            OwnerOrganisationId = organisation, CreatedBy = db.Caller.Name, CreatedAt = now, UpdatedAt = now,
        };
        db.Cases.Add(record);
        await RecordShares.ReplaceAsync(db, record, valid.SharedWith ?? SharesDto.None, ct);
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task<Case?> UpdateAsync(Guid id, CaseInput input, CancellationToken ct)
    {
        if (await OwnedAsync(id, "change", ct) is not { } record) return null;
        var errors = new Dictionary<string, string[]>();
        var valid = input.Validate(creating: false, errors);
        await RecordShares.ValidateAsync(db, input.SharedWith, errors, ct);
        InvalidInputException.ThrowIfAny(errors);
        if (valid!.Title is { } title) record.Title = title;
        if (valid.Summary is { } summary) record.Summary = NullIfEmpty(summary);
        if (valid.Tlp is { } tlp) record.Tlp = tlp;
        await RecordShares.ReplaceAsync(db, record, valid.SharedWith, ct);
        return await SavedAsync(record, ct);
    }

    /// <summary>Moves a case on (or back) in its workflow, saying who did and when.</summary>
    public async Task<Case?> SetStatusAsync(Guid id, CaseStatus status, CancellationToken ct)
    {
        if (await OwnedAsync(id, "change the status of", ct) is not { } record) return null;
        if (record.Status == status) return record;
        if (!Case.NextOf(record.Status).Contains(status))
            throw Invalid("status", $"a case that is {EnumNames.Of(record.Status)} goes to {string.Join(" or ", Case.NextOf(record.Status).Select(EnumNames.Of))}, not to {EnumNames.Of(status)}");
        record.Status = status;
        record.StatusChangedAt = db.Time.GetUtcNow();
        record.StatusChangedBy = db.Caller.Name;
        record.StatusChangedById = db.Caller.MemberId;
        return await SavedAsync(record, ct);
    }

    /// <summary>
    /// Hands the lead to another organisation. The former lead keeps taking part (it is shared with it) unless the case
    /// is AMBER+STRICT, which only the lead may read.
    /// </summary>
    public async Task<Case?> TransferAsync(Guid id, Guid organisation, CancellationToken ct)
    {
        if (await OwnedAsync(id, "hand over", ct) is not { } record) return null;
        if (organisation == record.OwnerOrganisationId) throw Invalid("organisation", "the case is already led by this organisation");
        if (!await db.Organisations.AnyAsync(o => o.Id == organisation, ct)) throw Invalid("organisation", $"unknown organisation {organisation}");
        var former = record.OwnerOrganisationId;
        await db.TransferAsync(record, organisation, ct);
        if (record.Tlp != Tlp.AmberStrict)
            db.Shares.Add(new RecordShare { RecordKind = RecordKinds.Of<Case>(), RecordId = record.Id, OwnerOrganisationId = organisation, OrganisationId = former });
        return await SavedAsync(record, ct);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        if (await OwnedAsync(id, "delete", ct) is not { } record) return false;
        db.CaseLinks.RemoveRange(await db.CaseLinks.IgnoreQueryFilters().Where(l => l.CaseId == id).ToListAsync(ct));
        db.CasePersons.RemoveRange(await db.CasePersons.Where(l => l.CaseId == id).ToListAsync(ct));
        db.CaseNotes.RemoveRange(await db.CaseNotes.Where(l => l.CaseId == id).ToListAsync(ct));
        db.CaseTasks.RemoveRange(await db.CaseTasks.Where(l => l.CaseId == id).ToListAsync(ct));
        db.CaseEvidence.RemoveRange(await db.CaseEvidence.IgnoreQueryFilters().Where(l => l.CaseId == id).ToListAsync(ct));
        db.Cases.Remove(record);
        await RecordShares.RemoveAllAsync<Case>(db, id, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Links an entity: a platform, an operation (by any of its platforms) or a work the caller may see, by id; a release
    /// group or an identifier (<c>type:value</c>) by value. Linking what is linked already returns the existing link.
    /// </summary>
    public async Task<CaseLink?> LinkAsync(Guid id, CaseLinkInput input, CancellationToken ct)
    {
        if (await OwnedAsync(id, "link entities to", ct) is not { } record) return null;
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind)
        {
            errors["kind"] = [$"required: {EnumNames.Expected<CaseLinkKind>()}"];
            throw new InvalidInputException(errors);
        }
        if (input.Note is { } note) CaseText.Check("note", note, 2000, errors, multiline: true);
        var link = new CaseLink { CaseId = id, Kind = kind, Note = NullIfEmpty(input.Note?.Trim()), AddedBy = db.Caller.Name, AddedAt = db.Time.GetUtcNow() };
        switch (kind)
        {
            case CaseLinkKind.Platform or CaseLinkKind.Operation:
                if (input.Id is not { } platform) errors["id"] = ["required: the platform's id"];
                else if (!await db.Platforms.AnyAsync(p => p.Id == platform, ct)) errors["id"] = [$"no platform {platform} that you may see"];
                // An operation is named by one of its platforms: one in no operation (as the caller sees them) would be a link to nothing.
                else if (kind == CaseLinkKind.Operation && await (operations ?? new Operations.OperationFinder(db, new Operations.OperationSettings())).OfPlatformAsync(platform, ct) is null)
                    errors["id"] = [$"platform {platform} is in no operation: an operation gathers platforms that share an operator's identifiers; link the platform itself"];
                else link.PlatformId = platform;
                break;
            case CaseLinkKind.Work:
                if (input.Id is not { } work) errors["id"] = ["required: the work's id"];
                else if (!await db.Works.AnyAsync(w => w.Id == work, ct)) errors["id"] = [$"no work {work} that you may see"];
                else link.WorkId = work;
                break;
            case CaseLinkKind.ReleaseGroup:
                var group = input.Value?.Trim();
                if (string.IsNullOrEmpty(group)) errors["value"] = ["required: the release group's name"];
                else if (group.Length > 100 || !group.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '&' or '@'))
                    errors["value"] = ["expected a release group's name (letters, digits, - _ . & @; at most 100)"];
                else link.Value = group;
                break;
            default:
                if (!CaseIdentifiers.TryNormalise(input.Value, out var identifier, out var problem)) errors["value"] = [problem];
                else link.Value = identifier;
                break;
        }
        InvalidInputException.ThrowIfAny(errors);
        var existing = await db.CaseLinks.FirstOrDefaultAsync(l => l.CaseId == id && l.Kind == kind && l.PlatformId == link.PlatformId && l.WorkId == link.WorkId && l.Value == link.Value, ct);
        if (existing is not null) return existing;
        if (await db.CaseLinks.IgnoreQueryFilters().CountAsync(l => l.CaseId == id, ct) >= MaxLinks) throw Invalid("case", $"a case links at most {MaxLinks} entities");
        db.CaseLinks.Add(link);
        await SavedAsync(record, link, ct);
        return link;
    }

    public async Task<bool?> UnlinkAsync(Guid id, Guid linkId, CancellationToken ct)
    {
        if (await OwnedAsync(id, "change the links of", ct) is not { } record) return null;
        if (await db.CaseLinks.SingleOrDefaultAsync(l => l.CaseId == id && l.Id == linkId, ct) is not { } link) return false;
        db.CaseLinks.Remove(link);
        await SavedAsync(record, link, ct);
        return true;
    }

    public async Task<CasePerson?> AddPersonAsync(Guid id, CasePersonInput input, CancellationToken ct)
    {
        if (await OwnedAsync(id, "add people to", ct) is not { } record) return null;
        var now = db.Time.GetUtcNow();
        var person = new CasePerson { CaseId = id, Name = "", AddedBy = db.Caller.Name, AddedAt = now, UpdatedAt = now };
        Apply(person, input, creating: true);
        if (await db.CasePersons.IgnoreQueryFilters().CountAsync(x => x.CaseId == id, ct) >= MaxPeople) throw Invalid("case", $"a case names at most {MaxPeople} people");
        db.CasePersons.Add(person);
        await SavedAsync(record, ct);
        return person;
    }

    public async Task<CasePerson?> UpdatePersonAsync(Guid id, Guid personId, CasePersonInput input, CancellationToken ct)
    {
        if (await OwnedAsync(id, "change the people of", ct) is not { } record) return null;
        if (await db.CasePersons.SingleOrDefaultAsync(p => p.CaseId == id && p.Id == personId, ct) is not { } person) return null;
        Apply(person, input, creating: false);
        person.UpdatedAt = db.Time.GetUtcNow();
        await SavedAsync(record, ct);
        return person;
    }

    public async Task<bool?> RemovePersonAsync(Guid id, Guid personId, CancellationToken ct)
    {
        if (await OwnedAsync(id, "change the people of", ct) is not { } record) return null;
        if (await db.CasePersons.SingleOrDefaultAsync(p => p.CaseId == id && p.Id == personId, ct) is not { } person) return false;
        db.CasePersons.Remove(person);
        await SavedAsync(record, ct);
        return true;
    }

    private static void Apply(CasePerson person, CasePersonInput input, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim();
        if (name is null ? creating : name.Length == 0) errors["name"] = ["required: a non-empty string"];
        else if (name is not null) CaseText.Check("name", name, CaseModel.MaxName, errors);
        if (input.Role is { } role) CaseText.Check("role", role, CaseModel.MaxName, errors);
        var aliases = Lines("aliases", input.Aliases, errors, a => (a, null));
        var handles = Lines("handles", input.Handles, errors, h => CaseIdentifiers.TryNormalise(h, out var n, out var p) ? (n, null) : (null, p));
        InvalidInputException.ThrowIfAny(errors);
        if (name is not null) person.Name = name;
        if (input.Role is not null) person.Role = NullIfEmpty(input.Role.Trim());
        if (aliases is not null) person.Aliases = string.Join('\n', aliases);
        if (handles is not null) person.Handles = string.Join('\n', handles);
    }

    private static List<string>? Lines(string field, IReadOnlyList<string>? items, Dictionary<string, string[]> errors, Func<string, (string? Value, string? Problem)> check)
    {
        if (items is null) return null;
        var list = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i].Trim();
            if (item.Length == 0) continue;
            CaseText.Check($"{field}[{i}]", item, CaseModel.MaxName, errors);
            var (value, problem) = check(item);
            if (problem is not null) errors[$"{field}[{i}]"] = [problem];
            else if (value is not null && !list.Contains(value, StringComparer.OrdinalIgnoreCase)) list.Add(value);
        }
        if (string.Join('\n', list).Length > CaseModel.MaxLines) errors[field] = [$"longer than {CaseModel.MaxLines} characters in all"];
        return list;
    }

    /// <summary>
    /// Adds a note. <c>@name</c> mentions a member by e-mail address or the part of it before the @; each one must name
    /// exactly one member who may read the case.
    /// </summary>
    public async Task<CaseNote?> AddNoteAsync(Guid id, string? text, CancellationToken ct)
    {
        if (await ParticipatingAsync(id, "add notes to", ct) is not { } record) return null;
        var errors = new Dictionary<string, string[]>();
        var body = text?.Trim() ?? "";
        if (body.Length == 0) errors["text"] = ["required: a non-empty string"];
        else CaseText.Check("text", body, CaseModel.MaxNote, errors, multiline: true);
        InvalidInputException.ThrowIfAny(errors);
        var mentions = new List<Guid>();
        foreach (var handle in MentionPattern().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var found = await ReadersNamedAsync(record, handle, ct);
            if (found.Count == 1) mentions.Add(found[0]);
            else if (found.Count > 1) errors["text"] = [$"@{handle} names {found.Count} members who may read this case: write their full address"];
            else if (handle.Contains('@')) errors["text"] = [$"@{handle}: no member who may read this case has that address"];
            // A bare @word that names nobody is text (a handle of the people investigated, "@evo_admin").
        }
        InvalidInputException.ThrowIfAny(errors);
        var note = new CaseNote
        {
            CaseId = id, Text = body, AuthorId = db.Caller.MemberId, Author = db.Caller.Name, AuthorOrganisationId = db.Caller.OrganisationId,
            Mentions = string.Join(' ', mentions.Distinct()), CreatedAt = db.Time.GetUtcNow(),
        };
        // Every reading of the case holds its notes: a bounded number of them keeps that bounded.
        if (await db.CaseNotes.IgnoreQueryFilters().CountAsync(n => n.CaseId == id, ct) >= MaxNotes) throw Invalid("case", $"a case holds at most {MaxNotes} notes");
        db.CaseNotes.Add(note);
        await db.SaveChangesAsync(ct);
        return note;
    }

    public async Task<CaseTask?> AddTaskAsync(Guid id, CaseTaskInput input, CancellationToken ct)
    {
        if (await OwnedAsync(id, "add tasks to", ct) is not { } record) return null;
        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) errors["title"] = ["required: a non-empty string"];
        else CaseText.Check("title", title, CaseModel.MaxTitle, errors);
        string? assignee = null;
        if (input.Assignee is { } member)
        {
            assignee = await db.Users.Where(m => m.Id == member).Select(m => m.Email ?? m.DisplayName).SingleOrDefaultAsync(ct);
            if (assignee is null || !await MayReadAsync(record.Id, member, ct)) errors["assignee"] = [$"no member {member} who may read this case"];
        }
        InvalidInputException.ThrowIfAny(errors);
        var task = new CaseTask
        {
            CaseId = id, Title = title, AssigneeId = input.Assignee, Assignee = assignee, Due = input.Due,
            CreatedBy = db.Caller.Name, CreatedAt = db.Time.GetUtcNow(),
        };
        if (await db.CaseTasks.IgnoreQueryFilters().CountAsync(x => x.CaseId == id, ct) >= MaxTasks) throw Invalid("case", $"a case holds at most {MaxTasks} tasks");
        db.CaseTasks.Add(task);
        await SavedAsync(record, ct);
        return task;
    }

    /// <summary>Marks a task done (or not done again): the lead's writers, or the member it is assigned to.</summary>
    public async Task<CaseTask?> SetTaskDoneAsync(Guid id, Guid taskId, bool done, CancellationToken ct)
    {
        if (await db.Cases.SingleOrDefaultAsync(c => c.Id == id, ct) is not { } record) return null;
        if (!db.Caller.IsSystem && !(db.Caller is { IsMember: true, Role: { } role } && role.CanWrite()))
            throw new AccessDeniedException($"{db.Caller.Name} may not change tasks of this case.");
        if (await db.CaseTasks.SingleOrDefaultAsync(t => t.CaseId == id && t.Id == taskId, ct) is not { } task) return null;
        if (!db.Caller.CanWriteFor(record.OwnerOrganisationId) && task.AssigneeId != db.Caller.MemberId)
            throw new AccessDeniedException($"{db.Caller.Name} may change only the tasks assigned to them on this case.");
        task.DoneAt = done ? db.Time.GetUtcNow() : null;
        task.DoneBy = done ? db.Caller.Name : null;
        await db.SaveChangesAsync(ct);
        return task;
    }

    /// <summary>
    /// Attaches evidence of a platform linked to the case: one record (file and offset) or, without one, the latest
    /// capture of each of its listings and identifiers (at most <see cref="MaxEvidencePerAttach"/>). Returns how many
    /// records were added (those attached already are not counted).
    /// </summary>
    public async Task<int?> AttachEvidenceAsync(Guid id, Guid platformId, string? file, long? offset, CancellationToken ct)
    {
        if (await OwnedAsync(id, "attach evidence to", ct) is null) return null;
        if (!await db.Platforms.AnyAsync(p => p.Id == platformId, ct)) throw Invalid("platform", $"no platform {platformId} that you may see");
        var candidates = new List<CaseEvidence>();
        var now = db.Time.GetUtcNow();
        CaseEvidence Item(string warc, long at, string url, string? description, string? digest, DateTimeOffset captured, Guid? run) => new()
        {
            CaseId = id, PlatformId = platformId, WarcFile = warc, WarcOffset = at, Url = url, Description = description, Digest = digest,
            CapturedAt = captured, RunId = run, AddedBy = db.Caller.Name, AddedAt = now,
        };
        if (file is not null)
        {
            var observation = await db.Observations.AsNoTracking().Where(o => o.PlatformId == platformId && o.WarcFile == file && o.WarcOffset == offset)
                .Select(o => new { o.PageUrl, o.Href, o.Text, o.EvidenceDigest, o.LastSeen, o.LastRunId }).FirstOrDefaultAsync(ct);
            var signal = observation is null
                ? await db.SignalSightings.AsNoTracking().Where(s => s.PlatformId == platformId && s.WarcFile == file && s.WarcOffset == offset)
                    .Select(s => new { s.PageUrl, s.Type, s.Value, s.LastSeen, s.LastRunId }).FirstOrDefaultAsync(ct)
                : null;
            if (observation is not null) candidates.Add(Item(file, offset!.Value, observation.PageUrl ?? observation.Href ?? "", Clip(observation.Text), observation.EvidenceDigest, observation.LastSeen, observation.LastRunId));
            else if (signal is not null) candidates.Add(Item(file, offset!.Value, signal.PageUrl ?? "", Clip($"{signal.Type}: {signal.Value}"), null, signal.LastSeen, signal.LastRunId));
            else throw Invalid("offset", $"no capture of this platform is recorded at {file}, byte {offset}");
        }
        else
        {
            var listings = await db.Observations.AsNoTracking().Where(o => o.PlatformId == platformId && o.WarcFile != null && o.WarcOffset != null)
                .OrderByDescending(o => o.LastSeen).ThenBy(o => o.Id).Take(MaxEvidencePerAttach)
                .Select(o => new { o.WarcFile, o.WarcOffset, o.PageUrl, o.Href, o.Text, o.EvidenceDigest, o.LastSeen, o.LastRunId }).ToListAsync(ct);
            candidates.AddRange(listings.Select(o => Item(o.WarcFile!, o.WarcOffset!.Value, o.PageUrl ?? o.Href ?? "", Clip(o.Text), o.EvidenceDigest, o.LastSeen, o.LastRunId)));
            var signals = await db.SignalSightings.AsNoTracking().Where(s => s.PlatformId == platformId && s.WarcFile != null && s.WarcOffset != null)
                .OrderByDescending(s => s.LastSeen).ThenBy(s => s.Id).Take(MaxEvidencePerAttach)
                .Select(s => new { s.WarcFile, s.WarcOffset, s.PageUrl, s.Type, s.Value, s.LastSeen, s.LastRunId }).ToListAsync(ct);
            candidates.AddRange(signals.Select(s => Item(s.WarcFile!, s.WarcOffset!.Value, s.PageUrl ?? "", Clip($"{s.Type}: {s.Value}"), null, s.LastSeen, s.LastRunId)));
        }
        // One item per record: many listings of one page share its response record.
        var distinct = candidates.GroupBy(c => (c.WarcFile, c.WarcOffset)).Select(g => g.First()).Take(MaxEvidencePerAttach).ToList();
        var files = distinct.Select(c => c.WarcFile).Distinct().ToList();
        var attached = (await db.CaseEvidence.IgnoreQueryFilters().Where(e => e.CaseId == id && files.Contains(e.WarcFile)).Select(e => new { e.WarcFile, e.WarcOffset }).ToListAsync(ct))
            .Select(e => (e.WarcFile, e.WarcOffset)).ToHashSet();
        var fresh = distinct.Where(c => !attached.Contains((c.WarcFile, c.WarcOffset))).ToList();
        if (fresh.Count == 0) return 0;
        if (await db.CaseEvidence.IgnoreQueryFilters().CountAsync(e => e.CaseId == id, ct) + fresh.Count > MaxEvidence)
            throw Invalid("case", $"a case relies on at most {MaxEvidence} evidence records");
        // Linking the platform too: evidence of a platform the case does not name would be unexplained.
        if (!await db.CaseLinks.AnyAsync(l => l.CaseId == id && l.Kind == CaseLinkKind.Platform && l.PlatformId == platformId, ct))
            db.CaseLinks.Add(new CaseLink { CaseId = id, Kind = CaseLinkKind.Platform, PlatformId = platformId, AddedBy = db.Caller.Name, AddedAt = now });
        db.CaseEvidence.AddRange(fresh);
        await SavedQuietlyAsync(ct);
        return fresh.Count;
    }

    public async Task<bool?> DetachEvidenceAsync(Guid id, Guid evidenceId, CancellationToken ct)
    {
        if (await OwnedAsync(id, "change the evidence of", ct) is null) return null;
        if (await db.CaseEvidence.SingleOrDefaultAsync(e => e.CaseId == id && e.Id == evidenceId, ct) is not { } item) return false;
        db.CaseEvidence.Remove(item);
        await SavedQuietlyAsync(ct);
        return true;
    }

    /// <summary>Whether a member may read a case: asked of the database as that member, under the one TLP rule.</summary>
    private async Task<bool> MayReadAsync(Guid caseId, Guid memberId, CancellationToken ct)
    {
        var member = await db.Users.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return false;
        await using var asMember = readers.For(Caller.ForMember(member, isPlatformAdmin: false));
        return await asMember.Cases.AnyAsync(c => c.Id == caseId, ct);
    }

    private async Task<List<Guid>> ReadersNamedAsync(Case record, string handle, CancellationToken ct)
    {
        var lower = handle.ToLowerInvariant();
        var named = await db.Users.AsNoTracking()
            .Where(m => m.NormalizedEmail == handle.ToUpperInvariant() || (m.Email != null && m.Email.ToLower().StartsWith(lower + "@")))
            .Select(m => m.Id).Take(20).ToListAsync(ct);
        var readable = new List<Guid>();
        foreach (var m in named)
        {
            if (await MayReadAsync(record.Id, m, ct)) readable.Add(m);
        }
        return readable;
    }

    [GeneratedRegex(@"(?<![\w@])@([\p{L}\p{N}._%+-]+(?:@[\p{L}\p{N}.-]+\.[\p{L}]{2,})?)")]
    private static partial Regex MentionPattern();

    /// <summary>The case, for a writer of its lead organisation; null when the caller may not see it.</summary>
    private async Task<Case?> OwnedAsync(Guid id, string verb, CancellationToken ct)
    {
        var record = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (record is not null && !db.Caller.CanWriteFor(record.OwnerOrganisationId))
            throw new AccessDeniedException($"{db.Caller.Name} may not {verb} this case: only its lead organisation may.");
        return record;
    }

    /// <summary>
    /// The case, for a member with a write role who takes part in it: of the lead organisation, of a participating
    /// organisation, or named on it. Reading is not taking part: every member reads a GREEN case. Null when the caller
    /// may not see it.
    /// </summary>
    private async Task<Case?> ParticipatingAsync(Guid id, string verb, CancellationToken ct)
    {
        var record = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (record is null || db.Caller.IsSystem) return record;
        if (!(db.Caller is { IsMember: true, Role: { } role } && role.CanWrite()) || !await TakesPartAsync(record, ct))
            throw new AccessDeniedException($"{db.Caller.Name} may not {verb} this case: only its lead, participating organisations and named members may.");
        return record;
    }

    /// <summary>Whether the caller's organisation leads the case or participates in it, or the caller is named on it.</summary>
    private async Task<bool> TakesPartAsync(Case record, CancellationToken ct)
    {
        var caller = db.Caller;
        if (caller.OrganisationId == record.OwnerOrganisationId) return true;
        var kind = RecordKinds.Of<Case>();
        return await db.Shares.AnyAsync(s => s.RecordKind == kind && s.RecordId == record.Id
                                              && (s.OrganisationId == caller.OrganisationId || s.MemberId == caller.MemberId), ct);
    }

    private async Task<Case> SavedAsync(Case record, CancellationToken ct)
    {
        record.UpdatedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>A link saved: one that names a platform or a work leaves the case as it was (<see cref="SavedQuietlyAsync"/>).</summary>
    private async Task SavedAsync(Case record, CaseLink link, CancellationToken ct)
    {
        if (link.PlatformId is null && link.WorkId is null) await SavedAsync(record, ct);
        else await SavedQuietlyAsync(ct);
    }

    /// <summary>
    /// Saves a change to a part that is seen only with the platform or work it names (a link, evidence) without touching
    /// the case: a reader of the case who may not see that platform must not learn, from the case's last change or its
    /// timeline, that anything happened. The part's own audit entry tells those who may see it.
    /// </summary>
    private async Task SavedQuietlyAsync(CancellationToken ct) => await db.SaveChangesAsync(ct);

    private static InvalidInputException Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? Clip(string? text) => text is null ? null : text.Length <= 500 ? text : text[..500];
}
