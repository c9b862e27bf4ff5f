using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;

namespace Isop.Access;

[JsonConverter(typeof(JsonStringEnumConverter<MemberRole>))]
public enum MemberRole
{
    [JsonStringEnumMemberName("admin")] Admin,
    [JsonStringEnumMemberName("analyst")] Analyst,
    [JsonStringEnumMemberName("partner")] Partner,
    [JsonStringEnumMemberName("viewer")] Viewer,
}

/// <summary>A person (or a machine account) in an organisation; the Identity user of the web UI.</summary>
public sealed class Member : IdentityUser<Guid>
{
    public Member() => Id = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string DisplayName { get; set; }
    public MemberRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set while the member still has the one-time password they were given.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>When the one-time password stops signing in (<see cref="Accounts.OneTimePasswordLifetime"/> after it was given).</summary>
    public DateTimeOffset? OneTimePasswordExpiresAt { get; set; }

    /// <summary>
    /// Locked by an admin (until unlocked), as opposed to a lockout after wrong passwords, which lasts minutes: only the
    /// first ends sessions and stops tokens, so that nobody can sign a member out by failing their password.
    /// </summary>
    public static bool LockedByAdmin(Member member, DateTimeOffset now) => member.LockoutEnd is { } end && end > now.AddYears(50);
}

public static class MemberRoles
{
    /// <summary>Roles that may create and change records of their own organisation.</summary>
    public static bool CanWrite(this MemberRole role) => role is MemberRole.Admin or MemberRole.Analyst;
}
