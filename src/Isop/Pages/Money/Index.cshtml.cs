using Isop.Operations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Isop.Pages.Money;

/// <summary>The money trail: money identifiers on platforms, and the operations they lead to.</summary>
public sealed class IndexModel(MoneyTrail money) : PageModel
{
    public IReadOnlyList<MoneyRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await money.RowsAsync(ct);
}
