using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Range;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Isop.Browser.Tests;

public sealed class MonitoringPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_analyst_sees_what_monitoring_found_on_a_range_platform_and_can_run_it_again()
    {
        fixture.Require();
        var (email, password) = await fixture.MemberAsync(MemberRole.Analyst);
        var world = RangeWorld.Create(1, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: TestContext.Current.CancellationToken);
        var site = world.Sites.First(s => s.Archetype == Archetype.TorrentIndex);
        Guid platformId;
        var settings = fixture.Server.Services.GetRequiredService<DatabaseSettings>();
        await using (var db = DataServices.CreateContext(settings, Caller.System("test")))
        {
            var studio = await db.Organisations.SingleAsync(o => o.Name == "Studio", TestContext.Current.CancellationToken);
            var ids = await RangeDemo.RegisterAsync(db, range, studio.Id, new RangeMonitoring(Enabled: false, DelayMs: 0, PerHost: 4), TestContext.Current.CancellationToken);
            platformId = (await db.Platforms.SingleAsync(p => ids.Contains(p.Id) && p.Name == $"{site.Name} (range)", TestContext.Current.CancellationToken)).Id;
        }
        var run = await fixture.Server.Services.GetRequiredService<MonitorRunner>().RunAsync(platformId, TestContext.Current.CancellationToken);
        Assert.Equal(CrawlRunStatus.Completed, run.Status);

        var page = await ShellTests.SignInAsync(fixture, email, password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Platforms", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"{site.Name} (range)", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("platform-name")).ToHaveTextAsync($"{site.Name} (range)");
        var truth = world.ListingsOf(site, range.Day).ToList();
        await Assertions.Expect(page.GetByTestId("observation-count")).ToHaveTextAsync(truth.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("matched-count")).ToHaveTextAsync(truth.Count(l => l.WorkId is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var operation = world.IdentifiersOf(site);
        await Assertions.Expect(page.GetByTestId("signals")).ToContainTextAsync(operation.Analytics);
        await Assertions.Expect(page.GetByTestId("runs")).ToContainTextAsync("Completed");
        var drawn = await page.EvaluateAsync<bool>("() => ['observations-by-day','runs'].every(id => window.Chart && Chart.getChart(id) !== undefined)");
        Assert.True(drawn);

        // Recognised listings name their work; the evidence link downloads the WARC record.
        await page.GetByRole(AriaRole.Link, new() { Name = "Recognised", Exact = true }).ClickAsync();
        var first = page.GetByTestId("observations").Locator("tbody tr").First;
        await Assertions.Expect(first.GetByTestId("work-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[KF][0-9]{3}$"));
        var href = await first.GetByRole(AriaRole.Link, new() { Name = "WARC" }).GetAttributeAsync("href");
        var record = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, record.Status);
        Assert.Contains("WARC-Type: response", await record.TextAsync(), StringComparison.Ordinal);

        // The dashboard counts what monitoring found and charts the most offered works.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("recognised-count")).ToHaveTextAsync(truth.Count(l => l.WorkId is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>("() => Chart.getChart('most-offered').data.labels.length > 0"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "dashboard-monitoring.png"), FullPage = true });
        await page.GoBackAsync();

        await page.GetByTestId("run-now").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync("Monitoring run requested");
        // The request is the platform's: its monitor is on and due now.
        await using (var db = DataServices.CreateContext(settings, Caller.System("test")))
        {
            var monitor = (await db.Platforms.AsNoTracking().SingleAsync(p => p.Id == platformId, TestContext.Current.CancellationToken)).Monitor;
            Assert.True(monitor.Enabled);
            Assert.True(monitor.NextRunAt <= DateTimeOffset.UtcNow, $"next run at {monitor.NextRunAt}");
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "platform.png"), FullPage = true });
    }
}

public sealed class PlatformFormTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_analyst_registers_edits_and_deletes_a_platform_in_the_UI()
    {
        fixture.Require();
        var (email, password) = await fixture.MemberAsync(MemberRole.Analyst);
        var page = await ShellTests.SignInAsync(fixture, email, password);
        await page.GotoAsync("/Platforms");
        var form = page.GetByTestId("create-platform");
        await form.GetByLabel("Name").FillAsync("Drama Hood");
        await form.GetByLabel("Kind").SelectOptionAsync("streaming-site");
        await form.GetByLabel("Domains").FillAsync("DramaHood.example, bad_host.example");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errors")).ToContainTextAsync("bad_host.example");

        await form.GetByLabel("Name").FillAsync("Drama Hood");
        await form.GetByLabel("Domains").FillAsync("DramaHood.example, dramahood2.example");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("platform-name")).ToHaveTextAsync("Drama Hood");
        await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync("Platform Drama Hood registered.");

        await page.GetByText("Edit platform").ClickAsync();
        var edit = page.GetByTestId("edit-platform");
        await edit.GetByLabel("Name").FillAsync("Drama Hood Network");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("platform-name")).ToHaveTextAsync("Drama Hood Network");

        await page.GetByText("Edit platform").ClickAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByTestId("delete-platform").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/Platforms", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("platforms")).Not.ToContainTextAsync("Drama Hood");
    }
}
