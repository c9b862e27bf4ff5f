using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Isop.Access;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Catalogue;

public abstract class FingerprintApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A poster-like picture; <paramref name="shift"/> moves it a little and the format re-encodes it.</summary>
    private static byte[] Poster(SkiaSharp.SKEncodedImageFormat format, int shift, int seed)
    {
        using var bitmap = new SkiaSharp.SKBitmap(480, 720);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.Beige);
            var r = new Random(seed);
            for (var i = 0; i < 12; i++)
            {
                using var paint = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor((byte)r.Next(256), (byte)r.Next(256), (byte)r.Next(256)) };
                canvas.DrawCircle(r.Next(480) + shift, r.Next(720) + shift, r.Next(30, 120), paint);
            }
        }
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(format, 85).ToArray();
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private async Task<Guid> WorkAsync(HttpClient client, string id, string tlp)
    {
        var response = await client.PostAsJsonAsync("/api/v1/works", new { id, kind = "film", year = 2020, titles = new[] { new { text = $"Poster test {id}", lang = "en" } }, tlp }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_reference_poster_is_found_again_from_a_re_encoded_near_duplicate_by_those_who_may_see_it()
    {
        fixture.Require();
        var id = await WorkAsync(fixture.Analyst, $"FP{Guid.NewGuid():N}"[..12], "AMBER");
        var added = await fixture.Analyst.PostAsync($"/api/v1/works/{id}/fingerprints", Upload(Poster(SkiaSharp.SKEncodedImageFormat.Png, 0, 7), "poster.png"), Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var prints = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(64, prints[0].GetProperty("pdq").GetString()!.Length);

        var search = await fixture.Analyst.PostAsync("/api/v1/fingerprints/match", Upload(Poster(SkiaSharp.SKEncodedImageFormat.Jpeg, 3, 7), "seen-on-a-site.jpg"), Ct);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var matches = (await search.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("matches").EnumerateArray().ToList();
        Assert.Contains(matches, m => m.GetProperty("work").GetProperty("id").GetGuid() == id && m.GetProperty("distance").GetInt32() <= 31);

        var other = await fixture.Analyst.PostAsync("/api/v1/fingerprints/match", Upload(Poster(SkiaSharp.SKEncodedImageFormat.Jpeg, 0, 99), "another.jpg"), Ct);
        var unrelated = (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("matches").EnumerateArray();
        Assert.DoesNotContain(unrelated, m => m.GetProperty("work").GetProperty("id").GetGuid() == id);

        var (_, rivalToken, _) = await fixture.App.MemberAsync($"{Guid.NewGuid():N}@rival.test", $"Rival {Guid.NewGuid():N}", OrganisationKind.RightsHolder, MemberRole.Analyst);
        var rival = fixture.App.ClientWithToken(rivalToken);
        var hidden = await rival.PostAsync("/api/v1/fingerprints/match", Upload(Poster(SkiaSharp.SKEncodedImageFormat.Jpeg, 3, 7), "seen-on-a-site.jpg"), Ct);
        Assert.DoesNotContain((await hidden.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("matches").EnumerateArray(),
            m => m.GetProperty("work").GetProperty("id").GetGuid() == id);
        var refused = await rival.PostAsync($"/api/v1/works/{id}/fingerprints", Upload(Poster(SkiaSharp.SKEncodedImageFormat.Png, 0, 1), "x.png"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_by_field()
    {
        fixture.Require();
        var id = await WorkAsync(fixture.Analyst, $"FQ{Guid.NewGuid():N}"[..12], "GREEN");
        var response = await fixture.Analyst.PostAsync($"/api/v1/works/{id}/fingerprints", Upload("%PDF-1.4 nope"u8.ToArray(), "poster.jpg"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.StartsWith("not", errors.GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>Hashing costs CPU for every byte: anonymous callers are refused, and a member has a budget per hour (issue 11).</summary>
    [Fact]
    public async Task Searching_by_fingerprint_needs_a_member_and_is_rate_limited()
    {
        fixture.Require();
        var poster = Poster(SkiaSharp.SKEncodedImageFormat.Jpeg, 1, 5);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.PostAsync("/api/v1/fingerprints/match", Upload(poster, "a.jpg"), Ct)).StatusCode);

        await using var limited = new IsopApp(fixture.App.Database) { Settings = { [Isop.Catalogue.FingerprintBudget.Setting] = "2" } };
        var (_, token, _) = await limited.MemberAsync($"{Guid.NewGuid():N}@budget.test", "Budget", OrganisationKind.RightsHolder, MemberRole.Analyst);
        var member = limited.ClientWithToken(token);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await member.PostAsync("/api/v1/fingerprints/match", Upload(poster, "a.jpg"), Ct)).StatusCode);
        var refused = await member.PostAsync("/api/v1/fingerprints/match", Upload(poster, "a.jpg"), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("limited per member", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Another member's budget is their own.
        var (_, other, _) = await limited.MemberAsync($"{Guid.NewGuid():N}@budget.test", "Budget", OrganisationKind.RightsHolder, MemberRole.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await limited.ClientWithToken(other).PostAsync("/api/v1/fingerprints/match", Upload(poster, "a.jpg"), Ct)).StatusCode);
    }
}

public sealed class SqliteFingerprintApiTests(SqliteApp app) : FingerprintApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresFingerprintApiTests(PostgresApp app) : FingerprintApiTests(app), IClassFixture<PostgresApp>;
