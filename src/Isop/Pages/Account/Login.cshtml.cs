using System.ComponentModel.DataAnnotations;
using Isop.Access;
using Isop.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Account;

public sealed class LoginModel(SignInManager<Member> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty, Required, EmailAddress] public string Email { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = l["Enter your e-mail and password."];
            return Page();
        }
        // Every failure counts toward the lockout, here and on the second-factor page.
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturn(ReturnUrl));
        if (result.RequiresTwoFactor) return RedirectToPage("LoginWith2fa", new { returnUrl = ReturnUrl });
        // A locked account and a wrong password read the same: the answer does not tell which e-mails have accounts.
        Error = result.IsNotAllowed ? l["This one-time password has expired: ask an administrator for a new one."]
            : $"{l["Invalid e-mail or password."]} {l["After five failed attempts an account is locked for 15 minutes."]}";
        return Page();
    }

    public static string SafeReturn(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
