using System.Text;
using Isop.Access;
using Microsoft.Playwright;

namespace Isop.Browser.Tests;

public sealed class ShellTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignedInAsync(MemberRole role)
    {
        fixture.Require();
        var (email, password) = await fixture.MemberAsync(role);
        return await SignInAsync(fixture, email, password);
    }

    /// <summary>Signs a member in for the first time: the one-time password is replaced, then the dashboard opens.</summary>
    public static async Task<IPage> SignInAsync(BrowserFixture fixture, string email, string password)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "en-GB" });
        // The first pages a server renders compile their views: on a busy two-core runner that takes longer than
        // Playwright's 30-second default, so waits are explicit and long (no test depends on the machine's speed).
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // A one-time password opens only the page that replaces it.
        await page.WaitForURLAsync(url => url.EndsWith("/Account/Security", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("security-message")).ToContainTextAsync("one-time password");
        await page.GetByLabel("Current password").FillAsync(password);
        await page.GetByLabel("New password (12 characters or more)").FillAsync(password + "-mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("security-message")).ToHaveTextAsync("Password changed.");
        await page.GotoAsync("/");
        return page;
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_visitor_on_the_login_page_with_a_message()
    {
        fixture.Require();
        var (email, _) = await fixture.MemberAsync(MemberRole.Viewer);
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseAddress.ToString() });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("wrong password!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("Invalid e-mail or password.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "login.png") });
    }

    [Fact]
    public async Task After_sign_in_the_shell_shows_every_section_and_the_dashboard_charts()
    {
        var page = await SignedInAsync(MemberRole.Analyst);
        foreach (var section in new[] { "Dashboard", "Catalogue", "Platforms", "Cases", "Enforcement", "Sharing" })
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = section, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);
        // Chart.js drew on both canvases.
        var drawn = await page.EvaluateAsync<bool>("() => ['works-by-kind','records-by-tlp','most-offered'].every(id => window.Chart && Chart.getChart(id) !== undefined)");
        Assert.True(drawn);
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "dashboard.png"), FullPage = true });

    }

    /// <summary>An agency's users leak nothing by opening a page: the API reference loads every asset from Isop itself.</summary>
    [Fact]
    public async Task The_API_reference_loads_nothing_from_outside_and_describes_bearer_tokens()
    {
        fixture.Require();
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseAddress.ToString() });
        var outside = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && url.Host != fixture.BaseAddress.Host)
            {
                lock (outside) outside.Add(route.Request.Url);
                await route.AbortAsync();
            }
            else await route.ContinueAsync();
        });
        await page.GotoAsync("/docs");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(outside.Count == 0, string.Join("\n", outside));
        await Assertions.Expect(page.GetByText("Fingerprints").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var openApi = await page.APIRequest.GetAsync("/openapi/v1.json");
        var document = await openApi.TextAsync();
        Assert.Contains("\"bearer\"", document, StringComparison.Ordinal);
        Assert.Contains("\"securitySchemes\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_turns_the_shell_Korean_and_French()
    {
        var page = await SignedInAsync(MemberRole.Viewer);
        await page.GetByLabel("Language").SelectOptionAsync("ko");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "대시보드", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "카탈로그", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "dashboard-ko.png") });
        await page.GetByLabel("언어").SelectOptionAsync("fr");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tableau de bord", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Langue").SelectOptionAsync("en");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_analyst_imports_a_catalogue_file_and_finds_the_work()
    {
        var page = await SignedInAsync(MemberRole.Analyst);
        await page.GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();
        var json = """{"works": [{"id": "B1", "kind": "series", "episodes": 16, "titles": [{"text": "눈물의 여왕", "lang": "ko"}, {"text": "Queen of Tears", "lang": "en"}, {"text": "La Reine des larmes", "lang": "fr"}]}]}""";
        await page.GetByLabel("Catalogue file").SetInputFilesAsync(new FilePayload { Name = "queen.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-result")).ToHaveTextAsync("queen.json: 1 created, 0 updated, 0 unchanged.");

        await page.GetByLabel("Search").FillAsync("여왕");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("works").GetByText("Queen of Tears")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "catalogue.png"), FullPage = true });

        var bad = """{"works": [{"id": "B2", "kind": "movie", "titles": [{"text": "X", "lang": "en"}]}]}""";
        await page.GetByLabel("Catalogue file").SetInputFilesAsync(new FilePayload { Name = "bad.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("$.works[0].kind: expected one of film, series, music, webtoon, got \"movie\"");
    }

    [Fact]
    public async Task An_admin_adds_a_member_and_sees_the_one_time_password()
    {
        var page = await SignedInAsync(MemberRole.Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await page.GetByTestId("members").WaitForAsync();
        await page.Locator("form[action*='handler=Member'] input[name=email]").FillAsync("new.analyst@studio.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("secret")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9]{20}$"));
        await Assertions.Expect(page.GetByTestId("members")).ToContainTextAsync("new.analyst@studio.test");
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "admin.png"), FullPage = true });
    }

    [Fact]
    public async Task An_analyst_pastes_listings_and_sees_the_match_with_its_reasons()
    {
        var page = await SignedInAsync(MemberRole.Analyst);
        await page.GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();
        var json = """{"works": [{"id": "R1", "kind": "series", "year": 2019, "episodes": 16, "titles": [{"text": "사랑의 불시착", "lang": "ko"}, {"text": "Crash Landing on You", "lang": "en"}]}]}""";
        await page.GetByLabel("Catalogue file").SetInputFilesAsync(new FilePayload { Name = "cloy.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await page.GetByTestId("listings").FillAsync("사랑의 불시착 5회 다시보기\nCrash Landing on You 2 Episode 3 Eng Sub");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recognise", Exact = true }).ClickAsync();
        var rows = page.GetByTestId("matches").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("R1");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("episode 5 is within the work's 16");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("no match");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("unexplained words: \"2\"");
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "recognise.png"), FullPage = true });
    }

    [Fact]
    public async Task Seasons_of_an_imported_series_are_shown_and_recognised_listings_name_their_season()
    {
        var page = await SignedInAsync(MemberRole.Analyst);
        await page.GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();
        var json = """
            {"works": [{"id": "SH1", "kind": "series", "year": 2020, "titles": [{"text": "스위트홈", "lang": "ko"}, {"text": "Sweet Home", "lang": "en"}],
              "seasons": [{"number": 1, "episodes": 10, "year": 2020}, {"number": 2, "episodes": 8, "year": 2023, "titles": [{"text": "스위트홈 2", "lang": "ko"}]}]}]}
            """;
        await page.GetByLabel("Catalogue file").SetInputFilesAsync(new FilePayload { Name = "sweet.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await page.GetByLabel("Search").FillAsync("SH1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var seasons = page.GetByTestId("works").GetByTestId("seasons");
        await Assertions.Expect(seasons).ToContainTextAsync("Season 1: 10 (2020)");
        await Assertions.Expect(seasons).ToContainTextAsync("Season 2: 8 (2023)");
        await Assertions.Expect(seasons).ToContainTextAsync("스위트홈 2");

        await page.GetByTestId("listings").FillAsync("Sweet.Home.S02E05.1080p.NF.WEB-DL.x264-GRP\nSweet.Home.S03E02.1080p.NF.WEB-DL.x264-GRP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recognise", Exact = true }).ClickAsync();
        var rows = page.GetByTestId("matches").Locator("tbody tr");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("S2 E5");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("no match");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("season 3 is not in the catalogue");
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "seasons.png"), FullPage = true });
    }

    private static byte[] Poster(SkiaSharp.SKEncodedImageFormat format, int shift)
    {
        using var bitmap = new SkiaSharp.SKBitmap(480, 720);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.Beige);
            var r = new Random(7);
            for (var i = 0; i < 12; i++)
            {
                using var paint = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor((byte)r.Next(256), (byte)r.Next(256), (byte)r.Next(256)) };
                canvas.DrawCircle(r.Next(480) + shift, r.Next(720) + shift, r.Next(30, 120), paint);
            }
        }
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(format, 85).ToArray();
    }

    [Fact]
    public async Task A_reference_poster_uploaded_in_the_UI_is_found_from_a_near_duplicate()
    {
        var page = await SignedInAsync(MemberRole.Analyst);
        await page.GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();
        var json = """{"works": [{"id": "P1", "kind": "film", "year": 2016, "titles": [{"text": "부산행", "lang": "ko"}, {"text": "Train to Busan", "lang": "en"}]}]}""";
        await page.GetByLabel("Catalogue file").SetInputFilesAsync(new FilePayload { Name = "busan.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        await page.GetByLabel("Work id").FillAsync("P1");
        await page.GetByLabel("Reference image or video").SetInputFilesAsync(new FilePayload { Name = "poster.png", MimeType = "image/png", Buffer = Poster(SkiaSharp.SKEncodedImageFormat.Png, 0) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("poster.png: 1 reference fingerprints added to P1.");

        await page.GetByLabel("Image or video to find").SetInputFilesAsync(new FilePayload { Name = "thumbnail.jpg", MimeType = "image/jpeg", Buffer = Poster(SkiaSharp.SKEncodedImageFormat.Jpeg, 3) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Find by image" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("image-matches")).ToContainTextAsync("P1");
        await Assertions.Expect(page.GetByTestId("image-matches")).ToContainTextAsync("부산행");
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "fingerprints.png"), FullPage = true });
    }
}
