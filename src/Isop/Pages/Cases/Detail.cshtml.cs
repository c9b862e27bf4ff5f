using Isop.Access;
using Isop.Cases;
using Isop.Catalogue;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Cases;

/// <summary>
/// One case: where it stands, what it links, who is involved, notes, tasks, evidence and timeline, with the forms that
/// change them. Every write goes through <see cref="CaseWrites"/> (the API's rules); a refusal is a 403, a problem is
/// listed on the page.
/// </summary>
public sealed class DetailModel(IsopDb db, CaseReads reads, CaseWrites writes, CaseExport export, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int EvidenceSize = 50;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "ep")] public int EvidencePage { get; set; } = 1;

    public CaseView Case { get; private set; } = null!;
    public Paged<CaseEvidenceView> Evidence { get; private set; } = new([], 0, 1, EvidenceSize);
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>Timeline entries that say the same thing, one after the other within a minute (49 captures attached at once), as one row.</summary>
    public sealed record TimelineRow(TimelineEntry First, int Count);

    public IReadOnlyList<TimelineRow> TimelineRows
    {
        get
        {
            var rows = new List<TimelineRow>();
            foreach (var entry in Timeline)
            {
                if (rows.Count > 0 && rows[^1] is { } last && last.First.Actor == entry.Actor && last.First.Action == entry.Action && last.First.Entity == entry.Entity
                    && last.First.Fields.SequenceEqual(entry.Fields) && (last.First.At - entry.At).Duration() <= TimeSpan.FromMinutes(1))
                    rows[^1] = last with { Count = last.Count + 1 };
                else rows.Add(new TimelineRow(entry, 1));
            }
            return rows;
        }
    }
    public List<(Guid Id, string Name)> Platforms { get; private set; } = [];
    public List<(Guid Id, string Name)> Assignees { get; private set; } = [];
    public List<(Guid Id, string Name)> Organisations { get; private set; } = [];
    /// <summary>
    /// Whether the caller may add notes: a member with a write role of the lead or a participating organisation, or
    /// named on the case (reading a GREEN case is not taking part in it).
    /// </summary>
    public bool CanNote => db.Caller is { IsMember: true, Role: { } role } && role.CanWrite()
                           && (Case.OwnerOrganisationId == db.Caller.OrganisationId
                               || Case.Participants.Any(p => p.Id == db.Caller.OrganisationId)
                               || Case.NamedMembers.Any(m => m.Id == db.Caller.MemberId));
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message = TempData["message"] as string;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>The evidence package, or the page saying why it could not be written.</summary>
    public async Task<IActionResult> OnGetPackageAsync(bool pdf = true, CancellationToken ct = default)
    {
        switch (await export.DownloadAsync(Id, pdf, ct))
        {
            case null: return NotFound();
            case { File: { } file }: return File(file, "application/zip", CaseExport.PackageName(Id));
            case { Problem: var problem }:
                Errors.Add(l["The evidence package could not be written: {0}", problem!].Value);
                await LoadAsync(ct);
                return Page();
        }
    }

    public Task<IActionResult> OnPostEditAsync(string? title, string? summary, string? tlp, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var label = Isop.Pages.Platforms.PlatformForm.Tlp(tlp, errors);
        return WriteAsync(() => As(writes.UpdateAsync(Id, new CaseInput { Title = title ?? "", Summary = summary ?? "", Tlp = label, ReadErrors = errors }, ct)), l["Case saved."], ct);
    }

    public Task<IActionResult> OnPostSharesAsync(Guid[]? organisations, string? members, CancellationToken ct) => WriteAsync(async () =>
    {
        var errors = new Dictionary<string, string[]>();
        var ids = new List<Guid>();
        foreach (var (address, i) in Lines(members).Select((a, i) => (a, i)))
        {
            var found = await db.Users.AsNoTracking().Where(m => m.NormalizedEmail == address.ToUpperInvariant()).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
            if (found is { } id) ids.Add(id);
            else errors[$"members[{i}]"] = [$"no member has the address \"{TextChecks.Printable(address)}\""];
        }
        return await writes.UpdateAsync(Id, new CaseInput { SharedWith = new SharesDto(organisations ?? [], ids), ReadErrors = errors }, ct);
    }, l["Sharing saved."], ct);

    public Task<IActionResult> OnPostStatusAsync(string? status, CancellationToken ct)
    {
        if (!EnumNames.TryParse<CaseStatus>(status, out var next)) return Fail("status", $"expected {EnumNames.Expected<CaseStatus>()}", ct);
        return WriteAsync(() => As(writes.SetStatusAsync(Id, next, ct)), l["Status changed."], ct);
    }

    public Task<IActionResult> OnPostTransferAsync(Guid organisation, CancellationToken ct) =>
        WriteAsync(() => As(writes.TransferAsync(Id, organisation, ct)), l["The lead was handed over."], ct);

    public Task<IActionResult> OnPostDeleteAsync(CancellationToken ct) => WriteAsync(async () =>
    {
        if (!await writes.DeleteAsync(Id, ct)) return null;
        TempData["message"] = l["Case deleted."].Value;
        return Redirect("/Cases");
    }, null, ct);

    public Task<IActionResult> OnPostLinkAsync(string? kind, Guid? platform, string? value, string? note, CancellationToken ct) => WriteAsync(async () =>
    {
        if (!EnumNames.TryParse<CaseLinkKind>(kind, out var k)) throw Invalid("kind", $"expected {EnumNames.Expected<CaseLinkKind>()}");
        Guid? target = null;
        string? text = value?.Trim();
        if (k is CaseLinkKind.Platform or CaseLinkKind.Operation) target = platform ?? throw Invalid("platform", "required: choose a platform");
        else if (k == CaseLinkKind.Work)
        {
            // A work is named as the catalogue names it: its external id.
            if (string.IsNullOrEmpty(text)) throw Invalid("value", "required: the work's catalogue id");
            target = await db.Works.AsNoTracking().Where(w => w.ExternalId == text).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct)
                ?? throw Invalid("value", $"no work with the catalogue id \"{TextChecks.Printable(text)}\" that you may see");
            text = null;
        }
        return await writes.LinkAsync(Id, new CaseLinkInput(k, target, text, string.IsNullOrWhiteSpace(note) ? null : note), ct);
    }, l["Linked."], ct);

    public Task<IActionResult> OnPostUnlinkAsync(Guid link, CancellationToken ct) => WriteAsync(() => Found(writes.UnlinkAsync(Id, link, ct)), l["Link removed."], ct);

    public Task<IActionResult> OnPostPersonAsync(string? name, string? aliases, string? handles, string? role, CancellationToken ct) =>
        WriteAsync(() => As(writes.AddPersonAsync(Id, new CasePersonInput(name ?? "", Lines(aliases), Lines(handles), string.IsNullOrWhiteSpace(role) ? null : role), ct)), l["Person added."], ct);

    public Task<IActionResult> OnPostRemovePersonAsync(Guid person, CancellationToken ct) => WriteAsync(() => Found(writes.RemovePersonAsync(Id, person, ct)), l["Person removed."], ct);

    public Task<IActionResult> OnPostNoteAsync(string? text, CancellationToken ct) => WriteAsync(() => As(writes.AddNoteAsync(Id, text, ct)), l["Note added."], ct);

    public Task<IActionResult> OnPostTaskAsync(string? title, Guid? assignee, string? due, CancellationToken ct)
    {
        DateOnly? day = null;
        if (!string.IsNullOrEmpty(due))
        {
            if (DateOnly.TryParseExact(due, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)) day = d;
            else return Fail("due", "expected a date as YYYY-MM-DD", ct);
        }
        return WriteAsync(() => As(writes.AddTaskAsync(Id, new CaseTaskInput(title, assignee, day), ct)), l["Task added."], ct);
    }

    public Task<IActionResult> OnPostTaskDoneAsync(Guid task, bool done, CancellationToken ct) =>
        WriteAsync(() => As(writes.SetTaskDoneAsync(Id, task, done, ct)), done ? l["Task done."] : l["Task reopened."], ct);

    public Task<IActionResult> OnPostAttachAsync(Guid platform, CancellationToken ct) => WriteAsync(async () =>
    {
        var added = await writes.AttachEvidenceAsync(Id, platform, null, null, ct);
        if (added is { } n) TempData["message"] = l["{0} evidence records attached.", n].Value;
        return (object?)added;
    }, null, ct);

    public Task<IActionResult> OnPostDetachAsync(Guid evidence, CancellationToken ct) => WriteAsync(() => Found(writes.DetachEvidenceAsync(Id, evidence, ct)), l["Evidence removed."], ct);

    private static async Task<object?> Found(Task<bool?> write) => await write is true ? true : null;

    private static async Task<object?> As<T>(Task<T?> write) where T : class => await write;

    /// <summary>One write: refused → 403, not found → 404, problems listed on the page, success said after a redirect (so a reload posts nothing twice).</summary>
    private async Task<IActionResult> WriteAsync(Func<Task<object?>> write, string? done, CancellationToken ct)
    {
        try
        {
            var result = await write();
            if (result is null) return NotFound();
            if (result is IActionResult action) return action;
            if (done is not null) TempData["message"] = done;
            return Redirect($"/Cases/{Id}");
        }
        catch (AccessDeniedException)
        {
            return Forbid();
        }
        catch (InvalidInputException e)
        {
            db.ChangeTracker.Clear();
            Errors.AddRange(Isop.Pages.Platforms.PlatformForm.Describe(e));
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> Fail(string field, string problem, CancellationToken ct)
    {
        Errors.Add($"{field}: {problem}");
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private static InvalidInputException Invalid(string field, string problem) => new(new Dictionary<string, string[]> { [field] = [problem] });

    private static string[] Lines(string? text) => (text ?? "").Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await reads.GetAsync(Id, ct) is not { } view) return false;
        Case = view;
        EvidencePage = Math.Max(EvidencePage, 1);
        Evidence = await reads.EvidenceAsync(Id, EvidencePage, EvidenceSize, ct);
        Timeline = await reads.TimelineAsync(Id, 200, ct) ?? [];
        if (view.CanEdit)
        {
            Platforms = [.. (await db.Platforms.AsNoTracking().OrderBy(p => p.Name).Take(1000).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p => (p.Id, p.Name))];
            var lead = view.OwnerOrganisationId;
            var named = view.NamedMembers.Select(m => m.Id).ToList();
            Assignees = [.. (await db.Users.AsNoTracking().Where(m => m.OrganisationId == lead || named.Contains(m.Id)).OrderBy(m => m.Email).Take(500)
                .Select(m => new { m.Id, Name = m.Email ?? m.DisplayName }).ToListAsync(ct)).Select(m => (m.Id, m.Name))];
            Organisations = [.. (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Take(500).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name))];
        }
        return true;
    }

    /// <summary>A timeline entry's subject, as a reader says it.</summary>
    public string EntityLabel(TimelineEntry entry) => entry.Entity switch
    {
        "case" => l["Case"],
        nameof(CaseLink) => l["Link"],
        nameof(CasePerson) => l["Person"],
        nameof(CaseNote) => l["Note"],
        nameof(CaseTask) => l["Task"],
        nameof(CaseEvidence) => l["Evidence"],
        "platform" => l["Platform"],
        "work" => l["Work"],
        var other => other,
    };

    private const string FieldPrefix = "field:";

    // Bookkeeping every change carries (when, by whom, ids): not what the reader wants to know changed.
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { "Id", "CaseId", "UpdatedAt", "CreatedAt", "CreatedBy", "AddedAt", "AddedBy", "StatusChangedAt", "StatusChangedBy", "StatusChangedById", "AuthorId", "AuthorOrganisationId" };

    /// <summary>What a change touched, in the reader's words (resources <c>field:NAME</c>; else the name in words), bookkeeping left out.</summary>
    public string FieldsLabel(TimelineEntry entry) => string.Join(", ", entry.Fields.Where(f => !Bookkeeping.Contains(f)).Select(f =>
    {
        var known = l[FieldPrefix + f];
        return known.ResourceNotFound ? Words(f) : known.Value;
    }).Distinct(StringComparer.Ordinal));

    private static string Words(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 8);
        foreach (var c in name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2 ? name[..^2] : name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append(' ');
            text.Append(text.Length == 0 ? c : char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    /// <summary>A timeline entry's action, as a reader says it.</summary>
    public string ActionLabel(TimelineEntry entry) => entry.Action switch
    {
        "create" => l["Created"],
        "update" => l["Changed"],
        "delete" => l["Deleted"],
        var other => other,
    };
}
