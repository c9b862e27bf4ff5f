using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Catalogue;

public abstract class CatalogueMatchApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Catalogue = """
        {"works": [
          {"id": "MK001", "kind": "series", "year": 2024, "episodes": 16, "titles": [{"text": "눈물의 여왕", "lang": "ko"}, {"text": "Queen of Tears", "lang": "en"}, {"text": "La Reine des larmes", "lang": "fr"}]},
          {"id": "MF002", "kind": "film", "year": 2003, "titles": [{"text": "올드보이", "lang": "ko"}, {"text": "Oldboy", "lang": "en"}]}
        ]}
        """;

    private async Task<JsonElement[]> MatchAsync(HttpClient client, params string[] listings)
    {
        var response = await client.PostAsJsonAsync("/api/v1/catalogue/match", new { listings }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("results").EnumerateArray().ToArray();
    }

    [Fact]
    public async Task Pasted_listings_are_matched_with_episode_confidence_and_reasons()
    {
        fixture.Require();
        var import = await fixture.Analyst.PostAsync("/api/v1/catalogue/import", new StringContent(Catalogue, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var results = await MatchAsync(fixture.Analyst,
            "눈물의 여왕 5회 다시보기", "Regarder La Reine des larmes épisode 3 VOSTFR", "Oldboy.2013.1080p.BluRay.x264-SPARKS", "Oldboy (2003) streaming VF");
        Assert.Equal("MK001", results[0].GetProperty("work").GetProperty("externalId").GetString());
        Assert.Equal(5, results[0].GetProperty("episode").GetInt32());
        Assert.True(results[0].GetProperty("confidence").GetDouble() >= 0.9);
        Assert.Equal("MK001", results[1].GetProperty("work").GetProperty("externalId").GetString());
        Assert.Equal(3, results[1].GetProperty("episode").GetInt32());
        Assert.Equal(JsonValueKind.Null, results[2].GetProperty("work").ValueKind);
        Assert.Contains(results[2].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("2013", StringComparison.Ordinal));
        Assert.Equal("MF002", results[3].GetProperty("work").GetProperty("externalId").GetString());
    }

    [Theory]
    [InlineData("en", "rejected: the listing says 2013, ", "abstained: confidence below")]
    [InlineData("fr", "rejeté : l'annonce indique 2013, ", "abstention : confiance inférieure à")]
    [InlineData("ko", "거부: 게시물은 2013년이라 하고", "보류: 신뢰도가")]
    public async Task Reasons_have_codes_and_read_in_the_callers_language(string language, string rejected, string abstained)
    {
        fixture.Require();
        var import = await fixture.Analyst.PostAsync("/api/v1/catalogue/import", new StringContent(Catalogue, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/catalogue/match") { Content = JsonContent.Create(new { listings = new[] { "Oldboy.2013.1080p.BluRay.x264-SPARKS" } }) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await fixture.Analyst.SendAsync(request, Ct);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("results")[0];
        var reasons = result.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith(rejected, StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith(abstained, StringComparison.Ordinal));
        // The same reasons as codes and parameters, whatever the language.
        var why = result.GetProperty("why").EnumerateArray().ToList();
        Assert.Equal(reasons.Count, why.Count);
        var year = why.Single(w => w.GetProperty("code").GetString() == "rejected.year");
        Assert.Equal(["2013", "올드보이 (MF002)", "2003"], year.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(reasons[why.IndexOf(year)], year.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Seasons_are_imported_attributed_exported_and_unchanged_on_reimport()
    {
        fixture.Require();
        var id = $"SH{Guid.NewGuid():N}"[..12];
        var catalogue = $$"""
            {"works": [{"id": "{{id}}", "kind": "series", "year": 2020,
              "titles": [{"text": "스위트홈", "lang": "ko"}, {"text": "Sweet Home", "lang": "en"}],
              "seasons": [{"number": 1, "episodes": 10, "year": 2020}, {"number": 2, "episodes": 8, "year": 2023, "titles": [{"text": "스위트홈 2", "lang": "ko"}]}]}]}
            """;
        var first = await fixture.Analyst.PostAsync("/api/v1/catalogue/import", new StringContent(catalogue, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var results = await MatchAsync(fixture.Analyst, "Sweet.Home.S02E05.1080p.NF.WEB-DL.x264-GRP", "스위트홈 2 3화 다시보기", "Sweet.Home.S03E02.1080p.NF.WEB-DL.x264-GRP");
        Assert.Equal((2, 5), (results[0].GetProperty("season").GetInt32(), results[0].GetProperty("episode").GetInt32()));
        Assert.Equal((2, 3), (results[1].GetProperty("season").GetInt32(), results[1].GetProperty("episode").GetInt32()));
        Assert.Equal(JsonValueKind.Null, results[2].GetProperty("work").ValueKind);
        Assert.Contains(results[2].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("season 3 is not in the catalogue", StringComparison.Ordinal));

        var export = await fixture.Analyst.GetStringAsync($"/api/v1/catalogue/export?q={id}", Ct);
        var exported = JsonDocument.Parse(export).RootElement.GetProperty("works")[0];
        Assert.Equal(18, exported.GetProperty("episodes").GetInt32());
        Assert.Equal(2, exported.GetProperty("seasons").GetArrayLength());
        var again = await fixture.Analyst.PostAsync("/api/v1/catalogue/import", new StringContent(export, Encoding.UTF8, "application/json"), Ct);
        var counts = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((0, 0, 1), (counts.GetProperty("created").GetInt32(), counts.GetProperty("updated").GetInt32(), counts.GetProperty("unchanged").GetInt32()));

        var list = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/works?q={id}", Ct);
        var seasons = list.GetProperty("items")[0].GetProperty("seasons");
        Assert.Equal("스위트홈 2", seasons[1].GetProperty("titles")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Only_works_the_caller_may_see_are_recognised()
    {
        fixture.Require();
        var (_, otherToken, _) = await fixture.App.MemberAsync($"{Guid.NewGuid():N}@rival.test", $"Rival {Guid.NewGuid():N}", OrganisationKind.RightsHolder, MemberRole.Analyst);
        var rival = fixture.App.ClientWithToken(otherToken);
        var created = await rival.PostAsJsonAsync("/api/v1/works", new
        {
            id = "SECRET1", kind = "film", year = 2023, tlp = "AMBER",
            titles = new[] { new { text = "Concrete Utopia", lang = "en" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mine = await MatchAsync(fixture.Analyst, "Concrete.Utopia.2023.1080p.WEB-DL.x264-GRP");
        Assert.Equal(JsonValueKind.Null, mine[0].GetProperty("work").ValueKind);
        var theirs = await MatchAsync(rival, "Concrete.Utopia.2023.1080p.WEB-DL.x264-GRP");
        Assert.Equal("SECRET1", theirs[0].GetProperty("work").GetProperty("externalId").GetString());
    }

    [Fact]
    public async Task Hostile_text_is_answered_not_crashed_on()
    {
        fixture.Require();
        var lone = await fixture.Analyst.PostAsync("/api/v1/catalogue/match",
            new StringContent("{\"listings\": [\"\\ud800 Queen of Tears\", \"\\u202e 5회\"]}", Encoding.UTF8, "application/json"), Ct);
        Assert.True(lone.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{lone.StatusCode}: {await lone.Content.ReadAsStringAsync(Ct)}");
        var huge = await MatchAsync(fixture.Analyst, new string('x', 100_000));
        Assert.Equal(JsonValueKind.Null, huge[0].GetProperty("work").ValueKind);
    }

    [Fact]
    public async Task Requests_without_listings_or_with_too_many_are_refused_by_field()
    {
        fixture.Require();
        var empty = await fixture.Analyst.PostAsJsonAsync("/api/v1/catalogue/match", new { listings = Array.Empty<string>() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var many = await fixture.Analyst.PostAsJsonAsync("/api/v1/catalogue/match", new { listings = Enumerable.Repeat("x", 1001).ToArray() }, Ct);
        var errors = (await many.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("at most 1000 listings per request", errors.GetProperty("listings")[0].GetString());
    }
}

public sealed class SqliteCatalogueMatchApiTests(SqliteApp app) : CatalogueMatchApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCatalogueMatchApiTests(PostgresApp app) : CatalogueMatchApiTests(app), IClassFixture<PostgresApp>;
