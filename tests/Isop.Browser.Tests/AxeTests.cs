using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Isop.Access;
using Isop.Range;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Isop.Browser.Tests;

/// <summary>
/// axe-core on every page of the app, signed in as an admin (so the admin pages exist too), signed out for the public
/// pages: no violation of impact "serious" or "critical" may remain. A page added under src/Isop/Pages must be added to
/// <see cref="Pages"/>, or the coverage test fails.
/// </summary>
public sealed partial class AxeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private enum Visitor { Admin, Anonymous, TwoFactorPending }

    /// <summary>What the pages with an id in their route are shown for.</summary>
    private sealed record Seed(Guid Platform, string Operation, string Release, string Case, string Notice, string Viewer, string Pivot);

    /// <summary>A page: its route template (as in its @page directive, or derived from its file) and how to reach it.</summary>
    private sealed record AxePage(string Route, Visitor Visitor, Func<Seed, string> Url)
    {
        public AxePage(string route, Visitor visitor = Visitor.Admin) : this(route, visitor, _ => route) { }
    }

    /// <summary>Every page of the app. Add a row for a new page.</summary>
    private static readonly AxePage[] Pages =
    [
        new("/"),
        new("/Catalogue"),
        new("/Platforms"),
        new("/Platforms/{id:guid}", Visitor.Admin, s => $"/Platforms/{s.Platform}"),
        new("/Platforms/{id:guid}/Evidence", Visitor.Admin, s => s.Viewer),
        new("/Search", Visitor.Admin, _ => "/Search?q=range"),
        new("/Pivot", Visitor.Admin, s => s.Pivot),
        new("/Cases"),
        new("/Cases/{id:guid}", Visitor.Admin, s => s.Case),
        new("/Operations"),
        new("/Operations/{id:guid}", Visitor.Admin, s => s.Operation),
        new("/Releases"),
        new("/Releases/Detail", Visitor.Admin, s => s.Release),
        new("/Money"),
        new("/Scores"),
        new("/Emerging"),
        new("/Losses"),
        new("/Enforcement"),
        new("/Enforcement/Blocking"),
        new("/Enforcement/Contacts"),
        new("/Enforcement/Notices/{id:guid}", Visitor.Admin, s => s.Notice),
        new("/Sharing"),
        new("/Tips"),
        new("/Admin"),
        new("/Account/Security"),
        new("/Account/Denied"),
        new("/Error", Visitor.Admin, _ => "/No/Such/Page"),
        new("/Account/Login", Visitor.Anonymous),
        new("/Account/LoginWith2fa", Visitor.TwoFactorPending),
        new("/check", Visitor.Anonymous),
        new("/report", Visitor.Anonymous),
        new("/stats", Visitor.Anonymous),
    ];

    [Fact]
    public void Every_page_of_the_app_is_in_the_axe_list()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Isop", "Pages");
        var routes = Directory.EnumerateFiles(folder, "*.cshtml", SearchOption.AllDirectories)
            .Select(file => Route(folder, file))
            .OfType<string>()
            .ToList();
        Assert.NotEmpty(routes);
        var listed = Pages.Select(p => p.Route).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = routes.Where(r => !listed.Contains(r)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Pages that AxeTests.Pages does not visit: " + string.Join(", ", missing));
        var gone = listed.Where(r => !routes.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(gone.Count == 0, "AxeTests.Pages lists routes that no page has: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation()
    {
        fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var seed = await SeedAsync(ct);
        var admin = await AdminAsync();
        var anonymous = await VisitorAsync("en-GB");
        var pending = await TwoFactorPendingAsync();
        var failures = new StringBuilder();
        foreach (var entry in Pages)
        {
            var page = entry.Visitor switch { Visitor.Admin => admin, Visitor.Anonymous => anonymous, _ => pending };
            var url = entry.Url(seed);
            if (entry.Visitor == Visitor.TwoFactorPending) Assert.Contains("/Account/LoginWith2fa", page.Url, StringComparison.Ordinal);
            else await page.GotoAsync(url);
            try { failures.Append(await CheckAsync(page, url).WaitAsync(TimeSpan.FromMinutes(3), ct)); }
            catch (TimeoutException) { failures.AppendLine($"{url}: axe did not finish within 3 minutes"); }
        }
        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public async Task Korean_pages_have_no_serious_or_critical_accessibility_violation()
    {
        fixture.Require();
        var admin = await AdminAsync();
        await admin.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync("ko");
        await Assertions.Expect(admin.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        var anonymous = await VisitorAsync("ko-KR");
        var failures = new StringBuilder();
        foreach (var url in new[] { "/", "/Platforms", "/Cases", "/Enforcement", "/Admin" })
        {
            await admin.GotoAsync(url);
            failures.Append(await CheckAsync(admin, url));
        }
        foreach (var url in new[] { "/Account/Login", "/check", "/report" })
        {
            await anonymous.GotoAsync(url);
            await Assertions.Expect(anonymous.Locator("html")).ToHaveAttributeAsync("lang", "ko");
            failures.Append(await CheckAsync(anonymous, url));
        }
        await admin.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "axe-admin-ko.png"), FullPage = true });
        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>Runs axe on the page as it is and describes each serious or critical violation, or returns nothing.</summary>
    private static async Task<string> CheckAsync(IPage page, string url)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Frames are not ours to check: the capture viewer's sandboxed frame holds a captured page, where axe cannot run.
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions { Iframes = false });
        var text = new StringBuilder();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            text.AppendLine($"{url} ({page.Url}): {violation.Id} [{violation.Impact}] {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message);
                text.AppendLine($"    {node.Target}: {node.Html}");
                text.AppendLine($"      {string.Join(" | ", checks)}");
            }
        }
        return text.ToString();
    }

    private async Task<IPage> AdminAsync()
    {
        var (email, password) = await fixture.MemberAsync(MemberRole.Admin);
        return await ShellTests.SignInAsync(fixture, email, password);
    }

    private async Task<IPage> VisitorAsync(string locale)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = locale });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    /// <summary>A member with two-factor authentication on, after their password: the page that asks for the code.</summary>
    private async Task<IPage> TwoFactorPendingAsync()
    {
        var (email, password) = await fixture.MemberAsync(MemberRole.Viewer);
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var member = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
            await users.ResetAuthenticatorKeyAsync(member);
            Assert.True((await users.SetTwoFactorEnabledAsync(member, true)).Succeeded);
        }
        var page = await VisitorAsync("en-GB");
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A monitored range, a case with evidence and a note, a drafted notice: the pages have something to show.</summary>
    private async Task<Seed> SeedAsync(CancellationToken ct)
    {
        // The member first: it creates the Studio organisation the range's platforms are registered for.
        var (email, password) = await fixture.MemberAsync(MemberRole.Analyst);
        var world = RangeWorld.Create(12, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: ct);
        var ids = await fixture.RegisterRangeAsync(range, 40, ct);
        await fixture.RunAsync(ids, ct);

        var page = await ShellTests.SignInAsync(fixture, email, password);
        var site = world.Sites.First(s => s.Archetype == Archetype.TorrentIndex);
        var name = $"{site.Name} (range)";
        await page.GotoAsync("/Platforms");
        var platformHref = await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).GetAttributeAsync("href") ?? "";
        var platform = Guid.Parse(platformHref.Split('/').Last());

        await page.GotoAsync("/Cases");
        var form = page.GetByTestId("create-case");
        await form.GetByLabel("Title").FillAsync("Accessibility case");
        await form.GetByLabel("First platform (optional)").SelectOptionAsync(new SelectOptionValue { Label = name });
        await form.GetByRole(AriaRole.Button, new() { Name = "Open the case" }).ClickAsync();
        await page.WaitForURLAsync(CaseUrl());
        var caseUrl = new Uri(page.Url).AbsolutePath;
        await page.GetByRole(AriaRole.Button, new() { Name = "Attach evidence" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("evidence-count")).Not.ToHaveTextAsync("0");
        await page.GetByTestId("note-form").GetByRole(AriaRole.Textbox).FillAsync("Seen on the range.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-notes")).ToContainTextAsync("Seen on the range.");
        var viewer = await page.GetByTestId("case-evidence").GetByRole(AriaRole.Link, new() { Name = "View", Exact = true }).First.GetAttributeAsync("href") ?? "";
        await page.GotoAsync($"/Platforms/{platform}");
        var pivots = page.Locator("a[href^='/Pivot?id=']");
        var pivot = await pivots.CountAsync() > 0 ? await pivots.First.GetAttributeAsync("href") ?? "" : "/Pivot?id=telegram%3Aevo_leaks";

        await page.GotoAsync("/Operations");
        var operation = await page.GetByTestId("operation-link").First.GetAttributeAsync("href") ?? "";
        await page.GotoAsync("/Releases");
        var release = await page.GetByTestId("releases").Locator("tbody tr a").First.GetAttributeAsync("href") ?? "";

        await page.GotoAsync("/Enforcement");
        var notice = page.GetByTestId("draft-notice");
        await notice.GetByLabel("Platform").SelectOptionAsync(new SelectOptionValue { Label = name });
        await notice.GetByLabel("Recipient's e-mail").FillAsync("abuse@host.test");
        await notice.GetByLabel("Legal basis").SelectOptionAsync("dsa");
        await notice.GetByLabel("URLs concerned, one a line").FillAsync($"https://{site.Domains[^1].Host}/");
        await notice.GetByRole(AriaRole.Button, new() { Name = "Draft" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Enforcement/Notices/", StringComparison.Ordinal));
        var noticeUrl = new Uri(page.Url).AbsolutePath;
        await page.Context.CloseAsync();
        return new Seed(platform, operation, release, caseUrl, noticeUrl, viewer, pivot);
    }

    [GeneratedRegex("/Cases/[0-9a-f-]{36}$")]
    private static partial Regex CaseUrl();

    /// <summary>A page's route: its @page template, else its path under Pages (Index is its folder); null for partials and layouts.</summary>
    private static string? Route(string pagesFolder, string file)
    {
        var directive = File.ReadLines(file).FirstOrDefault(l => l.TrimStart().StartsWith("@page", StringComparison.Ordinal));
        if (directive is null) return null;
        var template = PageTemplate().Match(directive);
        if (template.Success) return template.Groups[1].Value;
        var relative = Path.GetRelativePath(pagesFolder, file).Replace(Path.DirectorySeparatorChar, '/')[..^".cshtml".Length];
        if (relative == "Index") return "/";
        if (relative.EndsWith("/Index", StringComparison.Ordinal)) relative = relative[..^"/Index".Length];
        return "/" + relative;
    }

    [GeneratedRegex("""^\s*@page\s+"([^"]+)"\s*$""")]
    private static partial Regex PageTemplate();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Isop.slnx"))) return folder.FullName;
        throw new InvalidOperationException("Isop.slnx is not above " + AppContext.BaseDirectory);
    }
}
