using Isop.Data;
using Isop.Enforcement;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pages.Enforcement;

/// <summary>One notice: its text, evidence and history, and the next step (approve, send, record the outcome, follow up).</summary>
public sealed class NoticeModel(IsopDb db, NoticeWrites writes) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public NoticeView View { get; private set; } = null!;
    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }
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

    public Task<IActionResult> OnPostOutcomeAsync(string? state, string? note, CancellationToken ct) =>
        ActAsync(() => writes.RecordOutcomeAsync(Id, state, note, null, ct), "The outcome is recorded.", ct);

    public async Task<IActionResult> OnPostFollowUpAsync(CancellationToken ct)
    {
        try
        {
            if (await writes.FollowUpAsync(Id, ct) is { } created) return Redirect($"/Enforcement/Notices/{created.Id}");
            return NotFound();
        }
        catch (InvalidInputException e)
        {
            Errors.AddRange(e.Errors.Select(x => $"{x.Key}: {string.Join(" ", x.Value)}"));
        }
        catch (Exception e) when (e is Isop.Access.AccessDeniedException or Isop.Catalogue.ConflictException)
        {
            Errors.Add(e.Message);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> ActAsync(Func<Task<Notice?>> act, string done, CancellationToken ct)
    {
        try
        {
            if (await act() is null) return NotFound();
            Message = L(done);
        }
        catch (InvalidInputException e)
        {
            Errors.AddRange(e.Errors.Select(x => $"{x.Key}: {string.Join(" ", x.Value)}"));
        }
        catch (Exception e) when (e is Isop.Access.AccessDeniedException or Isop.Catalogue.ConflictException or DeliveryException)
        {
            Errors.Add(e.Message);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private string L(string text) => HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()[text];
}
