using System.Threading.RateLimiting;
using Isop.Access;

namespace Isop.Catalogue;

/// <summary>The catalogue feature: its write path, the per-caller matchers and fingerprint indexes, and the limits on anonymous work.</summary>
public static class CatalogueServices
{
    /// <summary>The rate-limiting policy of the anonymous catalogue match.</summary>
    public const string AnonymousMatchPolicy = "anonymous-match";

    /// <summary>Listing matches an anonymous address may ask for per hour (<c>Isop:RateLimits:AnonymousMatchesPerHour</c>).</summary>
    public const string AnonymousMatchesSetting = "Isop:RateLimits:AnonymousMatchesPerHour";

    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        services.AddScoped<CatalogueWrites>();
        services.AddSingleton<CatalogueMatchers>();
        services.AddSingleton<FingerprintIndexes>();
        services.AddSingleton<FingerprintBudget>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "3600";
                await context.HttpContext.Response.WriteAsJsonAsync(new Web.ProblemDetailsView("Too many requests", 429,
                    $"Anonymous callers may match {PerHour(context.HttpContext)} times an hour from one address: sign in, or use an API token, for more."), ct);
            };
            // Members are limited by their own work budgets; anonymous callers by their address.
            o.AddPolicy(AnonymousMatchPolicy, context => Caller.FromPrincipal(context.User).IsMember
                ? RateLimitPartition.GetNoLimiter("member")
                : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = PerHour(context), Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        return services;
    }

    // Read from the server's configuration when a limiter is made, so that every configuration source has been applied.
    private static int PerHour(HttpContext context) =>
        int.TryParse(context.RequestServices.GetRequiredService<IConfiguration>()[AnonymousMatchesSetting], out var n) && n > 0 ? n : 120;
}
