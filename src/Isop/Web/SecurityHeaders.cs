namespace Isop.Web;

/// <summary>Browser hardening for every response; pages run only the scripts Isop serves itself.</summary>
public static class SecurityHeaders
{
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>The evidence viewer's body endpoint (<c>/api/v1/platforms/{id}/evidence/body</c>): the only response that may be framed.</summary>
    public static bool IsCapturedBody(PathString path) =>
        path.StartsWithSegments("/api/v1/platforms") && path.Value!.EndsWith("/evidence/body", StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (IsCapturedBody(context.Request.Path))
        {
            // A captured page, shown in the evidence viewer's frame on this site only: sandboxed, nothing loads, nothing runs.
            headers.XFrameOptions = "SAMEORIGIN";
            headers.ContentSecurityPolicy = Monitoring.EvidenceViewer.BodyPolicy;
        }
        // The API reference (/docs) brings its own inline scripts; everything else gets the strict policy.
        else if (!context.Request.Path.StartsWithSegments("/docs")) headers.ContentSecurityPolicy = PagePolicy;
        await next(context);
    });
}
