using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Awareness;
using Isop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Awareness;

/// <summary>
/// The public site check through the API, on SQLite and PostgreSQL: verdicts from TLP:CLEAR data only, a record at
/// any other TLP answered exactly as an unknown name (status, bytes, headers), legal services and offers, caching and CORS.
/// </summary>
public abstract class PublicCheckTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    private Task<HttpResponseMessage> CheckAsync(string url, string extra = "") =>
        fixture.Anonymous.GetAsync($"/api/public/v1/check?url={Uri.EscapeDataString(url)}{extra}", Ct);

    /// <summary>Everything a caller can observe of an answer but the time it was sent.</summary>
    private static async Task<string> ObservedAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {string.Join(",", h.Value)}");
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{await response.Content.ReadAsStringAsync(Ct)}";
    }

    private async Task<Guid> PlatformAsync(string domain, string tlp, string kind = "streaming-site")
    {
        var created = await fixture.Analyst.PostAsync("/api/v1/platforms", Json($$"""{"name":"Site {{Unique}}","kind":"{{kind}}","domains":["{{domain}}"],"tlp":"{{tlp}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_platform_at_any_TLP_but_CLEAR_is_answered_exactly_as_a_name_no_one_recorded()
    {
        fixture.Require();
        var domain = $"hidden-{Unique}.test";
        var unknown = await ObservedAsync(await CheckAsync($"https://www.{domain}/watch?id=1"));
        Assert.Contains("\"verdict\":\"unknown\"", unknown, StringComparison.Ordinal);
        var platform = await PlatformAsync(domain, "AMBER");
        var index = fixture.App.Services.GetRequiredService<PublicIndex>();
        Assert.True(SiteInput.TryRead(domain, out var input, out _));
        foreach (var tlp in new[] { "AMBER", "AMBER+STRICT", "GREEN", "RED" })
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PutAsync($"/api/v1/platforms/{platform}", Json($$"""{"tlp":"{{tlp}}"}"""), Ct)).StatusCode);
            Assert.Equal(unknown, await ObservedAsync(await CheckAsync($"https://www.{domain}/watch?id=1")));
            // Not in the index at all: the lookup is the very one an unknown name gets.
            Assert.Null((await index.CurrentAsync(Ct)).Find(input).Entry);
        }
        // Made public, it is known at once, with its kind and since when.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PutAsync($"/api/v1/platforms/{platform}", Json("""{"tlp":"CLEAR"}"""), Ct)).StatusCode);
        var known = await (await CheckAsync($"HTTPS://M.{domain.ToUpperInvariant()}.:443/watch?utm_source=x")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("piracy", known.GetProperty("verdict").GetString());
        Assert.Equal($"m.{domain}", known.GetProperty("domain").GetString());
        Assert.Equal("streaming-site", known.GetProperty("kind").GetString());
        Assert.True(known.GetProperty("since").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        Assert.Equal(1, known.GetProperty("networkSize").GetInt32());
        Assert.Contains("malware", known.GetProperty("riskCodes").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(known.GetProperty("riskCodes").GetArrayLength(), known.GetProperty("risks").GetArrayLength());
    }

    [Fact]
    public async Task Decisions_darkness_legal_services_and_offers_count_only_when_they_are_CLEAR_and_are_said_in_three_languages()
    {
        fixture.Require();
        var domain = $"blocked-{Unique}.test";
        var platform = await PlatformAsync(domain, "CLEAR", "iptv-seller");
        var police = await fixture.App.MemberAsync($"police-{Unique}@police.test", $"Police {Unique}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var policeClient = fixture.App.ClientWithToken(police.Token);
        // A decision shared at AMBER changes nothing the public sees.
        var before = await ObservedAsync(await CheckAsync(domain));
        Assert.Equal(HttpStatusCode.Created, (await policeClient.PostAsync("/api/v1/decisions",
            Json($$"""{"platformId":"{{platform}}","jurisdiction":"KR","basis":"order","decidedBy":"KCSC","tlp":"AMBER"}"""), Ct)).StatusCode);
        Assert.Equal(before, await ObservedAsync(await CheckAsync(domain)));
        Assert.Equal(HttpStatusCode.Created, (await policeClient.PostAsync("/api/v1/decisions",
            Json($$"""{"platformId":"{{platform}}","jurisdiction":"FR","basis":"ordonnance","decidedBy":"Arcom","tlp":"CLEAR"}"""), Ct)).StatusCode);
        var blocked = await (await CheckAsync(domain, "&lang=fr")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("blocked", blocked.GetProperty("verdict").GetString());
        Assert.Equal("FR", Assert.Single(blocked.GetProperty("blocked").EnumerateArray()).GetProperty("jurisdiction").GetString());
        Assert.Equal("Un site pirate bloqué par les autorités", blocked.GetProperty("headline").GetString());
        Assert.Contains("payment", blocked.GetProperty("riskCodes").EnumerateArray().Select(r => r.GetString()));
        var korean = new HttpRequestMessage(HttpMethod.Get, $"/api/public/v1/check?url={domain}");
        korean.Headers.AcceptLanguage.ParseAdd("ko-KR,ko;q=0.9");
        var ko = await (await fixture.Anonymous.SendAsync(korean, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("당국이 차단한 불법 사이트", ko.GetProperty("headline").GetString());
        Assert.Equal("ko", ko.GetProperty("language").GetString());

        // Dark: taken down, since then.
        var dark = $"gone-{Unique}.test";
        var gone = await PlatformAsync(dark, "CLEAR");
        await using (var db = fixture.App.SystemDb())
        {
            var p = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Platforms, x => x.Id == gone, Ct);
            p.Domains[0].DarkSince = DateTimeOffset.UtcNow.AddDays(-2);
            await db.SaveChangesAsync(Ct);
        }
        var down = await (await CheckAsync(dark)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("taken-down", down.GetProperty("verdict").GetString());
        Assert.NotEqual(JsonValueKind.Null, down.GetProperty("takenDownSince").ValueKind);

        // A legal service: on the allow-list, or the host of a CLEAR work's legal offer; the offers a platform's works have.
        var admin = await fixture.App.MemberAsync($"admin-{Unique}@secretariat.test", "I-SOP Secretariat", OrganisationKind.Secretariat, MemberRole.Admin);
        var licensed = $"licensed-{Unique}.test";
        Assert.Equal(HttpStatusCode.Created, (await fixture.App.ClientWithToken(admin.Token).PostAsync("/api/v1/allow-list", Json($$"""{"domain":"{{licensed}}","reason":"internal note"}"""), Ct)).StatusCode);
        var legal = await (await CheckAsync($"https://www.{licensed}/")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("legal", legal.GetProperty("verdict").GetString());
        Assert.DoesNotContain("internal note", legal.GetRawText(), StringComparison.Ordinal);
        // Legitimate, not licensed: the allow-list holds news sites and wikis too.
        Assert.Equal("A known legitimate site", legal.GetProperty("headline").GetString());

        var id = Unique;
        var offered = await fixture.Analyst.PostAsync("/api/v1/works", Json($$"""
            {"id":"W-{{id}}","kind":"series","titles":[{"text":"눈물의 여왕 {{id}}","lang":"ko"},{"text":"Queen of Tears {{id}}","lang":"en"}],"tlp":"AMBER",
             "offers":[{"service":"Stream {{id}}","url":"https://watch-{{id}}.test/title/1","countries":["kr","FR"]},{"service":"Everywhere {{id}}","url":"https://all-{{id}}.test/t"}]}
            """), Ct);
        Assert.True(offered.StatusCode == HttpStatusCode.Created, await offered.Content.ReadAsStringAsync(Ct));
        var work = await offered.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["KR", "FR"], work.GetProperty("offers")[0].GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        var workId = work.GetProperty("id").GetGuid();
        var site = $"pirate-{id}.test";
        var pirate = await PlatformAsync(site, "CLEAR");
        await using (var db = fixture.App.SystemDb())
        {
            var run = Guid.NewGuid();
            db.Observations.Add(new Isop.Monitoring.Observation
            {
                Id = Guid.NewGuid(), PlatformId = pirate, Key = $"k-{id}", Text = $"Queen of Tears {id} E01", Href = $"https://{site}/watch/1", Kind = "item", PageUrl = $"https://{site}/",
                FirstSeen = DateTimeOffset.UtcNow, LastSeen = DateTimeOffset.UtcNow, FirstRunId = run, LastRunId = run,
            });
            db.Recognitions.Add(new Isop.Monitoring.Recognition { PlatformId = pirate, Key = $"k-{id}", WorkId = workId, AboutWorkId = workId, Confidence = 0.9, SeenAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }
        // An AMBER work's offers stay unseen, and its service is not called legal.
        var hidden = await (await CheckAsync(site)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(0, hidden.GetProperty("alternatives").GetArrayLength());
        Assert.Equal("unknown", (await (await CheckAsync($"watch-{id}.test")).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("verdict").GetString());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PutAsync($"/api/v1/works/{workId}", Json($$"""
            {"id":"W-{{id}}","kind":"series","titles":[{"text":"눈물의 여왕 {{id}}","lang":"ko"},{"text":"Queen of Tears {{id}}","lang":"en"}],"tlp":"CLEAR",
             "offers":[{"service":"Stream {{id}}","url":"https://watch-{{id}}.test/title/1","countries":["KR","FR"]},{"service":"Everywhere {{id}}","url":"https://all-{{id}}.test/t"}]}
            """), Ct)).StatusCode);
        await fixture.App.Services.GetRequiredService<PublicIndex>().RebuildAsync(Ct);
        var shown = await (await CheckAsync(site, "&country=KR&lang=en")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var alternatives = shown.GetProperty("alternatives").EnumerateArray().ToList();
        Assert.Equal(2, alternatives.Count);
        Assert.Contains(alternatives, a => a.GetProperty("service").GetString() == $"Stream {id}" && a.GetProperty("country").GetString() == "KR"
            && a.GetProperty("work").GetString() == $"Queen of Tears {id}" && a.GetProperty("url").GetString() == $"https://watch-{id}.test/title/1");
        Assert.Contains(alternatives, a => a.GetProperty("service").GetString() == $"Everywhere {id}" && a.GetProperty("country").ValueKind == JsonValueKind.Null);
        Assert.Single((await (await CheckAsync(site, "&country=US")).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("alternatives").EnumerateArray());
        var service = await (await CheckAsync($"https://watch-{id}.test/title/1")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("legal", service.GetProperty("verdict").GetString());
        Assert.Equal($"Stream {id}", service.GetProperty("legalService").GetString());
        Assert.Equal("A known legal service", service.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Answers_are_cacheable_readable_from_any_origin_and_wrong_questions_are_told_what_was_expected()
    {
        fixture.Require();
        var response = await CheckAsync("<script>alert(1)</script>.test");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _));
        Assert.True((await (await fixture.Anonymous.GetAsync("/api/public/v1/check?url=a.test&lang=de&country=XX", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("country", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Anonymous.GetAsync("/api/public/v1/check", Ct)).StatusCode);

        var hostile = $"https://quiet-{Unique}.test/?q=<img src=x onerror=alert(1)>&x=\"'";
        var ok = await CheckAsync(hostile);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var raw = await ok.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<img", raw, StringComparison.Ordinal);
        Assert.Equal(hostile, JsonDocument.Parse(raw).RootElement.GetProperty("input").GetString());
        Assert.Equal("*", ok.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.True(ok.Headers.CacheControl?.Public);
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/public/v1/check?url={Uri.EscapeDataString(hostile)}");
        again.Headers.IfNoneMatch.Add(ok.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Anonymous.SendAsync(again, Ct)).StatusCode);
        var preflight = await fixture.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/public/v1/check"), Ct);
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Contains("GET", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_page_answers_in_the_readers_language_and_shows_a_hostile_input_as_text()
    {
        fixture.Require();
        var domain = $"page-{Unique}.test";
        await PlatformAsync(domain, "CLEAR", "torrent-index");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/check?url={domain}");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR");
        var page = await (await fixture.Anonymous.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-verdict=\"piracy\"", page, StringComparison.Ordinal);
        Assert.Contains("Un site pirate connu", page, StringComparison.Ordinal);
        Assert.Contains("Index de torrents", page, StringComparison.Ordinal);
        var hostile = await fixture.Anonymous.GetStringAsync($"/check?url={Uri.EscapeDataString("\"><script>alert(1)</script>")}", Ct);
        Assert.DoesNotContain("<script>alert(1)", hostile, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"problem\"", hostile, StringComparison.Ordinal);
    }

    private async Task<JsonElement> StatsAsync(string extra = "")
    {
        var response = await fixture.Anonymous.GetAsync($"/api/public/v1/stats{extra}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.NotNull(response.Headers.ETag);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>The statistics without the moment they were counted.</summary>
    private static string Figures(JsonElement stats) =>
        JsonSerializer.Serialize(stats.EnumerateObject().Where(p => p.Name != "generatedAt").ToDictionary(p => p.Name, p => p.Value));

    private static int MonthFound(JsonElement stats) => stats.GetProperty("months").EnumerateArray().Last().GetProperty("found").GetInt32();

    [Fact]
    public async Task The_statistics_count_CLEAR_records_only_and_move_when_one_is_made_public()
    {
        fixture.Require();
        var before = await StatsAsync();
        Assert.Equal(12, before.GetProperty("months").GetArrayLength());
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), before.GetProperty("months").EnumerateArray().Last().GetProperty("month").GetString());

        // A platform at GREEN, and a decision about it: not one figure moves.
        var domain = $"stats-{Unique}.test";
        var platform = await PlatformAsync(domain, "GREEN", "cyberlocker");
        var police = await fixture.App.MemberAsync($"stats-{Unique}@police.test", $"Police {Unique}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        Assert.Equal(HttpStatusCode.Created, (await fixture.App.ClientWithToken(police.Token).PostAsync("/api/v1/decisions",
            Json($$"""{"platformId":"{{platform}}","jurisdiction":"BE","basis":"order","decidedBy":"Court","tlp":"GREEN"}"""), Ct)).StatusCode);
        Assert.Equal(Figures(before), Figures(await StatsAsync()));

        // Made public: one more platform (this month, of its kind); with a public decision, blocked in Belgium.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PutAsync($"/api/v1/platforms/{platform}", Json("""{"tlp":"CLEAR"}"""), Ct)).StatusCode);
        var made = await StatsAsync();
        Assert.Equal(before.GetProperty("platforms").GetInt32() + 1, made.GetProperty("platforms").GetInt32());
        Assert.Equal(before.GetProperty("blocked").GetInt32(), made.GetProperty("blocked").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await fixture.App.ClientWithToken(police.Token).PostAsync("/api/v1/decisions",
            Json($$"""{"platformId":"{{platform}}","jurisdiction":"BE","basis":"order","decidedBy":"Court","tlp":"CLEAR"}"""), Ct)).StatusCode);
        var after = await StatsAsync("?lang=ko");
        Assert.Equal(before.GetProperty("platforms").GetInt32() + 1, after.GetProperty("platforms").GetInt32());
        Assert.Equal(MonthFound(before) + 1, MonthFound(after));
        Assert.Equal(before.GetProperty("blocked").GetInt32() + 1, after.GetProperty("blocked").GetInt32());
        Assert.Contains(after.GetProperty("blockedIn").EnumerateArray(), b => b.GetProperty("jurisdiction").GetString() == "BE");
        var kind = after.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "cyberlocker");
        Assert.Equal("사이버락커", kind.GetProperty("label").GetString());
        Assert.Equal("ko", after.GetProperty("language").GetString());

        // The page: the same figures, in the reader's language, with its charts' data on the page itself.
        var request = new HttpRequestMessage(HttpMethod.Get, "/stats");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR");
        var page = await (await fixture.Anonymous.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Les sites pirates en chiffres", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"figure-platforms\">{after.GetProperty("platforms").GetInt32():N0}<", page.Replace("\u202F", " ", StringComparison.Ordinal).Replace("\u00A0", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("id=\"stats-data\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_link_monitoring_followed_answers_for_its_site_only_once_the_site_is_CLEAR()
    {
        fixture.Require();
        var domain = $"short-{Unique}.test";
        var platform = await PlatformAsync(domain, "GREEN");
        var code = $"Ab{Unique}";
        var link = $"https://bit.ly/{code}/?utm_source=chat";
        var unseen = await ObservedAsync(await CheckAsync(link));
        var body = JsonDocument.Parse(unseen[unseen.IndexOf("\n\n", StringComparison.Ordinal)..]).RootElement;
        Assert.Equal("unknown", body.GetProperty("verdict").GetString());
        Assert.True(body.GetProperty("shortener").GetBoolean());
        Assert.Contains("never opens links", body.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        // Monitoring followed it to the site (a start page that was the short link).
        await using (var db = fixture.App.SystemDb())
        {
            await ShortLinks.RecordAsync(db, platform, [new Isop.Operations.SeedResult("bit.ly", $"https://bit.ly/{code}", $"https://www.{domain}/home", 200, "ok", null, null, false, 3, "a.warc.gz", 0, "r.warc.gz", 10)],
                DateTimeOffset.UtcNow, Ct);
            Assert.Equal(domain, (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ShortLinks, s => s.PlatformId == platform, Ct)).TargetHost);
        }
        // The platform is GREEN: the public hears what it heard before.
        Assert.Equal(unseen, await ObservedAsync(await CheckAsync(link)));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PutAsync($"/api/v1/platforms/{platform}", Json("""{"tlp":"CLEAR"}"""), Ct)).StatusCode);
        var known = await (await CheckAsync(link)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("piracy", known.GetProperty("verdict").GetString());
        Assert.Equal(domain, known.GetProperty("domain").GetString());
        Assert.Equal($"bit.ly/{code}", known.GetProperty("shortLink").GetString());
        // Another code of the same shortener, or the same code in another case, is another link.
        Assert.Equal("unknown", (await (await CheckAsync($"bit.ly/{code.ToUpperInvariant()}")).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task An_answer_served_from_memory_is_the_endpoints_to_the_byte_and_header()
    {
        fixture.Require();
        var domain = $"cached-{Unique}.test";
        await PlatformAsync(domain, "CLEAR");
        var cache = fixture.App.Services.GetRequiredService<PublicAnswerCache>();
        var url = $"https://{domain}/x?utm_source={Unique}";
        var computed = await ObservedAsync(await CheckAsync(url, "&lang=ko"));
        var hits = cache.Hits;
        Assert.Equal(computed, await ObservedAsync(await CheckAsync(url, "&lang=ko")));
        Assert.Equal(hits + 1, cache.Hits);
        // Another language is another question; a change of what the public may see is a new index.
        Assert.NotEqual(computed, await ObservedAsync(await CheckAsync(url, "&lang=fr")));
        await PlatformAsync($"other-{Unique}.test", "CLEAR");
        hits = cache.Hits;
        Assert.Equal(computed, await ObservedAsync(await CheckAsync(url, "&lang=ko")));
        Assert.Equal(hits, cache.Hits);
    }

    [Fact]
    public async Task A_public_site_made_GREEN_is_unknown_at_once_and_a_hidden_change_does_not_rebuild_the_index()
    {
        fixture.Require();
        var domain = $"unpublished-{Unique}.test";
        var platform = await PlatformAsync(domain, "CLEAR");
        Assert.Equal("piracy", (await (await CheckAsync(domain)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("verdict").GetString());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PutAsync($"/api/v1/platforms/{platform}", Json("""{"tlp":"GREEN"}"""), Ct)).StatusCode);
        Assert.Equal("unknown", (await (await CheckAsync(domain)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("verdict").GetString());

        // Edits of a GREEN record do not mark the public index changed (it is not even built again for them).
        var database = fixture.App.Services.GetRequiredService<Isop.Data.DatabaseSettings>().ConnectionString;
        var before = PublicIndex.VersionOf(database);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PutAsync($"/api/v1/platforms/{platform}", Json($$"""{"description":"edited {{Unique}}","domains":["{{domain}}","more-{{Unique}}.test"]}"""), Ct)).StatusCode);
        Assert.Equal(before, PublicIndex.VersionOf(database));
    }
}

public sealed class SqlitePublicCheckTests(SqliteApp app) : PublicCheckTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPublicCheckTests(PostgresApp app) : PublicCheckTests(app), IClassFixture<PostgresApp>;
