using Isop.Awareness;
using Isop.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Public;

/// <summary>The public site check: a link or a domain, the verdict from TLP:CLEAR data only, the risks, and where to watch legally.</summary>
public sealed class CheckModel(PublicIndex index, IStringLocalizer<SharedResource> l, TimeProvider time) : PageModel
{
    public string? Asked { get; private set; }
    public string? Problem { get; private set; }
    public SiteAnswer? Answer { get; private set; }

    public async Task OnGetAsync(string? url, string? country, CancellationToken ct)
    {
        Asked = url;
        if (url is null) return;
        if (!SiteInput.TryRead(url, out var input, out var problem))
        {
            Problem = problem;
            return;
        }
        var snapshot = await index.CurrentAsync(ct);
        Answer = SiteAnswers.Answer(url.Trim(), input, snapshot, time.GetUtcNow(), SiteAnswers.CountryOf(country, Request.Headers.AcceptLanguage), l);
    }

    public static string ColourOf(Verdict verdict) => verdict switch
    {
        Verdict.Legal => "success",
        Verdict.Unknown => "secondary",
        Verdict.TakenDown => "warning",
        _ => "danger",
    };
}
