using Isop.ReleaseGroups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Isop.Pages.Releases;

/// <summary>Releases (where each appeared first and how far it spread) and release groups, as the caller may see them.</summary>
public sealed class IndexModel(ReleaseAnalysis analysis) : PageModel
{
    public const int Size = 100;

    [BindProperty(SupportsGet = true)] public string? Group { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ReleaseView> Releases { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<GroupProfile> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Groups = await analysis.GroupsAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        // Newest first on the page: what is happening now.
        (Releases, Total) = await analysis.PageAsync(string.IsNullOrWhiteSpace(Group) ? null : Group, newestFirst: true, PageNumber, Size, ct);
    }
}
