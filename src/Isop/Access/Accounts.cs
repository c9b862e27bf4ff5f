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
        };
        var password = GeneratePassword();
        var result = await users.CreateAsync(member, password);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        return new CreatedMember(member, organisation, password);
    }

    /// <summary>On an empty database: the secretariat organisation and its first admin.</summary>
    public async Task<CreatedMember?> BootstrapAsync(string adminEmail, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct)) return null;
        var organisation = await EnsureOrganisationAsync(DefaultOrganisation, OrganisationKind.Secretariat, null, ct);
        return await CreateMemberAsync(adminEmail, "Administrator", organisation, MemberRole.Admin, ct);
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
