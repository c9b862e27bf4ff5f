using Isop.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Isop.Browser.Tests;

/// <summary>The real server on Kestrel (loopback, a free port) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "isop-browser", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public string? Unavailable { get; private set; }
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public ServerFactory Server { get; private set; } = null!;
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            Unavailable = $"Chromium is not installed at {Chromium}: install the Debian package chromium.";
            return;
        }
        Directory.CreateDirectory(_data);
        Directory.CreateDirectory(ScreenshotFolder);
        Server = new ServerFactory(_data);
        Server.UseKestrel(0);
        Server.StartServer();
        using (var client = Server.CreateClient()) BaseAddress = client.BaseAddress!;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public void Require()
    {
        if (Unavailable is null) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail("CI is set, so browser tests must run, but: " + Unavailable);
        Assert.Skip(Unavailable);
    }

    /// <summary>A new member with a password, straight through the account service.</summary>
    public async Task<(string Email, string Password)> MemberAsync(MemberRole role)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        var org = await accounts.EnsureOrganisationAsync("Studio", OrganisationKind.RightsHolder, "KR", CancellationToken.None);
        var created = await accounts.CreateMemberAsync($"{Guid.NewGuid():N}@studio.test", null, org, role, CancellationToken.None);
        return (created.Member.Email!, created.Password);
    }

    /// <summary>Registers a range's sites for the Studio organisation (monitoring off) and returns their platform ids.</summary>
    public async Task<IReadOnlyList<Guid>> RegisterRangeAsync(Isop.Range.RangeHost range, int maxPages, CancellationToken ct)
    {
        var settings = Server.Services.GetRequiredService<Isop.Data.DatabaseSettings>();
        await using var db = Isop.Data.DataServices.CreateContext(settings, Caller.System("test"));
        var studio = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Organisations, o => o.Name == "Studio", ct);
        return await Isop.Monitoring.RangeDemo.RegisterAsync(db, range, studio.Id, new Isop.Monitoring.RangeMonitoring(Enabled: false, DelayMs: 0, PerHost: 4, MaxPages: maxPages, MaxDepth: 2), ct);
    }

    /// <summary>Runs the platforms' monitoring once, each run completed.</summary>
    public async Task RunAsync(IEnumerable<Guid> platforms, CancellationToken ct)
    {
        var runner = Server.Services.GetRequiredService<Isop.Monitoring.MonitorRunner>();
        foreach (var id in platforms) Assert.Equal(Isop.Monitoring.CrawlRunStatus.Completed, (await runner.RunAsync(id, ct)).Status);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

public sealed class ServerFactory(string data) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Isop:Data", data);
        builder.UseSetting("Isop:AdminEmail", "admin@secretariat.test");
        // The range runs on loopback: its platforms' resolve entries need the server's permission, as in --demo.
        builder.UseSetting(Isop.Monitoring.ResolvePermission.Setting, "true");
    }
}
