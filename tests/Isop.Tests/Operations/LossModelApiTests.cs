using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Operations;

/// <summary>Loss models through the API: written by the owner's members with every wrong field named, seen only under their TLP.</summary>
public abstract class LossModelApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_rights_holder_creates_a_model_others_do_not_see_it_and_bad_fields_are_named()
    {
        fixture.Require();
        var created = await fixture.Analyst.PostAsync("/api/v1/loss-models",
            Json("""{"name":"Studio prices","currency":"EUR","pricePerView":0.05,"pricePerDownload":2.5,"substitutionLow":0.1,"substitutionHigh":0.35,"defaultCountry":"KR","countryPrices":[{"country":"FR","pricePerView":0.07,"pricePerDownload":3}]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var model = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = model.GetProperty("id").GetGuid();
        Assert.Equal("AMBER", model.GetProperty("tlp").GetString());
        Assert.Equal("FR", model.GetProperty("prices")[0].GetProperty("country").GetString());

        var bad = await fixture.Analyst.PostAsync("/api/v1/loss-models",
            Json("""{"name":"","currency":"euro","pricePerView":-1,"pricePerDownload":2,"substitutionLow":0.5,"substitutionHigh":0.2,"defaultCountry":"Korea","countryPrices":[{"country":"fr","pricePerView":1,"pricePerDownload":1}]}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "name", "currency", "pricePerView", "substitutionHigh", "defaultCountry", "countryPrices[0].country" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}");
        var unknown = await fixture.Analyst.PostAsync("/api/v1/loss-models", Json("""{"name":"x","currency":"EUR","pricePerView":1,"pricePerDownload":1,"substitutionLow":0,"substitutionHigh":1,"defaultCountry":"KR","price":3}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("price", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A viewer may not write; another organisation neither sees the model nor gets an estimate from it.
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Viewer.PostAsync("/api/v1/loss-models", Json("""{"name":"v","currency":"EUR","pricePerView":1,"pricePerDownload":1,"substitutionLow":0,"substitutionHigh":1,"defaultCountry":"KR"}"""), Ct)).StatusCode);
        var other = await fixture.App.MemberAsync($"analyst-{Guid.NewGuid():N}@bureau.test", $"Bureau {Guid.NewGuid():N}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var otherClient = fixture.App.ClientWithToken(other.Token);
        var seen = await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/loss-models", Ct);
        Assert.DoesNotContain(seen.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/losses?model={id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PutAsync($"/api/v1/loss-models/{id}", Json("""{"name":"mine now","currency":"EUR","pricePerView":1,"pricePerDownload":1,"substitutionLow":0,"substitutionHigh":1,"defaultCountry":"KR"}"""), Ct)).StatusCode);
        var estimate = await fixture.Analyst.GetAsync($"/api/v1/losses?model={id}&by=platform", Ct);
        Assert.Equal(HttpStatusCode.OK, estimate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync($"/api/v1/losses?model={id}&by=country", Ct)).StatusCode);
        // A missing model, or a week's end that is not a time, is told what is expected.
        var missing = await fixture.Analyst.GetAsync("/api/v1/losses", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.StartsWith("required: the id of a loss model", (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("model")[0].GetString(), StringComparison.Ordinal);
        foreach (var to in new[] { "garbage", "0001-01-01T00:00:00Z" })
        {
            var wrong = await fixture.Analyst.GetAsync($"/api/v1/emerging?to={to}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("to", out _));
        }
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.GetAsync("/api/v1/emerging.md?to=2026-11-15", Ct)).StatusCode);
    }
}

public sealed class SqliteLossModelApiTests(SqliteApp app) : LossModelApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresLossModelApiTests(PostgresApp app) : LossModelApiTests(app), IClassFixture<PostgresApp>;
