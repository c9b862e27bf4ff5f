using System.Security.Claims;

namespace Isop.Access;

/// <summary>Who is acting: a member (through the UI or a token), anonymous, or the local system.</summary>
public sealed record Caller(Guid? MemberId, Guid? OrganisationId, MemberRole? Role, string Name, bool IsSystem, bool IsPlatformAdmin = false)
{
    public static readonly Caller Anonymous = new(null, null, null, "anonymous", false);

    public static Caller System(string name) => new(null, null, null, name, true);

    /// <summary>
    /// A service acting for an organisation, not a person (publishing its records, a command run on its behalf): it
    /// reads what the organisation's members may, except RED records shared with a named member (no member has the
    /// empty id), and writes as an analyst.
    /// </summary>
    public static Caller ForOrganisation(Guid organisationId, string name) => new(Guid.Empty, organisationId, MemberRole.Analyst, name, false);

    public static Caller ForMember(Member member, bool isPlatformAdmin) =>
        new(member.Id, member.OrganisationId, member.Role, member.Email ?? member.DisplayName, false, isPlatformAdmin);

    public bool IsMember => MemberId is not null && OrganisationId is not null;

    /// <summary>Account administration: platform admins (of a secretariat) for every organisation, other admins for their own.</summary>
    public bool MayAdminister(Guid organisationId) =>
        Role == MemberRole.Admin && (IsPlatformAdmin || OrganisationId == organisationId);

    public bool CanWriteFor(Guid ownerOrganisationId) =>
        IsSystem || (IsMember && OrganisationId == ownerOrganisationId && Role is { } role && role.CanWrite());

    public static Caller FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Anonymous;
        if (!Guid.TryParse(user.FindFirstValue(IsopClaims.MemberId), out var member)
            || !Guid.TryParse(user.FindFirstValue(IsopClaims.OrganisationId), out var organisation)
            || !Enum.TryParse<MemberRole>(user.FindFirstValue(IsopClaims.Role), ignoreCase: true, out var role))
        {
            return Anonymous;
        }
        return new Caller(member, organisation, role, user.FindFirstValue(IsopClaims.Name) ?? member.ToString(), false,
            user.HasClaim(IsopClaims.PlatformAdmin, "true"));
    }
}

public static class IsopClaims
{
    public const string MemberId = "isop:member";
    public const string OrganisationId = "isop:org";
    public const string Role = "isop:role";
    public const string Name = "isop:name";
    public const string PlatformAdmin = "isop:platform-admin";
    public const string MustChangePassword = "isop:must-change-password";
    /// <summary>On a request authenticated by an API token: when that token expires ("never" when it does not).</summary>
    public const string TokenExpiresAt = "isop:token-expires";
    /// <summary>On a request authenticated by an API token: that token's id.</summary>
    public const string TokenId = "isop:token";

    /// <summary>The id of the token a request was authenticated with; null for a session.</summary>
    public static Guid? Token(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(TokenId), out var id) ? id : null;

    /// <summary>The expiry of the token a request was authenticated with; null for a session or a token that never expires.</summary>
    public static DateTimeOffset? TokenExpiry(ClaimsPrincipal user) =>
        DateTimeOffset.TryParse(user.FindFirstValue(TokenExpiresAt), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null;
}

/// <summary>The seam through which the database learns who is calling.</summary>
public interface ICallerAccessor
{
    Caller Current { get; }
}

public sealed class FixedCaller(Caller caller) : ICallerAccessor
{
    public Caller Current { get; } = caller;
}

public sealed class HttpCaller(IHttpContextAccessor http) : ICallerAccessor
{
    private ClaimsPrincipal? _principal;
    private Caller _caller = Caller.Anonymous;

    public Caller Current
    {
        get
        {
            var user = http.HttpContext?.User;
            if (!ReferenceEquals(user, _principal))
            {
                _principal = user;
                _caller = Caller.FromPrincipal(user);
            }
            return _caller;
        }
    }
}

/// <summary>Raised when the caller may not make a change; endpoints turn it into 403.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
