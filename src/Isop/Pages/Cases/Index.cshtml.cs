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

/// <summary>The cases the caller may read, filtered, sorted and paged as the API does; and a form that opens one.</summary>
public sealed class IndexModel(IsopDb db, CaseReads reads, CaseWrites writes, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int Size = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<CaseSummaryView> Cases { get; private set; } = new([], 0, 1, Size);
    public List<(Guid Id, string Name)> Platforms { get; private set; } = [];
    /// <summary>The platform chosen as the first one of a new case when the page is opened from it (<c>?platform=ID</c>).</summary>
    public Guid? ForPlatform => Guid.TryParse(Request.Query["platform"], out var id) ? id : null;
    public bool CanWrite => db.Caller.IsMember && db.Caller.Role is { } role && role.CanWrite();
    public List<string> Errors { get; } = [];

    /// <summary>What the open-a-case form held when it was refused, shown again so that nothing typed is lost.</summary>
    public (string? Title, string? Summary, string? Tlp, Guid? Platform) Form { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? title, string? summary, string? tlp, Guid? platform, CancellationToken ct)
    {
        if (!CanWrite) return Forbid();
        try
        {
            var errors = new Dictionary<string, string[]>();
            var label = Isop.Pages.Platforms.PlatformForm.Tlp(tlp, errors);
            var input = new CaseInput { Title = title ?? "", Summary = string.IsNullOrWhiteSpace(summary) ? null : summary, Tlp = label, ReadErrors = errors };
            // Opening and linking the first platform is one step: a platform that cannot be linked opens nothing.
            Case record;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                record = await writes.CreateAsync(input, ct);
                if (platform is { } p) await writes.LinkAsync(record.Id, new CaseLinkInput(CaseLinkKind.Platform, p, null, null), ct);
                await transaction.CommitAsync(ct);
            }
            TempData["message"] = l["Case opened."].Value;
            return Redirect($"/Cases/{record.Id}");
        }
        catch (InvalidInputException e)
        {
            db.ChangeTracker.Clear();
            Form = (title, summary, tlp, platform);
            Errors.AddRange(Isop.Pages.Platforms.PlatformForm.Describe(e));
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(PageNumber, 1);
        CaseStatus? status = EnumNames.TryParse<CaseStatus>(Status, out var s) ? s : null;
        if (status is null) Status = null;
        Cases = await reads.ListAsync(Q, status, Sort, PageNumber, Size, ct);
        if (CanWrite)
            Platforms = [.. (await db.Platforms.AsNoTracking().OrderBy(p => p.Name).Take(1000).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p => (p.Id, p.Name))];
    }

    /// <summary>This list's address with one parameter changed (the others kept).</summary>
    public string Link(string? q = null, string? status = null, string? sort = null, int? page = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = q ?? Q, ["status"] = status ?? Status, ["sort"] = sort ?? Sort, ["p"] = (page ?? PageNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Cases", query.Where(x => !string.IsNullOrEmpty(x.Value)));
    }
}
