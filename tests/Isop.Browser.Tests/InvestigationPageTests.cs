using Isop.Access;
using Isop.Range;
using Microsoft.Playwright;

namespace Isop.Browser.Tests;

/// <summary>The investigation pages on a range monitored before and after its hops: operations and their graph, lineage, releases and their timeline, the money trail, scores and the weekly digest.</summary>
public sealed class InvestigationPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_analyst_follows_operations_releases_money_scores_and_the_weekly_digest()
    {
        fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (email, password) = await fixture.MemberAsync(MemberRole.Analyst);
        var world = RangeWorld.Create(12, 1);
        await using var range = await RangeHost.StartAsync(world, 0, cancellation: ct);
        var ids = await fixture.RegisterRangeAsync(range, 60, ct);
        foreach (var day in new[] { 0, RangeWorld.Days - 1 })
        {
            range.Day = day;
            await fixture.RunAsync(ids, ct);
        }

        var page = await ShellTests.SignInAsync(fixture, email, password);
        await page.GetByTestId("investigation-menu").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("operations").Locator("tbody tr").First).ToBeVisibleAsync();
        var hop = world.Sites.First(s => s.Domains.Count == 2);
        await Assertions.Expect(page.GetByTestId("lineage")).ToContainTextAsync(hop.Domains[1].Host);
        await page.GetByTestId("operation-link").First.ClickAsync();
        var graph = page.GetByTestId("operation-graph");
        await Assertions.Expect(graph.Locator("canvas").First).ToBeAttachedAsync();
        Assert.True(int.Parse(await graph.GetAttributeAsync("data-nodes") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 3);
        await Assertions.Expect(page.GetByTestId("links").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "operation.png"), FullPage = true });

        await page.GotoAsync("/Releases");
        await Assertions.Expect(page.GetByTestId("groups")).ToContainTextAsync("EVO");
        await page.GetByTestId("releases").Locator("tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("release-first")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.Chart && Chart.getChart('release-timeline').data.datasets.some(d => d.data.length > 0)"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "release.png"), FullPage = true });

        await page.GotoAsync("/Money");
        var iptv = world.Sites.First(s => s.Archetype == Archetype.IptvReseller);
        await Assertions.Expect(page.GetByTestId("money")).ToContainTextAsync(world.IdentifiersOf(iptv).Bitcoin);
        var csv = await page.APIRequest.GetAsync(await page.GetByTestId("money-csv").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("kind,value,platform", await csv.TextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/Scores");
        var scores = await page.GetByTestId("score").AllInnerTextsAsync();
        Assert.NotEmpty(scores);
        var values = scores.Select(s => double.Parse(s, System.Globalization.CultureInfo.GetCultureInfo("en-GB"))).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "scores.png"), FullPage = true });

        await page.GotoAsync("/Emerging");
        await Assertions.Expect(page.GetByTestId("new-platforms")).ToContainTextAsync("(range)");
        await Assertions.Expect(page.GetByTestId("successors")).ToContainTextAsync(hop.Domains[1].Host);
        var markdown = await page.APIRequest.GetAsync(await page.GetByTestId("digest-markdown").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, markdown.Status);
        Assert.StartsWith("**TLP:", await markdown.TextAsync(), StringComparison.Ordinal);

        // A rights holder sets up a loss model and sees the estimate as a range, with its assumptions.
        await page.GotoAsync("/Losses");
        var form = page.GetByTestId("create-model");
        await form.GetByLabel("Name").FillAsync("Studio prices");
        await form.GetByLabel("Price of a view").FillAsync("0.05");
        await form.GetByLabel("Price of a download").FillAsync("2");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("loss-range")).ToContainTextAsync("EUR");
        await Assertions.Expect(page.GetByTestId("assumptions")).ToContainTextAsync("KR");
        await Assertions.Expect(page.GetByTestId("losses").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "losses.png"), FullPage = true });
    }
}
