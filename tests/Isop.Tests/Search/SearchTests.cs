using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Monitoring;
using Isop.ReleaseGroups;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Isop.Tests.Search;

/// <summary>
/// Global search through the API and its page, on both databases: Korean with and without spaces, typos, identifiers
/// seen on platforms, release groups and releases, and TLP (what another organisation may not see is neither found
/// nor counted).
/// </summary>
public abstract class SearchTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task StartAsync()
    {
        fixture.Require();
        await fixture.App.FirstAdminAsync(Ct);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string url, string body)
    {
        var created = await client.PostAsync(url, Json(body), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static Task<Guid> WorkAsync(HttpClient client, string id, string tlp, params (string Text, string Lang)[] titles) =>
        CreateAsync(client, "/api/v1/works", JsonSerializer.Serialize(new { id, kind = "series", year = 2024, titles = titles.Select(t => new { text = t.Text, lang = t.Lang }), tlp }));

    private static Task<Guid> PlatformAsync(HttpClient client, string name, string domain, string tlp) =>
        CreateAsync(client, "/api/v1/platforms", JsonSerializer.Serialize(new { name, kind = "torrent-index", domains = new[] { domain }, tlp }));

    private static async Task<List<JsonElement>> SearchAsync(HttpClient client, string q, string? kind = null, int? limit = null)
    {
        var response = await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(q) + (limit is null ? "" : $"&limit={limit}"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal(q.Trim(), answer.GetProperty("query").GetString());
        return answer.GetProperty("results").EnumerateArray().Where(r => kind is null || r.GetProperty("kind").GetString() == kind).ToList();
    }

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";

    /// <summary>Records monitoring would have stored: a signal sighting, a listing with an info-hash, and a release of a group.</summary>
    private async Task SeenAsync(Guid platform, string? wallet = null, string? infoHash = null, string? release = null, string? group = null)
    {
        await using var db = fixture.App.SystemDb();
        var now = DateTimeOffset.UtcNow;
        var run = Guid.CreateVersion7();
        if (wallet is not null)
            db.SignalSightings.Add(new SignalSighting { Id = Guid.CreateVersion7(), PlatformId = platform, Type = "wallet-bitcoin", Value = wallet, FirstSeen = now, LastSeen = now, FirstRunId = run, LastRunId = run });
        if (infoHash is not null)
            db.Observations.Add(new Observation { Id = Guid.CreateVersion7(), PlatformId = platform, Key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), Text = "a torrent", Kind = "magnet", InfoHash = infoHash, FirstSeen = now, LastSeen = now, FirstRunId = run, LastRunId = run });
        if (release is not null)
            db.PlatformReleases.Add(new PlatformRelease { Id = Guid.CreateVersion7(), PlatformId = platform, Key = Releases.Key(release), Release = release, ReleaseGroup = group, GroupKey = group?.ToUpperInvariant(), At = now, FirstSeen = now, LastSeen = now, ObservationKey = "k" });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Korean_titles_are_found_with_or_without_spaces()
    {
        await StartAsync();
        var id = Unique;
        var queen = await WorkAsync(fixture.Analyst, "KQ" + id, "GREEN", ("눈물의 여왕", "ko"), ("Queen of Tears", "en"));
        var cloy = await WorkAsync(fixture.Analyst, "KC" + id, "GREEN", ("사랑의불시착", "ko"), ("Crash Landing on You", "en"));

        foreach (var (q, expected, title) in new[] { ("눈물의여왕", queen, "눈물의 여왕"), ("눈물의 여왕", queen, "눈물의 여왕"), ("사랑의 불시착", cloy, "사랑의불시착"), ("사랑의불시착", cloy, "사랑의불시착"), ("불시착", cloy, "사랑의불시착") })
        {
            var works = await SearchAsync(fixture.Analyst, q, "work");
            Assert.True(works.Count > 0 && Text(works[0], "id") == expected.ToString(), $"{q}: {string.Join(", ", works)}");
            Assert.Equal(title, Text(works[0], "title"));
            Assert.Equal("/Catalogue?q=" + (expected == queen ? "KQ" : "KC") + id, Text(works[0], "href"));
            Assert.Equal("GREEN", Text(works[0], "tlp"));
        }
    }

    [Theory]
    [InlineData("Quen of Tears")]
    [InlineData("Qeen of Tears")]
    [InlineData("queenoftears")]
    [InlineData("Queen of T")]
    [InlineData("QUEEN OF TAERS")]
    public async Task A_typo_a_missing_space_or_a_title_half_typed_still_finds_the_work(string q)
    {
        await StartAsync();
        var id = Unique;
        var work = await WorkAsync(fixture.Analyst, "QT" + id, "AMBER", ("Queen of Tears", "en"));
        var works = await SearchAsync(fixture.Analyst, q, "work");
        Assert.Contains(works, w => Text(w, "id") == work.ToString() && Text(w, "title") == "Queen of Tears" && Text(w, "tlp") == "AMBER");
        // A different title is not a typo of it.
        Assert.DoesNotContain(await SearchAsync(fixture.Analyst, "King of Fears", "work"), w => Text(w, "id") == work.ToString());
    }

    [Fact]
    public async Task Exact_matches_rank_before_prefixes_substrings_and_typos()
    {
        await StartAsync();
        var id = Unique;
        var word = "Marigold" + id;
        var fuzzy = await PlatformAsync(fixture.Analyst, word[..^1] + "x", $"fz-{id}.test", "GREEN");
        var substring = await PlatformAsync(fixture.Analyst, "The " + word + " site", $"sb-{id}.test", "GREEN");
        var prefix = await PlatformAsync(fixture.Analyst, word + " TV", $"pf-{id}.test", "GREEN");
        var exact = await PlatformAsync(fixture.Analyst, word, $"ex-{id}.test", "GREEN");
        var platforms = await SearchAsync(fixture.Analyst, word, "platform");
        Assert.Equal([exact, prefix, substring, fuzzy], platforms.Select(p => Guid.Parse(Text(p, "id"))));
        Assert.Equal($"/Platforms/{exact}", Text(platforms[0], "href"));
        // The limit is per kind: the best ones are kept.
        Assert.Equal([exact, prefix], (await SearchAsync(fixture.Analyst, word, "platform", limit: 2)).Select(p => Guid.Parse(Text(p, "id"))));
        Assert.Equal(4, (await SearchAsync(fixture.Analyst, id, "domain")).Count(d => Text(d, "id").EndsWith($"-{id}.test", StringComparison.Ordinal)));
        Assert.Single(await SearchAsync(fixture.Analyst, id, "domain", limit: 1));
    }

    [Fact]
    public async Task Identifiers_release_groups_and_releases_seen_on_platforms_are_found()
    {
        await StartAsync();
        var id = Unique;
        var platform = await PlatformAsync(fixture.Analyst, "Torrents " + id, $"torrents-{id}.test", "GREEN");
        var wallet = "bc1q" + id + "xy7kdygjrsqtzq2n0yrf2493p83kkfjhx0wlh";
        var infoHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(id)));
        var group = "Grp" + id[..6].ToUpperInvariant();
        var release = $"Queen.of.Tears.S01E0{id.Length % 9}.1080p.WEB-DL-{group}";
        await SeenAsync(platform, wallet, infoHash, release, group);

        foreach (var q in new[] { wallet, "wallet-bitcoin:" + wallet, wallet[..20] })
        {
            var identifiers = await SearchAsync(fixture.Analyst, q, "identifier");
            var hit = Assert.Single(identifiers, i => Text(i, "title") == wallet);
            Assert.Equal("wallet-bitcoin:" + wallet, Text(hit, "id"));
            Assert.Equal("/Pivot?id=" + Uri.EscapeDataString("wallet-bitcoin:" + wallet), Text(hit, "href"));
            Assert.Equal("GREEN", Text(hit, "tlp"));
            Assert.Contains("Bitcoin wallet", Text(hit, "subtitle"));
        }
        var hashes = await SearchAsync(fixture.Analyst, infoHash.ToUpperInvariant(), "identifier");
        var found = Assert.Single(hashes);
        Assert.Equal("infohash:" + infoHash, Text(found, "id"));
        Assert.Equal("/Pivot?id=" + Uri.EscapeDataString("infohash:" + infoHash), Text(found, "href"));

        var groups = await SearchAsync(fixture.Analyst, group, "release-group");
        var g = Assert.Single(groups);
        Assert.Equal("/Releases?group=" + group, Text(g, "href"));
        Assert.Equal("1 releases on 1 platforms", Text(g, "subtitle"));
        var releases = await SearchAsync(fixture.Analyst, release.Replace('.', ' '), "release");
        var r = Assert.Single(releases);
        Assert.Equal(release, Text(r, "title"));
        Assert.Equal("/Releases/Detail?name=" + Uri.EscapeDataString(release), Text(r, "href"));
    }

    [Fact]
    public async Task Another_organisation_finds_only_what_TLP_lets_it_see_and_counts_nothing_else()
    {
        await StartAsync();
        var id = Unique;
        var stranger = fixture.App.ClientWithToken((await fixture.App.MemberAsync($"stranger-{id}@isp.test", $"ISP {id}", OrganisationKind.Intermediary, MemberRole.Analyst)).Token);
        var name = "Zebrafish " + id;
        var red = await PlatformAsync(fixture.Analyst, name + " red", $"zebra-red-{id}.test", "RED");
        var amber = await PlatformAsync(fixture.Analyst, name + " amber", $"zebra-amber-{id}.test", "AMBER");
        var green = await PlatformAsync(fixture.Analyst, name + " green", $"zebra-green-{id}.test", "GREEN");
        var shared = "bc1qshared" + id;
        var secret = "bc1qsecret" + id;
        await SeenAsync(red, shared, release: $"Zebra.{id}.S01E01.1080p.WEB-DL-ZEBRA{id}", group: "ZEBRA" + id);
        await SeenAsync(green, shared);
        await SeenAsync(amber, secret);
        var caseId = await CreateAsync(fixture.Analyst, "/api/v1/cases", JsonSerializer.Serialize(new { title = name + " case", summary = "Who runs the zebra sites", tlp = "AMBER" }));

        var mine = await SearchAsync(fixture.Analyst, name);
        Assert.Equal(new[] { red, amber, green }.Order(), mine.Where(r => Text(r, "kind") == "platform").Select(r => Guid.Parse(Text(r, "id"))).Order());
        Assert.Contains(mine, r => Text(r, "kind") == "case" && Text(r, "id") == caseId.ToString() && Text(r, "href") == $"/Cases/{caseId}");
        var myWallet = Assert.Single(await SearchAsync(fixture.Analyst, shared, "identifier"));
        Assert.Equal("RED", Text(myWallet, "tlp"));
        Assert.Contains("on 2 platforms", Text(myWallet, "subtitle"));
        Assert.Single(await SearchAsync(fixture.Analyst, "ZEBRA" + id, "release-group"));

        var theirs = await SearchAsync(stranger, name);
        var platform = Assert.Single(theirs, r => Text(r, "kind") == "platform");
        Assert.Equal(green.ToString(), Text(platform, "id"));
        Assert.Equal("GREEN", Text(platform, "tlp"));
        Assert.Equal([$"zebra-green-{id}.test"], (await SearchAsync(stranger, $"zebra-{id}", "domain")).Select(d => Text(d, "id")));
        Assert.Equal(3, (await SearchAsync(fixture.Analyst, $"zebra-{id}", "domain")).Count);
        Assert.DoesNotContain(theirs, r => Text(r, "kind") == "case");
        var json = JsonSerializer.Serialize(theirs);
        Assert.DoesNotContain(" red", json);
        Assert.DoesNotContain(" amber", json);
        Assert.DoesNotContain("zebra-red", json);
        Assert.DoesNotContain("zebra-amber", json);
        // The wallet seen on a RED and a GREEN platform: found through the GREEN one only, counted once, and GREEN.
        var theirWallet = Assert.Single(await SearchAsync(stranger, shared, "identifier"));
        Assert.Equal("GREEN", Text(theirWallet, "tlp"));
        Assert.EndsWith("on 1 platform", Text(theirWallet, "subtitle"));
        Assert.Empty(await SearchAsync(stranger, secret));
        Assert.Empty(await SearchAsync(stranger, "ZEBRA" + id, "release-group"));
        Assert.Empty(await SearchAsync(stranger, $"Zebra.{id}.S01E01", "release"));
    }

    [Fact]
    public async Task A_query_too_long_is_refused_with_a_clear_message_and_an_empty_one_finds_nothing()
    {
        await StartAsync();
        var tooLong = await fixture.Analyst.GetAsync("/api/v1/search?q=" + new string('a', 201), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.Contains("the query is too long: at most 200 characters, got 201", await tooLong.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.GetAsync("/api/v1/search?q=" + new string('a', 200), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/search?q=a&limit=0", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/search?q=a&limit=many", Ct)).StatusCode);

        foreach (var q in new[] { "", "   ", "?!… -", "\u200b" })
            Assert.Empty(await SearchAsync(fixture.Analyst, q));
        var none = await fixture.Analyst.GetFromJsonAsync<JsonElement>("/api/v1/search", Ct);
        Assert.Equal("", none.GetProperty("query").GetString());
        Assert.Equal(0, none.GetProperty("results").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync("/api/v1/search?q=queen", Ct)).StatusCode);
        // Invalid or hostile Unicode is searched for, not an error.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.GetAsync("/api/v1/search?q=%ED%A0%80%25_%5C" + Uri.EscapeDataString("'; DROP TABLE \"Works\"; --"), Ct)).StatusCode);
    }

    [Fact]
    public async Task The_search_page_lists_results_by_kind_with_links_in_the_readers_language()
    {
        await StartAsync();
        var id = Unique;
        var (member, _, password) = await fixture.App.MemberAsync($"page-{id}@studio.test", "Studio", OrganisationKind.RightsHolder, MemberRole.Viewer);
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Forms.SignInAsync(browser, member.Email!, password);
        var work = await WorkAsync(fixture.Analyst, "PG" + id, "GREEN", ("선재 업고 튀어 " + id, "ko"));
        var platform = await PlatformAsync(fixture.Analyst, "선재 " + id, $"sunjae-{id}.test", "GREEN");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/Search?q=" + Uri.EscapeDataString("선재업고튀어 " + id));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("ko"));
        var response = await browser.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains($"href=\"/Catalogue?q=PG{id}\"", html, StringComparison.Ordinal);
        Assert.Contains("선재 업고 튀어 " + id, html, StringComparison.Ordinal);
        Assert.Contains("작품", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        // The navbar's search box is an accessible combobox whose suggestions come from search.js.
        Assert.Contains("role=\"combobox\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-controls=\"site-search-list\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/search.js", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/Search\"", html, StringComparison.Ordinal);

        var platforms = await browser.GetStringAsync("/Search?q=" + Uri.EscapeDataString("선재 " + id), Ct);
        Assert.Contains($"href=\"/Platforms/{platform}\"", platforms, StringComparison.Ordinal);
        Assert.Contains("TLP:GREEN", platforms, StringComparison.Ordinal);
        Assert.Contains("Nothing you may see matches", await browser.GetStringAsync("/Search?q=nothing-at-all-" + id, Ct), StringComparison.Ordinal);
        var tooLong = await browser.GetAsync("/Search?q=" + new string('x', 201), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("The query is too long: at most 200 characters.", await tooLong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, work);
    }
}

public sealed class SqliteSearchTests(SqliteApp fixture) : SearchTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresSearchTests(PostgresApp fixture) : SearchTests(fixture), IClassFixture<PostgresApp>;
