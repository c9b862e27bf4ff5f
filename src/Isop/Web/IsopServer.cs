using Isop.Cases;
using Microsoft.AspNetCore.HttpOverrides;
using Isop.Access;
using Isop.Awareness;
using Isop.Catalogue;
using Isop.Data;
using Isop.Enforcement;
using Isop.Monitoring;
using Isop.Operations;
using Isop.Pivots;
using Isop.Platforms;
using Isop.ReleaseGroups;
using Isop.Search;
using Isop.Sharing;
using Isop.Workspace;
using Microsoft.AspNetCore.Localization;
using Prometheus;
using Scalar.AspNetCore;

namespace Isop.Web;

/// <summary>The server: reads as a table of contents of the features.</summary>
public static class IsopServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The binary's folder holds appsettings.json and wwwroot; the test host names its own content root.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        builder.Services.AddSingleton(sp => IsopSettings.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IsopSettings>().Database);
        builder.Services.AddIsopData();
        builder.Services.AddIsopAccess();
        builder.Services.AddCatalogue();
        builder.Services.AddPlatforms();
        builder.Services.AddCases();
        builder.Services.AddWorkspace();
        builder.Services.AddSearch();
        builder.Services.AddMonitoring(builder.Configuration);
        builder.Services.AddOperations(builder.Configuration);
        builder.Services.AddPivots();
        builder.Services.AddReleaseGroups();
        builder.Services.AddSharing();
        builder.Services.AddEnforcement(builder.Configuration);
        builder.Services.AddAwareness();
        builder.Services.AddHostedService<FeedScheduler>();
        builder.Services.AddHostedService<PublicationWatch>();
        builder.Services.AddIsopWeb();

        var app = builder.Build();

        // Behind a reverse proxy: the client's address is the one the proxies named (Isop:TrustedProxies), else every
        // client would share the proxy's allowance of public requests and tips.
        if (TrustedProxies(app.Configuration) is { Count: > 0 } proxies)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = proxies.Count };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies) forwarded.KnownProxies.Add(proxy);
            app.UseForwardedHeaders(forwarded);
        }
        app.UseSecurityHeaders();
        // A browser asking for a page is shown a page in its language when that cannot be (not found, refused, failed);
        // programs get problem details. Either way the status code stays what it was.
        app.UseWhen(IsPageRequest, page => page.UseExceptionHandler("/Error").UseStatusCodePagesWithReExecute("/Error"));
        app.UseWhen(c => !IsPageRequest(c), api => api.UseExceptionHandler().UseStatusCodePages());
        // The public's pages and API: limited per client, and the check's answers served from memory when they can be.
        app.UseMiddleware<Awareness.PublicGateMiddleware>();
        app.UseStaticFiles();
        app.UseHttpMetrics();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOneTimePasswordChange();
        app.UseTextChecks();
        app.UseAntiforgery();

        app.MapHealthChecks("/health");
        // Request counts by endpoint and status tell of writes to records a caller may not see: the local machine's
        // scraper and the platform's admins only.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/metrics"), b => b.Use(async (c, next) =>
        {
            if (MetricsAllowed(c)) await next(c);
            else c.Response.StatusCode = StatusCodes.Status404NotFound;
        }));
        app.MapMetrics("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        // Nothing leaves the machine from the reference page: no web fonts, no telemetry, no AI agent, no MCP, no proxy,
        // and no button that hands the API description to an outside service.
        app.MapScalarApiReference("/docs", o =>
        {
            o.WithTitle("Isop API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp().HideClientButton().HideDeveloperTools()
                .AddPreferredSecuritySchemes(OpenApiSecurity.Bearer);
            o.ProxyUrl = null;
        });

        app.MapCatalogueApi();
        app.MapFingerprintApi();
        app.MapPlatformsApi();
        app.MapCasesApi();
        app.MapWorkspaceApi();
        app.MapSearchApi();
        app.MapMonitoringApi();
        app.MapOperationsApi();
        app.MapPivotApi();
        app.MapReleaseGroupsApi();
        app.MapSharingApi();
        app.MapEnforcementApi();
        app.MapPublicApi();
        app.MapTipsApi();
        app.MapTaxii();
        app.MapSharingGroupApi();
        app.MapAdminApi();
        app.MapAccountEndpoints();
        app.MapRazorPages();
        return app;
    }

    /// <summary>The reverse proxies whose X-Forwarded-For is believed (<c>Isop:TrustedProxies</c>, a list of addresses).</summary>
    internal static IReadOnlyList<System.Net.IPAddress> TrustedProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection("Isop:TrustedProxies");
        var proxies = new List<System.Net.IPAddress>();
        foreach (var text in section.GetChildren().Select(c => c.Value).Append(section.Value).SelectMany(v => (v ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!System.Net.IPAddress.TryParse(text, out var address))
                throw new InvalidOperationException($"Isop:TrustedProxies: expected proxy addresses such as 127.0.0.1, got \"{text}\"");
            proxies.Add(address);
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) proxies.Add(address.MapToIPv6());
        }
        return proxies;
    }

    /// <summary>The metrics are for this machine (loopback, or in-process) and for the platform's admins.</summary>
    internal static bool MetricsAllowed(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } address || System.Net.IPAddress.IsLoopback(address) || Caller.FromPrincipal(context.User).IsPlatformAdmin;

    /// <summary>Migrations (unless turned off), the first admin on an empty database, then serve until stopped.</summary>
    public static async Task<int> RunAsync(WebApplication app, TextWriter output, CancellationToken ct, Func<IServiceProvider, CancellationToken, Task>? beforeServe = null)
    {
        var settings = app.Services.GetRequiredService<IsopSettings>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IsopDb>();
            if (settings.Migrate) await DataServices.MigrateAsync(db, ct);
        }
        // Bind before creating anything: on a busy port nothing is created and no password is printed to be lost.
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"cannot listen: {e.Message} Another program uses that address; choose another with --urls.");
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<Accounts>().BootstrapAsync(settings.AdminEmail, ct);
            if (created is not null)
            {
                await output.WriteLineAsync($"Created the first admin {created.Member.Email} of {created.Organisation.Name}.");
                await output.WriteLineAsync($"One-time password (shown once; valid {Accounts.OneTimePasswordLifetime.TotalDays:0} days; change it after signing in): {created.Password}");
                // The same data folder as this server's, unless it is the default one in the working folder.
                var data = Path.GetFullPath("isop-data") == settings.DataDirectory ? "" : $" --data {settings.DataDirectory}";
                await output.WriteLineAsync($"Lost it? isop admin reset-password --email {created.Member.Email}{data}");
            }
        }
        if (beforeServe is not null) await beforeServe(app.Services, ct);
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    /// <summary>A browser's request for a page: not the API, TAXII, metrics or the API reference, and asking for HTML.</summary>
    private static bool IsPageRequest(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/taxii2") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health")
            || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/docs"))
            return false;
        return context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
    }

    private static IServiceCollection AddIsopWeb(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<IsopExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurity>());
        services.AddHealthChecks().AddDbContextCheck<IsopDb>("database");
        services.AddLocalization();
        // Pages in French and Korean: emit their characters as they are, not as numeric entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = ["en", "fr", "ko"];
            o.SetDefaultCulture("en").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders.Insert(0, new CookieRequestCultureProvider());
            // A link can name its language (?lang=ko): campaign material, the public API.
            o.RequestCultureProviders.Insert(0, new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" });
            foreach (var accept in o.RequestCultureProviders.OfType<AcceptLanguageHeaderRequestCultureProvider>()) accept.MaximumAcceptLanguageHeaderValuesToTry = 10;
        });
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", AccessServices.MemberPolicy);
            o.Conventions.AllowAnonymousToFolder("/Account");
            o.Conventions.AllowAnonymousToFolder("/Public");
            o.Conventions.AuthorizeFolder("/Admin", AccessServices.AdminPolicy);
        }).AddViewLocalization();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.WriteIndented = false;
            StrictJson.Apply(o.SerializerOptions);
        });
        // A body that does not bind is answered by the exception handler, with what was wrong, not an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}

/// <summary>Server settings, from configuration (<c>Isop:*</c>), which the command line fills.</summary>
public sealed record IsopSettings(string DataDirectory, DatabaseSettings Database, string AdminEmail, bool Migrate)
{
    public static IsopSettings From(IConfiguration configuration)
    {
        var data = configuration["Isop:Data"] ?? "isop-data";
        var database = configuration["Isop:Database"] ?? Environment.GetEnvironmentVariable("ISOP_DATABASE");
        return new IsopSettings(
            Path.GetFullPath(data),
            DatabaseSettings.Resolve(database, data),
            configuration["Isop:AdminEmail"] ?? "admin@isop.local",
            !string.Equals(configuration["Isop:Migrate"], "false", StringComparison.OrdinalIgnoreCase));
    }
}
