using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Isop.Access;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Isop.Tests.Web;

public sealed class ServerTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> SignedInAsync(MemberRole role)
    {
        var (member, _, password) = await fixture.App.MemberAsync($"{Guid.NewGuid():N}@studio.test", "Studio", OrganisationKind.RightsHolder, role);
        var client = Browser();
        await Forms.SignInAsync(client, member.Email!, password);
        return client;
    }

    [Fact]
    public async Task Health_metrics_and_the_API_reference_are_served()
    {
        var client = fixture.Anonymous;
        Assert.Equal("Healthy", await client.GetStringAsync("/health", Ct));
        await client.GetStringAsync("/api/v1/works", Ct);
        var metrics = await client.GetStringAsync("/metrics", Ct);
        Assert.Contains("http_request_duration_seconds", metrics, StringComparison.Ordinal);
        var openapi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = openapi.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/works", "/api/v1/works/{id}", "/api/v1/catalogue/import", "/api/v1/platforms", "/api/v1/admin/members" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        // The inputs the enforcement endpoints read are described field by field, as the readers accept them.
        var schemas = openapi.GetProperty("components").GetProperty("schemas");
        foreach (var (schema, fields) in new[]
        {
            ("NoticeInput", new[] { "platformId", "recipient", "basis", "urls", "language", "workIds", "tlp" }),
            ("DecisionInput", new[] { "platformId", "jurisdiction", "basis", "decidedBy" }),
        })
        {
            Assert.True(schemas.TryGetProperty(schema, out var described), $"{schema} missing from the OpenAPI document");
            var properties = described.GetProperty("properties");
            foreach (var field in fields) Assert.True(properties.TryGetProperty(field, out _), $"{schema}.{field} missing: {described}");
            Assert.False(properties.TryGetProperty("readErrors", out _), $"{schema} shows its reader's errors as a field: {described}");
        }
        var docs = await client.GetAsync("/docs/", Ct);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi/v1.json", await docs.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_forbid_framing_and_foreign_scripts()
    {
        var response = await Browser().GetAsync("/Account/Login", Ct);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_routes_and_ids_are_problem_details()
    {
        var response = await fixture.Analyst.GetAsync($"/api/v1/works/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var forbidden = await fixture.Viewer.PostAsJsonAsync("/api/v1/works", new { id = "V1", kind = "film", titles = new[] { new { text = "A", lang = "en" } } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("fr", "Page introuvable")]
    [InlineData("ko", "페이지를 찾을 수 없습니다")]
    public async Task A_browser_is_shown_a_page_in_its_language_where_a_program_gets_problem_details(string culture, string title)
    {
        var browser = await SignedInAsync(MemberRole.Analyst);
        foreach (var url in new[] { "/No/Such/Page", $"/Cases/{Guid.NewGuid()}", $"/Platforms/{Guid.NewGuid()}", "/Releases/Detail?name=nothing" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
            request.Headers.AcceptLanguage.ParseAdd(culture);
            var response = await browser.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains(title, html, StringComparison.Ordinal);
            Assert.Contains("href=\"/Cases\"", html, StringComparison.Ordinal); // inside the app's frame, its menu
            Assert.Contains(url.Split('?')[0], html, StringComparison.Ordinal);
        }
        // Anonymous, the same page, without the menu of a member.
        using (var anonymous = new HttpRequestMessage(HttpMethod.Get, "/no-such-public-page"))
        {
            anonymous.Headers.Accept.ParseAdd("text/html");
            anonymous.Headers.AcceptLanguage.ParseAdd(culture);
            var response = await Browser().SendAsync(anonymous, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains(title, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }
        // The API stays problem details, even asked for HTML.
        using var api = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/works/{Guid.NewGuid()}");
        api.Headers.Accept.ParseAdd("text/html");
        var problem = await browser.SendAsync(api, Ct);
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.NotEqual("text/html", problem.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("fr", "Tableau de bord", "Catalogue", "Plateformes")]
    [InlineData("ko", "대시보드", "카탈로그", "플랫폼")]
    [InlineData("en", "Dashboard", "Catalogue", "Platforms")]
    public async Task The_shell_speaks_English_French_and_Korean(string culture, string dashboard, string catalogue, string platforms)
    {
        var client = await SignedInAsync(MemberRole.Viewer);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(culture));
        var html = await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains($">{dashboard}<", html, StringComparison.Ordinal);
        Assert.Contains($">{catalogue}</a>", html, StringComparison.Ordinal);
        Assert.Contains($">{platforms}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{culture}\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Index de torrents", "Autre")]
    [InlineData("ko", "토렌트 인덱스", "기타")]
    [InlineData("en", "Torrent index", "Other")]
    public async Task Platform_kinds_are_words_of_the_readers_language_and_TLP_is_a_choice(string culture, string torrentIndex, string other)
    {
        var client = await SignedInAsync(MemberRole.Analyst);
        var created = await client.PostAsJsonAsync("/api/v1/platforms", new { name = $"Kinds {Guid.NewGuid():N}", kind = "torrent-index", domains = new[] { "kinds.test" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        foreach (var page in new[] { "/Platforms", $"/Platforms/{id}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, page);
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(culture));
            var html = await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
            Assert.Contains(torrentIndex, html, StringComparison.Ordinal);
            Assert.Contains($">{other}</option>", html, StringComparison.Ordinal);
            Assert.DoesNotContain(">TorrentIndex<", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<option>torrent-index</option>", html, StringComparison.Ordinal);
        }
        using var detail = new HttpRequestMessage(HttpMethod.Get, $"/Platforms/{id}");
        var form = await (await client.SendAsync(detail, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<select class=\"form-select form-select-sm\" id=\"tlp\" name=\"tlp\">", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalogue_page_searches_and_imports_a_file()
    {
        var client = await SignedInAsync(MemberRole.Analyst);
        var html = await client.GetStringAsync("/Catalogue", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent("GREEN"), "tlp" },
        };
        var file = new ByteArrayContent("""{"works": [{"id": "PAGE1", "kind": "webtoon", "episodes": 120, "titles": [{"text": "나 혼자만 레벨업", "lang": "ko"}, {"text": "Solo Leveling", "lang": "en"}]}]}"""u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "webtoons.json");
        var result = await client.PostAsync("/Catalogue?handler=Import", form, Ct);
        var page = await result.Content.ReadAsStringAsync(Ct);
        Assert.Contains("webtoons.json: 1 created, 0 updated, 0 unchanged.", page, StringComparison.Ordinal);
        var search = await client.GetStringAsync("/Catalogue?q=" + Uri.EscapeDataString("혼자만"), Ct);
        Assert.Contains("Solo Leveling", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_pages_are_for_admins()
    {
        var analyst = await SignedInAsync(MemberRole.Analyst);
        var denied = await analyst.GetAsync("/Admin", Ct);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/Denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var admin = await SignedInAsync(MemberRole.Admin);
        var html = await admin.GetStringAsync("/Admin", Ct);
        Assert.Contains("data-testid=\"members\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tokens\"", html, StringComparison.Ordinal);
        var created = await Forms.PostAsync(admin, "/Admin", new Dictionary<string, string>
        {
            ["email"] = "new.viewer@studio.test",
            ["organisationId"] = (await fixture.App.OrganisationAsync("Studio")).Id.ToString(),
            ["role"] = "Viewer",
        }, "/Admin?handler=Member");
        Assert.Contains("data-testid=\"secret\"", await created.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_section_in_the_menu_is_built_and_answers()
    {
        var client = await SignedInAsync(MemberRole.Viewer);
        var home = await client.GetStringAsync("/", Ct);
        foreach (var section in new[] { "/Platforms", "/Cases", "/Operations", "/Releases", "/Money", "/Scores", "/Emerging", "/Losses", "/Enforcement", "/Sharing" })
        {
            Assert.Contains($"href=\"{section}\"", home, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(section, Ct)).StatusCode);
        }
    }
}
