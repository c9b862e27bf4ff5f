using System.Text.Encodings.Web;
using Isop.Access;
using Isop.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Account;

[Authorize(Policy = AccessServices.MemberPolicy)]
public sealed class SecurityModel(UserManager<Member> users, SignInManager<Member> signIn, Accounts accounts, Data.IsopDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public bool TwoFactorEnabled { get; private set; }
    public string? SharedKey { get; private set; }
    public string? AuthenticatorUri { get; private set; }
    /// <summary>The authenticator URI as a QR code (a PNG data URI), for the app's camera.</summary>
    public string? AuthenticatorQr { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public bool MustChangePassword { get; private set; }
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    /// <summary>A token just issued: its secret, shown once.</summary>
    public string? Secret { get; private set; }

    public async Task<IActionResult> OnPostTokenAsync(string? name, int? expiresInDays, CancellationToken ct)
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        var (errors, token, secret) = await accounts.IssueOwnTokenAsync(db.Caller, name, expiresInDays, ct);
        if (errors.Count > 0) Message = errors.ContainsKey("name") ? l["A name is required."] : l["Expiry: 1 to 3650 days."];
        else
        {
            Message = l["API token {0} issued:", token!.Name];
            Secret = secret;
        }
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken ct)
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        if (!await accounts.RevokeTokenAsync(db.Caller, tokenId, ct)) return NotFound();
        Message = l["Token revoked."];
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        if (member.MustChangePassword) Message = l["You signed in with a one-time password: choose your own to continue."];
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code, string? current)
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        // Whoever holds a stolen session must not enrol an authenticator of their own.
        if (await RefusedWithoutPasswordAsync(member, current) is { } refused) return refused;
        var valid = code is not null && await users.VerifyTwoFactorTokenAsync(member,
            users.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", "", StringComparison.Ordinal));
        if (!valid)
        {
            Message = l["That code is not valid; try the current one."];
        }
        else
        {
            await users.SetTwoFactorEnabledAsync(member, true);
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(member, 10))?.ToList();
            await signIn.RefreshSignInAsync(member);
            Message = l["Two-factor authentication is on."];
        }
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string? current)
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        if (await RefusedWithoutPasswordAsync(member, current) is { } refused) return refused;
        await users.SetTwoFactorEnabledAsync(member, false);
        await users.ResetAuthenticatorKeyAsync(member);
        await signIn.RefreshSignInAsync(member);
        Message = l["Two-factor authentication is off."];
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync(string? current, string? next)
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        if (await RefusedWithoutPasswordAsync(member, current) is { } refused) return refused;
        // The one-time password was printed or sent: it never becomes the member's own.
        if (member.MustChangePassword && string.Equals(current, next, StringComparison.Ordinal))
        {
            Message = l["Choose a new password: the one-time password cannot be kept."];
            await LoadAsync(member);
            return Page();
        }
        var result = await users.ChangePasswordAsync(member, current ?? "", next ?? "");
        Message = result.Succeeded ? l["Password changed."] : string.Join(" ", result.Errors.Select(e => e.Description));
        if (result.Succeeded && member.MustChangePassword)
        {
            member.MustChangePassword = false;
            member.OneTimePasswordExpiresAt = null;
            await users.UpdateAsync(member);
        }
        if (result.Succeeded) await signIn.RefreshSignInAsync(member);
        await LoadAsync(member);
        return Page();
    }

    /// <summary>The page that refuses a change made without the right current password (or ends a session locked out by it); null when it holds.</summary>
    private async Task<IActionResult?> RefusedWithoutPasswordAsync(Member member, string? current)
    {
        if (await PasswordHoldsAsync(member, current)) return null;
        if (await users.IsLockedOutAsync(member)) return await EndSessionAsync(member);
        Message = l["The current password is not right."];
        await LoadAsync(member);
        return Page();
    }

    /// <summary>The current password, checked as the sign-in checks it: failures count towards the lockout.</summary>
    private async Task<bool> PasswordHoldsAsync(Member member, string? password)
    {
        if (await users.IsLockedOutAsync(member)) return false;
        if (password is not null && await users.CheckPasswordAsync(member, password))
        {
            await users.ResetAccessFailedCountAsync(member);
            return true;
        }
        await users.AccessFailedAsync(member);
        return false;
    }

    /// <summary>Locked out by wrong passwords: every session of the member ends, this one too.</summary>
    private async Task<IActionResult> EndSessionAsync(Member member)
    {
        await users.UpdateSecurityStampAsync(member);
        await signIn.SignOutAsync();
        return Redirect("/Account/Login");
    }

    private async Task LoadAsync(Member member)
    {
        MustChangePassword = member.MustChangePassword;
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.MemberId == member.Id).OrderByDescending(t => t.CreatedAt).ToListAsync();
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(member);
        if (TwoFactorEnabled) return;
        var key = await users.GetAuthenticatorKeyAsync(member);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(member);
            key = await users.GetAuthenticatorKeyAsync(member);
            // A new key changes the security stamp, which every request checks: this session carries the new one.
            await signIn.RefreshSignInAsync(member);
        }
        SharedKey = key;
        AuthenticatorUri = $"otpauth://totp/{UrlEncoder.Default.Encode("Isop")}:{UrlEncoder.Default.Encode(member.Email ?? "")}?secret={key}&issuer=Isop&digits=6";
        AuthenticatorQr = QrCodes.PngDataUri(AuthenticatorUri);
    }
}
