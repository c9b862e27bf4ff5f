using System.Globalization;
using Isop.Data;
using Isop.Operations;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pages.Losses;

/// <summary>Loss estimates: a rights holder's model applied to what monitoring saw, as a range with every assumption.</summary>
public sealed class IndexModel(IsopDb db, LossEstimates estimates, LossModelWrites writes) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Model { get; set; }
    [BindProperty(SupportsGet = true)] public string By { get; set; } = "work";

    public IReadOnlyList<LossModel> Models { get; private set; } = [];
    public LossEstimate? Estimate { get; private set; }
    public List<string> Errors { get; } = [];
    public bool CanWrite => db.Caller.OrganisationId is { } org && db.Caller.CanWriteFor(org);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Models = await db.LossModels.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
        if (!LossEstimates.Dimensions.Contains(By)) By = "work";
        var chosen = Model ?? Models.FirstOrDefault()?.Id;
        if (chosen is { } id) Estimate = await estimates.EstimateAsync(id, By, ct);
        Model = Estimate?.Model ?? chosen;
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? currency, string? pricePerView, string? pricePerDownload, string? substitutionLow, string? substitutionHigh, string? defaultCountry, CancellationToken ct)
    {
        static decimal? Money(string? s) => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) || decimal.TryParse(s, NumberStyles.Number, CultureInfo.CurrentCulture, out d) ? d : null;
        static double? Rate(string? s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.TryParse(s, NumberStyles.Float, CultureInfo.CurrentCulture, out d) ? d : null;
        try
        {
            var model = await writes.CreateAsync(new LossModelInput
            {
                Name = name, Currency = currency?.Trim().ToUpperInvariant(), PricePerView = Money(pricePerView), PricePerDownload = Money(pricePerDownload),
                SubstitutionLow = Rate(substitutionLow), SubstitutionHigh = Rate(substitutionHigh), DefaultCountry = defaultCountry?.Trim().ToUpperInvariant(),
            }, ct);
            return RedirectToPage(new { model = model.Id, by = By });
        }
        catch (InvalidInputException e)
        {
            Errors.AddRange(e.Errors.Select(x => $"{x.Key}: {string.Join(" ", x.Value)}"));
        }
        catch (Isop.Access.AccessDeniedException e)
        {
            Errors.Add(e.Message);
        }
        await LoadAsync(ct);
        return Page();
    }
}
