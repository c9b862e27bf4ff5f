using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Data;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Catalogue;

public abstract class CatalogueApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Catalogue(int count, string prefix, string variant = "") =>
        "{\"works\": [" + string.Join(",", Enumerable.Range(0, count).Select(i =>
            $$"""{"id": "{{prefix}}{{i}}", "kind": "series", "year": 2019, "episodes": 16, "titles": [{"text": "사랑의 불시착 {{i}}{{variant}}", "lang": "ko"}, {"text": "Crash Landing on You {{i}}", "lang": "en"}], "aliases": ["CLOY"], "rightsHolder": "Studio Dragon"}""")) + "]}";

    private async Task<JsonElement> ImportAsync(string json, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await fixture.Analyst.PostAsync("/api/v1/catalogue/import", Json(json), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(expected == response.StatusCode, body.ToString());
        return body;
    }

    private async Task<int> CountAsync(string q) =>
        (await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/works/count?q={Uri.EscapeDataString(q)}", Ct)).GetProperty("count").GetInt32();

    [Fact]
    public async Task Import_is_idempotent_by_id_and_reports_what_changed()
    {
        fixture.Require();
        var first = await ImportAsync(Catalogue(5, "IDEM"));
        Assert.Equal(5, first.GetProperty("created").GetInt32());
        var again = await ImportAsync(Catalogue(5, "IDEM"));
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(5, again.GetProperty("unchanged").GetInt32());
        var changed = await ImportAsync(Catalogue(5, "IDEM").Replace("사랑의 불시착 3", "사랑의 불시착 3 (re-titled)", StringComparison.Ordinal));
        Assert.Equal(1, changed.GetProperty("updated").GetInt32());
        Assert.Equal(4, changed.GetProperty("unchanged").GetInt32());
        Assert.Equal(5, await CountAsync("IDEM"));
        Assert.Equal(1, await CountAsync("re-titled"));
    }

    [Fact]
    public async Task A_catalogue_with_one_bad_work_imports_nothing_and_names_the_field()
    {
        fixture.Require();
        var json = Catalogue(50, "ATOM").Replace("\"id\": \"ATOM37\", \"kind\": \"series\"", "\"id\": \"ATOM37\", \"kind\": \"soap\"", StringComparison.Ordinal);
        var problem = await ImportAsync(json, HttpStatusCode.BadRequest);
        Assert.Equal("expected one of film, series, music, webtoon, got \"soap\"",
            problem.GetProperty("errors").GetProperty("works[37].kind")[0].GetString());
        Assert.Equal(0, await CountAsync("ATOM"));
    }

    [Fact]
    public async Task A_database_failure_midway_rolls_the_whole_import_back()
    {
        fixture.Require();
        // 2,500 works span three write batches; a trigger makes the database refuse the 2,200th.
        await using (var db = fixture.App.SystemDb())
        {
            var sql = fixture.Provider == Provider.Sqlite
                ? """CREATE TRIGGER refuse_roll BEFORE INSERT ON "Works" WHEN NEW."ExternalId" = 'ROLL2200' BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END;"""
                : """
                  CREATE FUNCTION refuse_roll() RETURNS trigger AS $$ BEGIN
                    IF NEW."ExternalId" = 'ROLL2200' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
                  CREATE TRIGGER refuse_roll BEFORE INSERT ON "Works" FOR EACH ROW EXECUTE FUNCTION refuse_roll();
                  """;
            await db.Database.ExecuteSqlRawAsync(sql, Ct);
        }
        long before;
        await using (var db = fixture.App.SystemDb()) before = (await db.AuditHeads.SingleAsync(Ct)).Sequence;

        var response = await fixture.Analyst.PostAsync("/api/v1/catalogue/import", Json(Catalogue(2500, "ROLL")), Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await CountAsync("ROLL"));
        await using (var db = fixture.App.SystemDb())
        {
            Assert.Equal(before, (await db.AuditHeads.SingleAsync(Ct)).Sequence);
            Assert.True((await AuditVerifier.VerifyAsync(db, null, Ct)).Intact);
            var drop = fixture.Provider == Provider.Postgres ? """DROP TRIGGER refuse_roll ON "Works" """ : "DROP TRIGGER refuse_roll";
            await db.Database.ExecuteSqlRawAsync(drop, Ct);
        }
    }

    [Fact]
    public async Task Works_are_created_read_updated_listed_and_deleted()
    {
        fixture.Require();
        var create = await fixture.Analyst.PostAsJsonAsync("/api/v1/works", new
        {
            id = "CRUD1", kind = "film", year = 2016,
            titles = new[] { new { text = "부산행", lang = "ko" }, new { text = "Train to Busan", lang = "en" }, new { text = "Dernier train pour Busan", lang = "fr" } },
            aliases = new[] { "Busanhaeng" }, rightsHolder = "Next Entertainment World", tlp = "AMBER",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var work = await create.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = work.GetProperty("id").GetGuid();
        Assert.Equal("AMBER", work.GetProperty("tlp").GetString());
        Assert.Equal($"/api/v1/works/{id}", create.Headers.Location?.ToString());

        var read = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/works/{id}", Ct);
        Assert.Equal("Dernier train pour Busan", read.GetProperty("titles")[2].GetProperty("text").GetString());

        var update = await fixture.Analyst.PutAsJsonAsync($"/api/v1/works/{id}", new
        {
            id = "CRUD1", kind = "film", year = 2016, titles = new[] { new { text = "부산행", lang = "ko" } }, tlp = "GREEN",
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updated = await update.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, updated.GetProperty("titles").GetArrayLength());
        Assert.Equal("GREEN", updated.GetProperty("tlp").GetString());

        var list = await fixture.Analyst.GetFromJsonAsync<JsonElement>("/api/v1/works?q=부산", Ct);
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        var duplicate = await fixture.Analyst.PostAsJsonAsync("/api/v1/works", new { id = "CRUD1", kind = "film", titles = new[] { new { text = "X", lang = "en" } } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Analyst.DeleteAsync($"/api/v1/works/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/api/v1/works/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Validation_errors_name_each_field()
    {
        fixture.Require();
        var response = await fixture.Analyst.PostAsync("/api/v1/works",
            Json("""{"id": "", "kind": "opera", "year": "1999", "titles": [{"text": "A", "lang": "??"}], "tlp": "PURPLE", "sharedWith": {"organisations": ["nope"]}}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("must not be empty", errors.GetProperty("id")[0].GetString());
        Assert.Equal("expected one of film, series, music, webtoon, got \"opera\"", errors.GetProperty("kind")[0].GetString());
        Assert.Equal("expected an integer, got the string \"1999\"", errors.GetProperty("year")[0].GetString());
        Assert.StartsWith("expected a BCP 47 language tag", errors.GetProperty("titles[0].lang")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED, got \"PURPLE\"", errors.GetProperty("tlp")[0].GetString());
        Assert.Equal("expected an id (UUID), got \"nope\"", errors.GetProperty("sharedWith.organisations[0]")[0].GetString());
    }

    [Fact]
    public async Task Malformed_JSON_bodies_are_problems_not_crashes()
    {
        fixture.Require();
        var response = await fixture.Analyst.PostAsync("/api/v1/works", Json("{\"id\": \"K1\",\n \"kind\": "), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var import = await fixture.Analyst.PostAsync("/api/v1/catalogue/import", Json("{\"works\": [1,"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        Assert.Contains("line 1", await import.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalogues_larger_than_the_server_default_body_limit_are_read()
    {
        fixture.Require();
        // 40 MB: past Kestrel's 30 MB default, within the catalogue limit. Padding keeps the test fast.
        var json = "{\"works\": [" + new string(' ', 40_000_000) + """{"id": "LARGE1", "kind": "film", "titles": [{"text": "Large", "lang": "en"}]}]}""";
        var result = await ImportAsync(json);
        Assert.Equal(1, result.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Viewers_and_anonymous_callers_cannot_import()
    {
        fixture.Require();
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Viewer.PostAsync("/api/v1/catalogue/import", Json(Catalogue(1, "VIEW")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.PostAsync("/api/v1/catalogue/import", Json(Catalogue(1, "ANON")), Ct)).StatusCode);
        Assert.Equal(0, await CountAsync("VIEW"));
    }

    [Fact]
    public async Task Export_round_trips_through_import()
    {
        fixture.Require();
        await ImportAsync(Catalogue(3, "ROUND"));
        var exported = await fixture.Analyst.GetStringAsync("/api/v1/catalogue/export?q=ROUND", Ct);
        var again = await ImportAsync(exported);
        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task A_catalogue_of_100000_works_imports_in_one_piece()
    {
        fixture.Require();
        var json = Catalogue(100_000, "BIG");
        var result = await ImportAsync(json);
        Assert.Equal(100_000, result.GetProperty("created").GetInt32());
        Assert.Equal(100_000, await CountAsync("BIG"));
        var bad = Catalogue(100_000, "BAD").Replace("\"id\": \"BAD99999\"", "\"id\": \"BAD0\"", StringComparison.Ordinal);
        var problem = await ImportAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal("duplicate id \"BAD0\" (first at $.works[0])", problem.GetProperty("errors").GetProperty("works[99999].id")[0].GetString());
        Assert.Equal(0, await CountAsync("BAD"));
    }
}

public sealed class SqliteCatalogueApiTests(SqliteApp app) : CatalogueApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCatalogueApiTests(PostgresApp app) : CatalogueApiTests(app), IClassFixture<PostgresApp>;
