using Isop.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Isop.Access;

public sealed record OrganisationView(Guid Id, string Name, OrganisationKind Kind, string? Country);
/// <remarks><paramref name="LockedOut"/> and <paramref name="TwoFactor"/> are given only to those who administer the member's organisation.</remarks>
public sealed record MemberView(Guid Id, string Email, string DisplayName, Guid OrganisationId, MemberRole Role, bool? LockedOut, bool? TwoFactor);
public sealed record NewOrganisation(string? Name, OrganisationKind? Kind, string? Country);
public sealed record NewMember(string? Email, string? DisplayName, Guid? OrganisationId, MemberRole? Role);
public sealed record CreatedMemberView(MemberView Member, string Password);
/// <summary>A new API token for the caller. <see cref="MemberId"/>, when given, must be the caller's own id.</summary>
public sealed record NewToken(string? Name, int? ExpiresInDays, Guid? MemberId);
public sealed record TokenView(Guid Id, Guid MemberId, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
public sealed record CreatedTokenView(TokenView Token, string Secret);
public sealed record MeView(Guid Id, string Email, string DisplayName, MemberRole Role, OrganisationView Organisation, bool PlatformAdmin);

/// <summary>
/// Accounts: platform admins (admins of a secretariat) administer every organisation; other admins their own.
/// Admins administer accounts only — they read records under the same TLP rules as everyone.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var directory = app.MapGroup("/api/v1").WithTags("Accounts").RequireAuthorization(AccessServices.MemberPolicy);
        directory.MapGet("/me", Me);
        directory.MapGet("/organisations", Organisations).WithSummary("Member organisations: the directory used to share records.");
        directory.MapGet("/organisations/{id:guid}/members", MembersOf).WithSummary("Members of an organisation, to name RED recipients.");
        directory.MapGet("/tokens", MyTokens);
        directory.MapPost("/tokens", CreateToken).WithSummary("Issue an API token; the secret is returned once.");
        directory.MapDelete("/tokens/{id:guid}", RevokeToken);

        var admin = app.MapGroup("/api/v1/admin").WithTags("Accounts").RequireAuthorization(AccessServices.AdminPolicy);
        admin.MapPost("/organisations", CreateOrganisation);
        admin.MapGet("/members", Members);
        admin.MapPost("/members", CreateMember).WithSummary("Create a member; the one-time password is returned once.");
        admin.MapPost("/members/{id:guid}/lock", (IsopDb db, Accounts accounts, Guid id, CancellationToken ct) => SetLock(db, accounts, id, true, ct));
        admin.MapPost("/members/{id:guid}/unlock", (IsopDb db, Accounts accounts, Guid id, CancellationToken ct) => SetLock(db, accounts, id, false, ct));
        return app;
    }

    public static OrganisationView View(Organisation o) => new(o.Id, o.Name, o.Kind, o.Country);

    public static MemberView View(Member m, DateTimeOffset now) =>
        new(m.Id, m.Email ?? "", m.DisplayName, m.OrganisationId, m.Role, m.LockoutEnd > now, m.TwoFactorEnabled);

    public static TokenView View(ApiToken t) => new(t.Id, t.MemberId, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt);

    private static async Task<Ok<MeView>> Me(IsopDb db, CancellationToken ct)
    {
        var caller = db.Caller;
        var member = await db.Users.Include(m => m.Organisation).SingleAsync(m => m.Id == caller.MemberId, ct);
        return TypedResults.Ok(new MeView(member.Id, member.Email ?? "", member.DisplayName, member.Role, View(member.Organisation!), caller.IsPlatformAdmin));
    }

    private static async Task<Ok<List<OrganisationView>>> Organisations(IsopDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct)).Select(View).ToList());

    private static async Task<Results<Ok<List<MemberView>>, NotFound>> MembersOf(IsopDb db, Guid id, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, ct)) return TypedResults.NotFound();
        var now = db.Time.GetUtcNow();
        var members = await db.Users.AsNoTracking().Where(m => m.OrganisationId == id).OrderBy(m => m.DisplayName).ToListAsync(ct);
        // The directory names RED recipients; how their accounts are secured is their administrators' business.
        var administers = db.Caller.MayAdminister(id);
        return TypedResults.Ok(members.Select(m => administers ? View(m, now) : View(m, now) with { LockedOut = null, TwoFactor = null }).ToList());
    }

    private static async Task<Ok<List<TokenView>>> MyTokens(IsopDb db, CancellationToken ct)
    {
        var me = db.Caller.MemberId;
        return TypedResults.Ok((await db.ApiTokens.AsNoTracking().Where(t => t.MemberId == me).OrderBy(t => t.CreatedAt).ToListAsync(ct)).Select(View).ToList());
    }

    private static async Task<Results<Created<CreatedTokenView>, ValidationProblem, ProblemHttpResult>> CreateToken(IsopDb db, Accounts accounts, HttpContext http, NewToken input, CancellationToken ct)
    {
        if (input.MemberId is { } other && other != db.Caller.MemberId)
            return TypedResults.Problem("API tokens are issued only to the member who will use them: sign in as that member to issue one.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        var (errors, token, secret) = await accounts.IssueOwnTokenAsync(db.Caller, input.Name, input.ExpiresInDays, ct, IsopClaims.TokenExpiry(http.User), IsopClaims.Token(http.User));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Created($"/api/v1/tokens/{token!.Id}", new CreatedTokenView(View(token), secret!));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeToken(IsopDb db, Accounts accounts, Guid id, CancellationToken ct) =>
        await accounts.RevokeTokenAsync(db.Caller, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Created<OrganisationView>, ValidationProblem, ForbidHttpResult>> CreateOrganisation(
        IsopDb db, Accounts accounts, NewOrganisation input, CancellationToken ct)
    {
        if (!db.Caller.IsPlatformAdmin) return TypedResults.Forbid();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200) errors["name"] = ["required: 1 to 200 characters"];
        if (input.Kind is null) errors["kind"] = ["required: secretariat, national-central-bureau, law-enforcement, rights-holder or intermediary"];
        if (input.Country is { } c && !Countries.IsAssigned(c.ToUpperInvariant())) errors["country"] = [$"expected an ISO 3166-1 alpha-2 code such as KR or FR, got \"{(c.Length > 40 ? c[..40] + "…" : c)}\""];
        if (errors.Count == 0 && await db.Organisations.AnyAsync(o => o.Name == input.Name!.Trim(), ct)) errors["name"] = ["an organisation with this name exists"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var organisation = await accounts.EnsureOrganisationAsync(input.Name!, input.Kind!.Value, input.Country, ct);
        return TypedResults.Created($"/api/v1/organisations/{organisation.Id}", View(organisation));
    }

    private static async Task<Ok<List<MemberView>>> Members(IsopDb db, CancellationToken ct)
    {
        var caller = db.Caller;
        var now = db.Time.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (!caller.IsPlatformAdmin) query = query.Where(m => m.OrganisationId == caller.OrganisationId);
        return TypedResults.Ok((await query.OrderBy(m => m.Email).ToListAsync(ct)).Select(m => View(m, now)).ToList());
    }

    private static async Task<Results<Created<CreatedMemberView>, ValidationProblem, ForbidHttpResult>> CreateMember(
        IsopDb db, Accounts accounts, NewMember input, CancellationToken ct)
    {
        var caller = db.Caller;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Email) || !input.Email.Contains('@') || input.Email.Length > 254) errors["email"] = ["required: an e-mail address"];
        if (input.Role is null) errors["role"] = ["required: admin, analyst, partner or viewer"];
        var organisationId = input.OrganisationId ?? caller.OrganisationId!.Value;
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null) errors["organisationId"] = ["unknown organisation"];
        else if (!caller.MayAdminister(organisation.Id)) return TypedResults.Forbid();
        if (errors.Count == 0 && await db.Users.AnyAsync(m => m.NormalizedEmail == input.Email!.Trim().ToUpperInvariant(), ct))
            errors["email"] = ["a member with this e-mail exists"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var created = await accounts.CreateMemberAsync(input.Email!, input.DisplayName, organisation!, input.Role!.Value, ct);
        return TypedResults.Created($"/api/v1/admin/members/{created.Member.Id}",
            new CreatedMemberView(View(created.Member, db.Time.GetUtcNow()), created.Password));
    }

    private static async Task<Results<NoContent, NotFound>> SetLock(IsopDb db, Accounts accounts, Guid id, bool locked, CancellationToken ct) =>
        await accounts.SetLockAsync(db.Caller, id, locked, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
