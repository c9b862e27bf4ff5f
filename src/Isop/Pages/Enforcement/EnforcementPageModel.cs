using Isop.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Enforcement;

/// <summary>What the enforcement pages share: the outcome of an action as a message or as the problems it met, in the reader's language.</summary>
public abstract class EnforcementPageModel : PageModel
{
    public List<string> Errors { get; } = [];
    public string? Message { get; protected set; }

    /// <summary>Runs an action; its refusals (invalid fields, access, conflicts, a notice that could not be sent) become <see cref="Errors"/>, its result <see cref="Message"/>.</summary>
    protected async Task<bool> TryAsync(Func<Task<string?>> act)
    {
        try
        {
            if (await act() is { Length: > 0 } done) Message = done;
            return true;
        }
        catch (InvalidInputException e)
        {
            Errors.AddRange(e.Errors.Select(x => $"{x.Key}: {string.Join(" ", x.Value)}"));
        }
        catch (Exception e) when (e is Isop.Access.AccessDeniedException or Isop.Catalogue.ConflictException or Isop.Enforcement.DeliveryException)
        {
            Errors.Add(e.Message);
        }
        return false;
    }

    protected string L(string text) => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()[text];
}
