using System.Security.Claims;
using System.Text.Encodings.Web;
using Isop.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Isop.Access;

public static class AccessServices
{
    public const string Scheme = "Isop";
    public const string BearerScheme = "Bearer";
    public const string AdminPolicy = "admin";
    public const string MemberPolicy = "member";

    /// <summary>Identity (cookie login, TOTP, lockout) for people, bearer tokens for machines, and the caller seam.</summary>
    public static IServiceCollection AddIsopAccess(this IServiceCollection services)
    {
        services.AddIsopAccounts();
        services.AddHttpContextAccessor();
        services.AddScoped<ICallerAccessor, HttpCaller>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or API token", o => o.ForwardDefaultSelector = ctx =>
                ApiTokenHandler.SecretOf(ctx.Request.Headers.Authorization.ToString()) is not null
                    ? BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(BearerScheme, null)
            .AddIdentityCookies();

        services.AddIdentityCore<Member>()
            .AddSignInManager<IsopSignInManager>()
            .AddClaimsPrincipalFactory<MemberClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "isop.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403; only pages redirect to the login form.
            // Every request checks that the member is not locked and that the session's security stamp is still theirs:
            // locking a member, or a change of their password or second factor, ends their other sessions at once.
            var periodic = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                if (!await SessionStillValidAsync(ctx))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await periodic(ctx);
            };
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(MemberPolicy, p => p.RequireAuthenticatedUser().RequireClaim(IsopClaims.MemberId))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireClaim(IsopClaims.Role, nameof(MemberRole.Admin)));
        return services;
    }

    /// <summary>
    /// Accounts, for the server and the command line alike: Identity's rules and stores (members' token values
    /// protected with the data folder's keys), single-use authenticator codes, and <see cref="Accounts"/>.
    /// </summary>
    public static IServiceCollection AddIsopAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection().SetApplicationName("isop");
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
                o.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                    KeysFolder(sp.GetRequiredService<DatabaseSettings>()), sp.GetRequiredService<ILoggerFactory>())));
        services.AddIdentityCore<Member>(o =>
            {
                ConfigureIdentity(o);
                o.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticator.ProviderName;
            })
            .AddEntityFrameworkStores<IsopDb>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticator>(SingleUseAuthenticator.ProviderName);
        services.Replace(ServiceDescriptor.Scoped<IUserStore<Member>, ProtectedUserStore>());
        services.AddScoped<Accounts>();
        return services;
    }

    /// <summary>The keys (Data Protection's and the audit seal's) are not encrypted at rest: only the account that runs Isop may read them.</summary>
    public static DirectoryInfo KeysFolder(DatabaseSettings settings)
    {
        var path = settings.KeysDirectory ?? throw new InvalidOperationException("No keys folder is configured.");
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The same rules for the server and for <c>isop admin create</c>.</summary>
    public static void ConfigureIdentity(IdentityOptions o)
    {
        o.User.RequireUniqueEmail = true;
        o.Password.RequiredLength = 12;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>
    /// A session opened with a one-time password may do one thing: replace it. It reads the security page and posts its
    /// password form (and signs out); every other page redirects there, every other form and API call is refused.
    /// API tokens are not affected: a member issues them only after choosing a password.
    /// </summary>
    public static IApplicationBuilder UseOneTimePasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.User.HasClaim(IsopClaims.MustChangePassword, "true") || OneTimePasswordMay(context.Request))
        {
            await next(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments("/api") || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = "Signed in with a one-time password: choose your own password first (/Account/Security)." },
            });
            return;
        }
        context.Response.Redirect("/Account/Security");
    });

    private static bool OneTimePasswordMay(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")) return true;
        if (path.StartsWithSegments("/Account/Logout") || path.StartsWithSegments("/Account/Login") || path.StartsWithSegments("/Account/Denied")) return true;
        if (!path.StartsWithSegments("/Account/Security")) return false;
        return HttpMethods.IsGet(request.Method) || string.Equals(request.Query["handler"], "Password", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<bool> SessionStillValidAsync(CookieValidatePrincipalContext ctx)
    {
        var users = ctx.HttpContext.RequestServices.GetRequiredService<UserManager<Member>>();
        var id = ctx.Principal?.FindFirst(IsopClaims.MemberId)?.Value;
        var stamp = ctx.Principal?.FindFirst(users.Options.ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (id is null) return false;
        var member = await users.FindByIdAsync(id);
        // Only an admin's lock ends sessions: wrong passwords tried by someone else lock new sign-ins only.
        var now = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        // A session opened with a one-time password ends when that password expires.
        return member is not null && !Member.LockedByAdmin(member, now) && !IsopSignInManager.OneTimePasswordExpired(member, now)
               && (!users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(member));
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static IEnumerable<Claim> ClaimsFor(Member member, Organisation organisation) =>
    [
        new(IsopClaims.MemberId, member.Id.ToString()),
        new(IsopClaims.OrganisationId, member.OrganisationId.ToString()),
        new(IsopClaims.Role, member.Role.ToString()),
        new(IsopClaims.Name, member.Email ?? member.DisplayName),
        new(IsopClaims.PlatformAdmin, (member.Role == MemberRole.Admin && organisation.Kind == OrganisationKind.Secretariat) ? "true" : "false"),
    ];
}

/// <summary>Adds organisation and role to the cookie principal.</summary>
internal sealed class MemberClaimsFactory(UserManager<Member> users, IOptions<IdentityOptions> options, IsopDb db)
    : UserClaimsPrincipalFactory<Member>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Member user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == user.OrganisationId);
        identity.AddClaims(AccessServices.ClaimsFor(user, organisation));
        if (user.MustChangePassword) identity.AddClaim(new Claim(IsopClaims.MustChangePassword, "true"));
        return identity;
    }
}

/// <summary>
/// <c>Authorization: Bearer isop_…</c>, or HTTP Basic with the token as the password (what TAXII clients send): the
/// token's SHA-256 is looked up; revoked, expired or locked-out tokens fail.
/// </summary>
internal sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IsopDb db, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = SecretOf(Request.Headers.Authorization.ToString());
        if (secret is null) return AuthenticateResult.NoResult();
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || secret.Length > 200)
            return AuthenticateResult.Fail("The bearer token is not an Isop API token.");
        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.AsNoTracking()
            .Include(t => t.Member!).ThenInclude(m => m.Organisation)
            .SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        var now = time.GetUtcNow();
        if (token?.Member?.Organisation is null) return AuthenticateResult.Fail("Unknown API token.");
        if (!token.IsActive(now)) return AuthenticateResult.Fail("The API token is revoked or expired.");
        // An admin's lock stops a member's tokens; wrong passwords tried by someone else do not.
        if (Member.LockedByAdmin(token.Member, now)) return AuthenticateResult.Fail("The token's member is locked.");
        var identity = new ClaimsIdentity(AccessServices.ClaimsFor(token.Member, token.Member.Organisation), Scheme.Name);
        // A token issued with this one may not outlive it.
        identity.AddClaim(new Claim(IsopClaims.TokenId, token.Id.ToString()));
        identity.AddClaim(new Claim(IsopClaims.TokenExpiresAt, token.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "never"));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>
    /// The token an Authorization header carries: a bearer token, or HTTP Basic's password (its user name when the
    /// password is empty); null for any other header.
    /// </summary>
    public static string? SecretOf(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 1000) return null;
        try
        {
            var pair = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) return pair;
            var password = pair[(colon + 1)..];
            return password.Length > 0 ? password : pair[..colon];
        }
        catch (FormatException)
        {
            return "";
        }
    }
}
