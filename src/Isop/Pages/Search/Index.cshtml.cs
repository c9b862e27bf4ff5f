using Isop.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Isop.Pages.Search;

/// <summary>Global search: what the caller may see that matches the query, grouped by kind.</summary>
public sealed class IndexModel(GlobalSearch search) : PageModel
{
    public const int PerKind = GlobalSearch.MaxLimit;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<IGrouping<string, SearchHit>> Groups { get; private set; } = [];
    public bool TooLong { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if ((Q?.Trim().Length ?? 0) > SearchText.MaxQueryLength)
        {
            TooLong = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var answer = await search.SearchAsync(Q, PerKind, ct);
        Groups = answer.Results.GroupBy(r => r.Kind).ToList();
        return Page();
    }

    /// <summary>The TLP a result carries, for the label partial.</summary>
    public static Access.Tlp TlpOf(SearchHit hit) => Access.TlpLabels.TryParse(hit.Tlp, out var tlp) ? tlp : Access.Tlp.Red;
}
