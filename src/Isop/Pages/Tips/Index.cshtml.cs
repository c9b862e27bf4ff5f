using Isop.Access;
using Isop.Awareness;
using Isop.Data;
using Isop.Pages.Enforcement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pages.Tips;

/// <summary>The triage queue of tips from the public: accept (a platform to monitor) or reject, with the reason.</summary>
public sealed class IndexModel(IsopDb db, Isop.Awareness.Tips tips, PublicSettings settings) : EnforcementPageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    public IReadOnlyList<TipView> Items { get; private set; } = [];
    public IReadOnlyDictionary<TipState, int> Counts { get; private set; } = new Dictionary<TipState, int>();
    public string? Receiver { get; private set; }
    public bool Receives { get; private set; }

    public TipState Shown => State switch { "accepted" => TipState.Accepted, "rejected" => TipState.Rejected, _ => TipState.New };

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, string? name, string? kind, string? tlp, bool monitor, CancellationToken ct)
    {
        Tlp? level = null;
        if (!string.IsNullOrWhiteSpace(tlp))
        {
            if (TlpLabels.TryParse(tlp, out var parsed)) level = parsed;
            else Errors.Add($"tlp: expected CLEAR, GREEN, AMBER, AMBER+STRICT or RED, got \"{tlp}\"");
        }
        if (Errors.Count == 0)
            await TryAsync(async () => await tips.AcceptAsync(id, new TipAcceptance(name, string.IsNullOrWhiteSpace(kind) ? null : kind, level, monitor), ct) is null ? null : L("The tip is accepted."));
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct)
    {
        await TryAsync(async () => await tips.RejectAsync(id, reason, ct) is null ? null : L("The tip is rejected."));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var shown = Shown;
        var page = await db.Tips.AsNoTracking().Where(t => t.State == shown).OrderByDescending(t => t.LastReportedAt).ThenBy(t => t.Id).Take(200).ToListAsync(ct);
        Items = await tips.ViewsAsync(page, ct);
        var counted = await db.Tips.AsNoTracking().GroupBy(t => t.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Counts = Enum.GetValues<TipState>().ToDictionary(s => s, s => counted.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
        var receiver = await Isop.Awareness.Tips.ReceiverAsync(db, settings, ct);
        Receiver = receiver?.Name;
        Receives = receiver is not null && receiver.Id == db.Caller.OrganisationId;
    }

    public static string StateName(TipState state) => state switch { TipState.Accepted => "accepted", TipState.Rejected => "rejected", _ => "new" };
}
