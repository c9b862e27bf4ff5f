using Isop.Data;
using Isop.Enforcement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pages.Enforcement;

/// <summary>One notice: its text, evidence and history, and the next step (approve, send, record the outcome, follow up).</summary>
public sealed class NoticeModel(IsopDb db, NoticeWrites writes) : EnforcementPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public NoticeView View { get; private set; } = null!;
    public bool CanWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == Id, ct);
        if (notice is null) return false;
        View = (await NoticesApi.ViewsAsync(db, [notice], ct))[0];
        CanWrite = db.Caller.CanWriteFor(notice.OwnerOrganisationId);
        return true;
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => ActAsync(() => writes.ApproveAsync(Id, ct), "The notice is approved.", ct);

    public Task<IActionResult> OnPostSendAsync(CancellationToken ct) => ActAsync(() => writes.SendAsync(Id, ct), "The notice is sent.", ct);

    public Task<IActionResult> OnPostWithdrawAsync(string? reason, CancellationToken ct) => ActAsync(() => writes.WithdrawAsync(Id, reason, ct), "The notice is withdrawn.", ct);

    public Task<IActionResult> OnPostOutcomeAsync(string? state, string? note, CancellationToken ct) =>
        ActAsync(() => writes.RecordOutcomeAsync(Id, state, note, null, ct), "The outcome is recorded.", ct);

    public async Task<IActionResult> OnPostFollowUpAsync(CancellationToken ct)
    {
        Notice? created = null;
        await TryAsync(async () => { created = await writes.FollowUpAsync(Id, ct); return null; });
        if (created is not null) return Redirect($"/Enforcement/Notices/{created.Id}");
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> ActAsync(Func<Task<Notice?>> act, string done, CancellationToken ct)
    {
        await TryAsync(async () => await act() is null ? null : L(done));
        return await LoadAsync(ct) ? Page() : NotFound();
    }
}
