using Isop.Access;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Isop.Browser.Tests;

/// <summary>
/// The public's pages in the browser, without signing in: the site check in the browser's language and another chosen
/// from the menu, a report sent through the form (its script finds the proof of work), triaged by the secretariat,
/// and the statistics with their charts.
/// </summary>
public sealed class PublicPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> VisitorAsync(string locale)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = locale });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task A_visitor_checks_a_site_in_Korean_then_French_reports_another_and_the_secretariat_accepts_it()
    {
        fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var domain = $"dramaday-{Guid.NewGuid():N}"[..20] + ".test";
        await using (var db = Isop.Data.DataServices.CreateContext(fixture.Server.Services.GetRequiredService<Isop.Data.DatabaseSettings>(), Caller.System("test")))
        {
            var studio = await db.Organisations.SingleOrDefaultAsync(o => o.Name == "Studio", ct)
                ?? await fixture.Server.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<Accounts>().EnsureOrganisationAsync("Studio", OrganisationKind.RightsHolder, "KR", ct);
            await new PlatformWrites(db, allowPrivateResolve: false).CreateAsync(
                new PlatformInput { Name = "Drama Day", Kind = PlatformKind.StreamingSite, Domains = [domain], Tlp = Tlp.Clear }, null, ct, studio.Id);
        }

        var page = await VisitorAsync("ko-KR");
        await page.GotoAsync("/check");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("이 사이트는 불법 사이트인가요?");
        await page.Locator("#url").FillAsync($"HTTPS://WWW.{domain.ToUpperInvariant()}./watch?utm_source=x");
        await page.Locator("#url").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("verdict")).ToHaveAttributeAsync("data-verdict", "piracy");
        await Assertions.Expect(page.GetByTestId("domain")).ToHaveTextAsync(domain);
        await Assertions.Expect(page.GetByTestId("risks")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "check-ko.png"), FullPage = true });
        // Another language from the menu: the same answer, in French.
        await page.GetByLabel("언어").SelectOptionAsync("fr");
        await Assertions.Expect(page.GetByTestId("headline")).ToHaveTextAsync("Un site pirate connu");
        await Assertions.Expect(page.GetByTestId("verdict")).ToHaveAttributeAsync("data-verdict", "piracy");

        // A report: the page's script proves a person sends it (SHA-256 in the page), then waits out the token's delay.
        var reported = $"nouveau-{Guid.NewGuid():N}"[..18] + ".test";
        await page.GotoAsync("/report");
        await page.GetByLabel("Lien ou domaine").FillAsync($"https://{reported}/serie/1");
        await page.GetByLabel("De quel type de site s'agit-il ?").SelectOptionAsync("streaming-site");
        await page.GetByLabel("Qu'y avez-vous vu ?").FillAsync("<img src=x onerror=alert(1)> des séries gratuites");
        await page.GetByTestId("send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("received")).ToContainTextAsync("Merci.", new() { Timeout = 120_000 });

        // The secretariat's analyst finds it in the queue, shown as text, and accepts it as a platform to monitor.
        Member analyst;
        string password;
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
            var secretariat = await accounts.EnsureOrganisationAsync(Accounts.DefaultOrganisation, OrganisationKind.Secretariat, null, ct);
            var created = await accounts.CreateMemberAsync($"{Guid.NewGuid():N}@secretariat.test", null, secretariat, MemberRole.Analyst, ct);
            (analyst, password) = (created.Member, created.Password);
        }
        var triage = await ShellTests.SignInAsync(fixture, analyst.Email!, password);
        await triage.GetByTestId("public-menu").ClickAsync();
        await triage.GetByRole(AriaRole.Link, new() { Name = "Tips from the public" }).ClickAsync();
        var tip = triage.Locator($"[data-testid=tip][data-host='{reported}']");
        await Assertions.Expect(tip).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await tip.GetByTestId("accept").ClickAsync();
        await Assertions.Expect(triage.GetByTestId("message")).ToHaveTextAsync("The tip is accepted.");
        await triage.GetByTestId("tab-accepted").ClickAsync();
        await Assertions.Expect(triage.Locator($"[data-testid=tip][data-host='{reported}']").GetByTestId("triaged")).ToContainTextAsync(analyst.Email!);

        // The statistics: the figures and the charts, drawn from the page's own data.
        var stats = await VisitorAsync("en-GB");
        await stats.GotoAsync("/stats");
        await Assertions.Expect(stats.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Piracy sites in numbers");
        var platforms = int.Parse(await stats.GetByTestId("figure-platforms").InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(platforms >= 1);
        await stats.WaitForFunctionAsync("() => { const c = document.getElementById('stats-months'); return c && c.width > 0 && window.Chart && Chart.getChart(c); }");
        await stats.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "stats.png"), FullPage = true });
    }
}
