using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Isop.Access;

/// <summary>
/// Identity's sign-in with two of Isop's rules: an unknown e-mail costs the same password hashing as a known one (the
/// answer's timing does not tell who has an account), and an expired one-time password no longer signs in.
/// </summary>
public sealed class IsopSignInManager(
    UserManager<Member> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<Member> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<Member>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<Member> confirmation, TimeProvider time)
    : SignInManager<Member>(users, http, claims, options, logger, schemes, confirmation)
{
    private static readonly Member Nobody = new() { DisplayName = "nobody" };
    private static string? _nobodysHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is not null) return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        Hash(password);
        return SignInResult.Failed;
    }

    private void Hash(string password)
    {
        _nobodysHash ??= UserManager.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        UserManager.PasswordHasher.VerifyHashedPassword(Nobody, _nobodysHash, password);
    }

    /// <summary>An expired one-time password is refused only once it is known to be right: who guesses learns nothing of it.</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(Member user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        // A locked account is answered only after the same hashing: the timing does not tell that it is locked.
        if (result.IsLockedOut) Hash(password);
        return result.Succeeded && OneTimePasswordExpired(user, time.GetUtcNow()) ? SignInResult.NotAllowed : result;
    }

    /// <summary>Whether the member still has a one-time password, and it has expired.</summary>
    public static bool OneTimePasswordExpired(Member member, DateTimeOffset now) =>
        member.MustChangePassword && member.OneTimePasswordExpiresAt is { } expires && expires <= now;
}
