namespace Isop.Web;

/// <summary>Browser hardening for every response; pages run only the scripts Isop serves itself.</summary>
public static class SecurityHeaders
{
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // The API reference (/docs) brings its own inline scripts; everything else gets the strict policy.
        if (!context.Request.Path.StartsWithSegments("/docs")) headers.ContentSecurityPolicy = PagePolicy;
        await next(context);
    });
}
