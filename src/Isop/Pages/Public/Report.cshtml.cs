using Isop.Awareness;
using Isop.Data;
using Isop.Monitoring;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Public;

/// <summary>Report a site: the public's form, with its token and proof of work (computed by the page's script) and a honeypot.</summary>
public sealed class ReportModel(TipChallenge challenge, TipLimiter limiter, IsopDbFactory contexts, PublicSettings settings, MonitorSettings monitor, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(Name = "url")] public string? Site { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Details { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Website { get; set; }
    [BindProperty] public string? Token { get; set; }
    [BindProperty] public string? Solution { get; set; }

    public TipChallengeView Issued { get; private set; } = null!;
    /// <summary>Problems by field, in the reader's language.</summary>
    public Dictionary<string, string> Problems { get; } = new(StringComparer.Ordinal);
    public bool Received { get; private set; }
    public long MinDelayMs => (long)settings.TipMinDelay.TotalMilliseconds;
    public string? Thanks { get; private set; }

    public void OnGet(string? url)
    {
        Site = url;
        Issued = challenge.Issue();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var code = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var language = code is "fr" or "ko" ? code : "en";
        var input = new TipInput { Url = Site, Kind = Kind, Details = Details, Contact = Contact, Language = language, Token = Token, Solution = Solution, Website = Website };
        var outcome = await TipsApi.ReceiveAsync(input, HttpContext.Connection.RemoteIpAddress, contexts, settings, challenge, limiter, monitor, ct);
        if (outcome.Errors is { } errors)
        {
            foreach (var field in errors.Keys) Problems[field] = ProblemText(field);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (outcome.RetryAfter is { } retry)
        {
            Problems["$"] = l["You sent many reports in the last hour; please try again in {0} minutes.", Math.Max(1, (int)Math.Ceiling(retry.TotalMinutes))];
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        else
        {
            Received = true;
            Thanks = TipsApi.Thanks(l, language);
            (Site, Kind, Details, Contact) = (null, null, null, null);
        }
        Issued = challenge.Issue();
        Solution = null;
        ModelState.Clear();
        return Page();
    }

    private string ProblemText(string field) => field switch
    {
        "url" => l["This is not a link or a domain."],
        "kind" => l["Choose a kind from the list."],
        "details" => l["The details are too long (at most 2,000 characters) or contain control characters."],
        "contact" => l["This is not an e-mail address."],
        "solution" => l["Your browser could not show that a person sent the form: allow its script, and send again."],
        _ => l["The form expired or was sent already: please send it again."],
    };
}
