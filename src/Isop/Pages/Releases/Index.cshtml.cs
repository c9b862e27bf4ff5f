using Isop.ReleaseGroups;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Isop.Pages.Releases;

/// <summary>Releases (where each appeared first and how far it spread) and release groups, as the caller may see them.</summary>
public sealed class IndexModel(ReleaseAnalysis analysis) : PageModel
{
    /// <summary>By when each appeared first (newest first, the default) or by name; the keys only choose the order, the database sorts.</summary>
    public static readonly Sorts<ReleaseView> Sorts = new Sorts<ReleaseView>("first-seen")
        .Add("first-seen", r => r.First.At, descending: true)
        .Add("release", r => r.Release);

    [BindProperty(SupportsGet = true)] public string? Group { get; set; }

    public Table Table { get; private set; } = null!;
    public IReadOnlyList<ReleaseView> Releases { get; private set; } = [];
    public IReadOnlyList<GroupProfile> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Groups = await analysis.GroupsAsync(ct);
        // Newest first by default: what is happening now.
        Table = Table.From(Request, Sorts, defaultSize: 100);
        var group = string.IsNullOrWhiteSpace(Group) ? null : Group;
        var (releases, total) = await analysis.PageAsync(group, Table.Sort == "release", Table.Descending, Table.Page, Table.Size, ct);
        Table.SetTotal(total);
        // A page past the end comes back as the last one.
        Releases = releases.Count == 0 && total > 0 ? (await analysis.PageAsync(group, Table.Sort == "release", Table.Descending, Table.Page, Table.Size, ct)).Items : releases;
    }
}
