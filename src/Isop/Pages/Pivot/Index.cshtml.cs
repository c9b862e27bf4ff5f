using Isop.Pivots;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Pivot;

/// <summary>One identifier as a pivot: the platforms it was seen on, their operations, and the cases that name it or link them.</summary>
public sealed class IndexModel(IdentifierPivot pivot, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(Name = "id", SupportsGet = true)] public string? Id { get; set; }

    public PivotView? View { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Id)) return Page();
        if (!PivotId.TryParse(Id, out var id, out var kind, out _))
        {
            Problem = kind switch
            {
                PivotProblem.UnknownType => l["Unknown identifier type: expected one of {0}.", string.Join(", ", PivotId.Types)],
                PivotProblem.NoValue => l["The identifier has a type but no value after the colon."],
                PivotProblem.TooLong => l["The identifier is too long: a value has at most {0} characters.", PivotId.MaxValue],
                PivotProblem.ControlCharacters => l["The identifier contains control characters."],
                PivotProblem.InfoHash => l["An info-hash is 40 (or 64) hexadecimal digits."],
                _ => l["Expected an identifier as type:value, such as wallet-bitcoin:bc1…, google-analytics:UA-…, telegram:channel or infohash: and 40 hexadecimal digits."],
            };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        View = await pivot.FindAsync(id, ct);
        return Page();
    }

    /// <summary>The pivot page of an identifier, for links wherever one is shown.</summary>
    public static string Href(string type, string value) => $"/Pivot?id={Uri.EscapeDataString($"{type}:{value}")}";
}
