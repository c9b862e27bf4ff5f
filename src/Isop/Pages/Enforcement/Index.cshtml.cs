using System.Text.Json;
using Isop.Data;
using Isop.Enforcement;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pages.Enforcement;

/// <summary>Notices: where each stands, how fast recipients answer, and a form to draft one from a platform's evidence.</summary>
public sealed class IndexModel(IsopDb db, NoticeWrites writes) : EnforcementPageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    public IReadOnlyList<Notice> Notices { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> PlatformNames { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyList<(Guid Id, string Name)> Platforms { get; private set; } = [];
    public IReadOnlyDictionary<NoticeState, int> Counts { get; private set; } = new Dictionary<NoticeState, int>();
    public bool CanWrite => db.Caller.OrganisationId is { } org && db.Caller.CanWriteFor(org);
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = db.Notices.AsNoTracking();
        if (EnumNames.TryParse<NoticeState>(State, out var state)) query = query.Where(n => n.State == state);
        else State = null;
        Notices = await query.OrderByDescending(n => n.CreatedAt).Take(200).ToListAsync(ct);
        var counted = await db.Notices.AsNoTracking().GroupBy(n => n.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Counts = Enum.GetValues<NoticeState>().ToDictionary(s => s, s => counted.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
        var ids = Notices.Select(n => n.PlatformId).Distinct().ToList();
        PlatformNames = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        Platforms = [.. (await db.Platforms.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).Take(2000).ToListAsync(ct)).Select(p => (p.Id, p.Name))];
        ChartJson = JsonSerializer.Serialize(new
        {
            labels = Counts.Keys.Select(s => StateLabel(s)).ToList(),
            counts = Counts.Values.ToList(),
            label = L("Notices"),
        });
    }

    /// <summary>A state as the reader's language names it.</summary>
    public string StateLabel(NoticeState state) => L(EnforcementLabels.Of(state));

    public async Task<IActionResult> OnPostDraftAsync(Guid? platformId, string? recipient, string? recipientName, string? basis, string? language, string? urls, CancellationToken ct)
    {
        Notice? notice = null;
        await TryAsync(async () =>
        {
            notice = await writes.DraftAsync(new NoticeInput
            {
                PlatformId = platformId, Recipient = recipient, RecipientName = recipientName, Basis = basis, Language = string.IsNullOrWhiteSpace(language) ? null : language,
                Urls = (urls ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            }, ct);
            return null;
        });
        if (notice is not null) return Redirect($"/Enforcement/Notices/{notice.Id}");
        await LoadAsync(ct);
        return Page();
    }
}
