using System.ComponentModel.DataAnnotations;
using Isop.Access;
using Isop.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Account;

public sealed class LoginWith2faModel(SignInManager<Member> signIn, UserManager<Member> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty, Required] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var member = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (member is null) return RedirectToPage("Login");
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (code.Length == 6 && code.All(char.IsAsciiDigit))
        {
            // A failed code counts toward the lockout (SignInManager records the failure).
            result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        }
        else
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Trim());
            // Recovery codes are a route to login too: a wrong one counts like a wrong password.
            if (!result.Succeeded && !result.IsLockedOut) await users.AccessFailedAsync(member);
        }
        if (result.Succeeded) return LocalRedirect(LoginModel.SafeReturn(ReturnUrl));
        Error = result.IsLockedOut || await users.IsLockedOutAsync(member)
            ? l["This account is locked after repeated failures. Try again later or ask an administrator."]
            : l["Invalid code."];
        return Page();
    }
}
