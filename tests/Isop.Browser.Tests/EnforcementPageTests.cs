using Isop.Access;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Isop.Browser.Tests;

/// <summary>Enforcement in the browser: a notice drafted by one analyst, refused to her own approval, approved by another; the blocking page; Korean.</summary>
public sealed class EnforcementPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task One_analyst_drafts_a_notice_the_other_approves_it_and_the_pages_speak_Korean()
    {
        fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (drafter, drafterPassword) = await fixture.MemberAsync(MemberRole.Analyst);
        var (approver, approverPassword) = await fixture.MemberAsync(MemberRole.Analyst);
        var domain = $"toonkor-{Guid.NewGuid():N}".Substring(0, 20) + ".test";
        var name = $"Toonkor {Guid.NewGuid():N}"[..16];
        await using (var db = Isop.Data.DataServices.CreateContext(fixture.Server.Services.GetRequiredService<Isop.Data.DatabaseSettings>(), Caller.System("test")))
        {
            var studio = await db.Organisations.SingleAsync(o => o.Name == "Studio", ct);
            await new PlatformWrites(db, allowPrivateResolve: false).CreateAsync(new PlatformInput { Name = name, Kind = PlatformKind.StreamingSite, Domains = [domain] }, null, ct, studio.Id);
        }

        var page = await ShellTests.SignInAsync(fixture, drafter, drafterPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Enforcement", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notices", Exact = true })).ToBeVisibleAsync();
        var form = page.GetByTestId("draft-notice");
        await form.GetByLabel("Platform").SelectOptionAsync(new SelectOptionValue { Label = name });
        await form.GetByLabel("Recipient's e-mail").FillAsync("abuse@host.test");
        await form.GetByLabel("Legal basis").SelectOptionAsync("dsa");
        await form.GetByLabel("URLs concerned, one a line").FillAsync($"https://{domain}/watch/queen-of-tears-e01\nhttps://{domain}/watch/queen-of-tears-e02");
        await form.GetByRole(AriaRole.Button, new() { Name = "Draft" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Enforcement/Notices/", StringComparison.Ordinal));
        var notice = page.Url;
        await Assertions.Expect(page.GetByTestId("notice-state")).ToHaveTextAsync("Drafted");
        await Assertions.Expect(page.GetByTestId("notice-body")).ToContainTextAsync("Article 16 of Regulation (EU) 2022/2065");
        await Assertions.Expect(page.GetByTestId("notice-body")).ToContainTextAsync($"https://{domain}/watch/queen-of-tears-e02");
        await Assertions.Expect(page.GetByTestId("warnings")).ToContainTextAsync("queen-of-tears-e01");
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "notice-drafted.png"), FullPage = true });

        // Four-eyes: the drafter's own approval is refused, with the reason.
        await page.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("errors")).ToContainTextAsync("Four-eyes");
        await Assertions.Expect(page.GetByTestId("notice-state")).ToHaveTextAsync("Drafted");

        var second = await ShellTests.SignInAsync(fixture, approver, approverPassword);
        await second.GotoAsync(notice);
        await second.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(second.GetByTestId("message")).ToHaveTextAsync("The notice is approved.");
        await Assertions.Expect(second.GetByTestId("notice-state")).ToHaveTextAsync("Approved");
        await Assertions.Expect(second.GetByTestId("history")).ToContainTextAsync(approver);
        // This server has no SMTP server: sending says so, and the notice stays approved.
        await second.GetByTestId("send").ClickAsync();
        await Assertions.Expect(second.GetByTestId("errors")).ToContainTextAsync("No SMTP server is configured");
        await Assertions.Expect(second.GetByTestId("notice-state")).ToHaveTextAsync("Approved");

        // The blocking page: a rights holder reads the allow-list and the blocklists, and learns who records decisions.
        await second.GotoAsync("/Enforcement/Blocking");
        await Assertions.Expect(second.GetByTestId("decisions-by-authorities")).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByTestId("add-decision")).ToHaveCountAsync(0);
        await Assertions.Expect(second.GetByTestId("allow-list")).ToBeVisibleAsync();

        // In Korean.
        await second.GotoAsync("/Enforcement");
        await second.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync("ko");
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "통지", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByTestId("notices")).ToContainTextAsync("승인됨");
        await second.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "notices-ko.png"), FullPage = true });
        await second.GotoAsync(notice);
        await Assertions.Expect(second.GetByTestId("notice-state")).ToHaveTextAsync("승인됨");
        // Withdrawn before it is sent, with the reason, which the history keeps.
        await second.GetByTestId("withdraw").GetByRole(AriaRole.Textbox).FillAsync("권리자가 사이트와 계약함");
        await second.GetByTestId("withdraw").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(second.GetByTestId("notice-state")).ToHaveTextAsync("철회됨");
        await Assertions.Expect(second.GetByTestId("history")).ToContainTextAsync("권리자가 사이트와 계약함");
        await Assertions.Expect(second.GetByTestId("send")).ToHaveCountAsync(0);
    }
}
