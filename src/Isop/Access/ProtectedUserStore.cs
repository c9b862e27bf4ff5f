using System.Security.Cryptography;
using Isop.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Isop.Access;

/// <summary>
/// Identity's store, with the values of members' tokens (authenticator keys, recovery codes) kept protected by ASP.NET
/// Data Protection (keys in the data folder's <c>keys</c>), so that a copy of the database alone does not give anyone's
/// second factor. A value written before protection was introduced is read as it is and protected at its next write.
/// </summary>
public sealed class ProtectedUserStore(IsopDb db, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<Member, IsopDb, Guid>(db, describer)
{
    private const string Prefix = "dp1:";
    private readonly IDataProtector _protector = protection.CreateProtector("Isop.Identity.MemberTokens");

    public override Task SetTokenAsync(Member user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, value is null ? null : Prefix + _protector.Protect(value), cancellationToken);

    public override async Task<string?> GetTokenAsync(Member user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored;
        try
        {
            return _protector.Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException)
        {
            // The key ring that protected it is gone: the second factor has to be set up again.
            return null;
        }
    }
}
