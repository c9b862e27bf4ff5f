using Isop.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Error;

/// <summary>
/// What a browser is shown when a page cannot be: not found (which is also what a record the reader may not see is), a
/// request that was not understood, a refusal, or a failure — in the reader's language, inside the app's frame, with the
/// status code kept. Programs (the API, TAXII) get problem details instead.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class IndexModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    public string? Path { get; private set; }

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var failed = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        Code = reExecuted?.OriginalStatusCode ?? (failed is not null ? StatusCodes.Status500InternalServerError : StatusCodes.Status404NotFound);
        // The path is the reader's own request; a failure's exception is never shown.
        Path = TextChecks.Printable(reExecuted?.OriginalPath ?? failed?.Path ?? "");
        if (string.IsNullOrEmpty(Path)) Path = null;
        (Title, Text) = Code switch
        {
            StatusCodes.Status404NotFound => (l["Page not found"].Value, l["There is nothing here, or nothing you may see. Check the address, or start again from the dashboard."].Value),
            StatusCodes.Status403Forbidden => (l["Access denied"].Value, l["Your role does not allow this page."].Value),
            StatusCodes.Status400BadRequest => (l["The request was not understood"].Value, l["An address or a form value is not what this page expects. Check the address, or start again from the dashboard."].Value),
            StatusCodes.Status405MethodNotAllowed => (l["The request was not understood"].Value, l["This page cannot be used this way. Start again from the dashboard."].Value),
            StatusCodes.Status429TooManyRequests => (l["Too many requests"].Value, l["Wait a moment before trying again."].Value),
            >= 500 => (l["Something went wrong"].Value, l["The page could not be shown. Try again, or tell your administrator."].Value),
            _ => (l["The request was not understood"].Value, l["Start again from the dashboard."].Value),
        };
        var result = Page();
        result.StatusCode = Code;
        return result;
    }
}
