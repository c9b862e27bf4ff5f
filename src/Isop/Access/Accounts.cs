using System.Security.Cryptography;
using Isop.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Isop.Access;

public sealed record CreatedMember(Member Member, Organisation Organisation, string Password);

/// <summary>Account administration shared by the CLI, the first start of the server and the admin page.</summary>
public sealed class Accounts(IsopDb db, UserManager<Member> users, TimeProvider time)
{
    public const string DefaultOrganisation = "Isop Secretariat";

    public async Task<Organisation> EnsureOrganisationAsync(string name, OrganisationKind kind, string? country, CancellationToken ct)
    {
        name = name.Trim();
        var existing = await db.Organisations.SingleOrDefaultAsync(o => o.Name == name, ct);
        if (existing is not null) return existing;
        var organisation = new Organisation { Name = name, Kind = kind, Country = country?.ToUpperInvariant(), CreatedAt = time.GetUtcNow() };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return organisation;
    }

    /// <summary>How long a one-time password signs in before it must be given anew.</summary>
    public static readonly TimeSpan OneTimePasswordLifetime = TimeSpan.FromDays(3);

    /// <summary>Creates a member with a generated password, returned once and never stored in clear.</summary>
    public async Task<CreatedMember> CreateMemberAsync(string email, string? displayName, Organisation organisation, MemberRole role, CancellationToken ct)
    {
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
            throw new InvalidOperationException($"A member with e-mail {email} already exists.");
        var member = new Member
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
            OrganisationId = organisation.Id,
            Role = role,
            CreatedAt = time.GetUtcNow(),
            MustChangePassword = true,
            OneTimePasswordExpiresAt = time.GetUtcNow() + OneTimePasswordLifetime,
        };
        var password = GeneratePassword();
        var result = await users.CreateAsync(member, password);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        return new CreatedMember(member, organisation, password);
    }

    /// <summary>
    /// Gives a member a new one-time password (returned once), unlocks them and ends their sessions: for the local
    /// operator when a password is lost (the first admin's included). The change is audited like any other.
    /// </summary>
    public async Task<(Member Member, string Password)> ResetPasswordAsync(string email, CancellationToken ct)
    {
        var member = await users.FindByEmailAsync(email.Trim()) ?? throw new ArgumentException($"--email: no member with e-mail {email}");
        var password = GeneratePassword();
        // One write: the new hash, a new security stamp (ending every session), unlocked, to be changed at sign-in.
        member.PasswordHash = users.PasswordHasher.HashPassword(member, password);
        member.SecurityStamp = Guid.NewGuid().ToString("N");
        member.MustChangePassword = true;
        member.OneTimePasswordExpiresAt = time.GetUtcNow() + OneTimePasswordLifetime;
        member.LockoutEnd = null;
        member.AccessFailedCount = 0;
        // Whoever took over the account loses their tokens too.
        var now = time.GetUtcNow();
        foreach (var token in await db.ApiTokens.Where(t => t.MemberId == member.Id && t.RevokedAt == null).ToListAsync(ct)) token.RevokedAt = now;
        var result = await users.UpdateAsync(member);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        return (member, password);
    }

    /// <summary>On an empty database: the secretariat organisation and its first admin.</summary>
    public async Task<CreatedMember?> BootstrapAsync(string adminEmail, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct)) return null;
        var organisation = await EnsureOrganisationAsync(DefaultOrganisation, OrganisationKind.Secretariat, null, ct);
        return await CreateMemberAsync(adminEmail, "Administrator", organisation, MemberRole.Admin, ct);
    }

    /// <summary>
    /// Issues an API token to the calling member, and only to them: administering an account never lets an admin act as
    /// the member (a token of theirs would read what was shared with them by name, and the audit log would name them).
    /// Returns the errors by field, or the token and its secret (shown once).
    /// </summary>
    /// <summary>
    /// Issues the caller a token of their own. A token issued with another token (<paramref name="notAfter"/>, the
    /// parent's expiry) expires no later than its parent, so that a short-lived token cannot mint a lasting one.
    /// </summary>
    public async Task<(Dictionary<string, string[]> Errors, ApiToken? Token, string? Secret)> IssueOwnTokenAsync(Caller caller, string? name, int? expiresInDays, CancellationToken ct, DateTimeOffset? notAfter = null, Guid? parent = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (caller.MemberId is not { } memberId) throw new InvalidOperationException("Only a member holds API tokens.");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) errors["name"] = ["required: 1 to 200 characters"];
        if (expiresInDays is < 1 or > 3650) errors["expiresInDays"] = ["expected 1 to 3650 days"];
        if (errors.Count > 0) return (errors, null, null);
        var now = time.GetUtcNow();
        var expires = expiresInDays is { } days ? now.AddDays(days) : notAfter;
        if (notAfter is { } limit && expires > limit)
        {
            errors["expiresInDays"] = [$"a token issued with a token expires no later than it does ({limit:yyyy-MM-dd HH:mm} UTC)"];
            return (errors, null, null);
        }
        var (token, secret) = ApiToken.Issue(memberId, name!.Trim(), now, expires);
        token.ParentId = parent;
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (errors, token, secret);
    }

    /// <summary>
    /// Locks (or unlocks) a member the caller administers; false when there is no such member. Locking changes the
    /// member's security stamp, so their open sessions end at their next request.
    /// </summary>
    public async Task<bool> SetLockAsync(Caller caller, Guid memberId, bool locked, CancellationToken ct)
    {
        var member = await db.Users.SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null || !caller.MayAdminister(member.OrganisationId)) return false;
        member.LockoutEnd = locked ? DateTimeOffset.MaxValue : null;
        member.AccessFailedCount = 0;
        if (locked) member.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Revokes a token of the caller's, or of a member the caller administers; false when there is no such token.</summary>
    public async Task<bool> RevokeTokenAsync(Caller caller, Guid tokenId, CancellationToken ct)
    {
        var token = await db.ApiTokens.Include(t => t.Member).SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || (token.MemberId != caller.MemberId && !caller.MayAdminister(token.Member!.OrganisationId))) return false;
        // The token and every token issued with it, down the line: a revoked token leaves nothing it minted behind.
        var now = time.GetUtcNow();
        var seen = new HashSet<Guid> { token.Id };
        token.RevokedAt ??= now;
        for (var level = new List<Guid> { token.Id }; level.Count > 0;)
        {
            var children = await db.ApiTokens.Where(t => t.ParentId != null && level.Contains(t.ParentId.Value)).ToListAsync(ct);
            foreach (var child in children) child.RevokedAt ??= now;
            level = children.Select(c => c.Id).Where(seen.Add).ToList();
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>20 characters from an alphabet without look-alikes, with every class the policy asks for.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        const string all = lower + upper + digits;
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        chars[RandomNumberGenerator.GetInt32(0, 7)] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[RandomNumberGenerator.GetInt32(7, 14)] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[RandomNumberGenerator.GetInt32(14, 20)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return new string(chars);
    }
}
