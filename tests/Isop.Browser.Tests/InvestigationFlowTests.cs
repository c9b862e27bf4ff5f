using Isop.Access;
using Isop.Range;
using Microsoft.Playwright;

namespace Isop.Browser.Tests;

/// <summary>An investigation end to end in the browser: from a monitored platform to a case, its links, notes, evidence and workflow, to a signed package that verifies, in three languages.</summary>
public sealed class InvestigationFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_analyst_opens_a_case_on_a_monitored_platform_and_exports_a_package_that_verifies()
    {
        fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        // The member first: it creates the Studio organisation the range's platforms are registered for.
        var (email, password) = await fixture.MemberAsync(MemberRole.Analyst);
        var world = RangeWorld.Create(1, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: ct);
        await fixture.RunAsync(await fixture.RegisterRangeAsync(range, 40, ct), ct);
        var site = world.Sites.First(s => s.Archetype == Archetype.TorrentIndex);
        var name = $"{site.Name} (range)";
        var page = await ShellTests.SignInAsync(fixture, email, password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Platforms", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("platform-name")).ToHaveTextAsync(name);
        await Assertions.Expect(page.GetByTestId("observation-count")).Not.ToHaveTextAsync("0");
        await ShotAsync(page, "flow-1-platform");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }).ClickAsync();
        var create = page.GetByTestId("create-case");
        await create.GetByLabel("Title").FillAsync("EVO leaks on the torrent index");
        await create.GetByLabel("First platform (optional)").SelectOptionAsync(new SelectOptionValue { Label = name });
        await create.GetByLabel("Summary").FillAsync("Episodes released by EVO appear here first.");
        await ShotAsync(page, "flow-2-open-case");
        await create.GetByRole(AriaRole.Button, new() { Name = "Open the case" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-title")).ToHaveTextAsync("EVO leaks on the torrent index");
        await Assertions.Expect(page.GetByTestId("case-links")).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Open");

        var link = page.GetByTestId("link-form");
        await link.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Identifier" });
        await link.GetByLabel("Catalogue id, group name or identifier (type:value)").FillAsync("telegram:evo_leaks");
        await link.GetByLabel("Note", new() { Exact = true }).FillAsync("The channel that announces the releases.");
        await link.GetByRole(AriaRole.Button, new() { Name = "Link", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-links")).ToContainTextAsync("telegram:evo_leaks");
        await Assertions.Expect(page.GetByTestId("case-links")).ToContainTextAsync("The channel that announces the releases.");
        await ShotAsync(page, "flow-3-linked");

        await page.GetByTestId("note-form").GetByLabel("Add a note (@name mentions a colleague)").FillAsync("Same tracker announce URL as last week's mirror.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-notes")).ToContainTextAsync("Same tracker announce URL as last week's mirror.");
        await ShotAsync(page, "flow-4-note");

        await page.GetByTestId("attach-form").GetByLabel("Attach the latest captures of").SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Attach evidence" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-evidence").Locator("tbody tr a", new() { HasText = "WARC" }).First).ToBeVisibleAsync();
        var evidence = int.Parse(await page.GetByTestId("evidence-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(evidence > 0, $"evidence count {evidence}");
        await ShotAsync(page, "flow-5-evidence");

        await page.GetByTestId("status-investigating").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Investigating");
        await Assertions.Expect(page.GetByTestId("status-investigating")).ToHaveCountAsync(0);
        await ShotAsync(page, "flow-6-investigating");

        // The package is signed and carries the PDF report that Chromium prints: slow on a busy machine, so a long wait.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-package").ClickAsync(), new() { Timeout = 600_000 });
        var package = Path.Combine(fixture.ScreenshotFolder, "flow-case-package.zip");
        await download.SaveAsAsync(package);
        Assert.Null(await download.FailureAsync());
        await using (var zip = File.OpenRead(package))
        {
            var verification = Isop.Cases.EvidencePackage.Verify(zip, null, ct);
            Assert.True(verification.Valid, string.Join("\n", verification.Problems));
            Assert.NotNull(verification.Signer);
            Assert.True(verification.FilesVerified > 0);
        }
        using (var archive = System.IO.Compression.ZipFile.OpenRead(package))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "report.pdf");
            Assert.Contains(archive.Entries, e => e.FullName.StartsWith("evidence/", StringComparison.Ordinal) && e.FullName.EndsWith(".warc.gz", StringComparison.Ordinal));
        }

        await page.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync("ko");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "사건", Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "타임라인", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("수사 중");
        await ShotAsync(page, "flow-7-case-ko");
        await page.GetByLabel("언어", new() { Exact = true }).SelectOptionAsync("fr");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dossiers", Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chronologie", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("En enquête");
        await ShotAsync(page, "flow-8-case-fr");
        await page.GetByLabel("Langue", new() { Exact = true }).SelectOptionAsync("en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline", Exact = true })).ToBeVisibleAsync();
    }

    private Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, name + ".png"), FullPage = true });
}
