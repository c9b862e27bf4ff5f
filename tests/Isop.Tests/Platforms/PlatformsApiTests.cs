using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Isop.Platforms;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Platforms;

public sealed class DomainNameTests
{
    [Theory]
    [InlineData("Example.TEST.", "example.test")]
    [InlineData("  kissasian.example  ", "kissasian.example")]
    [InlineData("드라마.테스트", "xn--hy1bv3co9b.xn--9t4b11yi5a")]
    [InlineData("XN--HY1BV3CO9B.xn--9t4b11yi5a", "xn--hy1bv3co9b.xn--9t4b11yi5a")]
    public void Host_names_are_folded_to_lower_case_ASCII(string input, string expected)
    {
        Assert.True(DomainNames.TryNormalise(input, out var domain, out var problem), problem);
        Assert.Equal(expected, domain);
    }

    [Theory]
    [InlineData("https://pirate.example/watch", "not a URL")]
    [InlineData("localhost", "at least two labels")]
    [InlineData("bad_host.example", "is not a valid host name")]
    [InlineData("", "must not be empty")]
    [InlineData("co.kr", "is a public suffix (a registry's")]
    [InlineData("github.io", "is a public suffix (a shared host")]
    [InlineData("Blogspot.COM.", "is a public suffix (a shared host")]
    public void Anything_else_is_refused_with_the_reason(string input, string reason)
    {
        Assert.False(DomainNames.TryNormalise(input, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}

public sealed class PlatformSiteTests
{
    [Theory]
    [InlineData("dramakor.blogspot.com", "dramakor.blogspot.com")]
    [InlineData("www.dramakor.blogspot.com", "dramakor.blogspot.com")]
    [InlineData("m.tving.co.kr", "tving.co.kr")]
    [InlineData("kissasian.example", "kissasian.example")]
    public void A_platform_domain_belongs_to_its_registrable_domain(string domain, string site) => Assert.Equal(site, DomainNames.Site(domain));

    [Fact]
    public void A_tenant_of_a_shared_host_is_a_platform_domain_of_its_own() =>
        Assert.True(DomainNames.TryNormalise("dramakor.blogspot.com", out _, out var problem), problem);
}

public abstract class PlatformsApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Platforms_keep_their_domains_and_are_found_by_domain()
    {
        fixture.Require();
        var create = await fixture.Analyst.PostAsJsonAsync("/api/v1/platforms", new
        {
            name = "Drama Mirror Network", kind = "streaming-site", description = "Korean drama streams with ads",
            domains = new[] { "dramamirror.example", "DramaMirror2.example", "dramamirror.example" },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var platform = await create.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("AMBER", platform.GetProperty("tlp").GetString());
        Assert.Equal(["dramamirror.example", "dramamirror2.example"], platform.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));

        var id = platform.GetProperty("id").GetGuid();
        var update = await fixture.Analyst.PutAsJsonAsync($"/api/v1/platforms/{id}", new
        {
            name = "Drama Mirror Network", kind = "streaming-site", domains = new[] { "dramamirror2.example", "dramamirror3.example" },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var found = await fixture.Analyst.GetFromJsonAsync<JsonElement>("/api/v1/platforms?q=dramamirror3", Ct);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(0, (await fixture.Analyst.GetFromJsonAsync<JsonElement>("/api/v1/platforms/count?q=dramamirror.example", Ct)).GetProperty("count").GetInt32());
    }

    /// <summary>Issue 11: a PUT that names only some fields changes only those; it never silently wipes the domains.</summary>
    [Fact]
    public async Task An_update_leaves_the_fields_it_does_not_name_as_they_are()
    {
        fixture.Require();
        var create = await fixture.Analyst.PostAsJsonAsync("/api/v1/platforms", new
        {
            name = $"Partial {Guid.NewGuid():N}", kind = "torrent-index", description = "kept", domains = new[] { "partial.example", "partial2.example" },
        }, Ct);
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var update = await fixture.Analyst.PutAsJsonAsync($"/api/v1/platforms/{id}", new { tlp = "GREEN" }, Ct);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var after = await update.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("GREEN", after.GetProperty("tlp").GetString());
        Assert.Equal("torrent-index", after.GetProperty("kind").GetString());
        Assert.Equal("kept", after.GetProperty("description").GetString());
        Assert.Equal(["partial.example", "partial2.example"], after.GetProperty("domains").EnumerateArray().Select(d => d.GetString()).Order());
        // Named as null or empty, a field is changed: that is said, not guessed.
        var cleared = await fixture.Analyst.PutAsJsonAsync($"/api/v1/platforms/{id}", new { description = (string?)null }, Ct);
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task Bad_platforms_name_each_field()
    {
        fixture.Require();
        var response = await fixture.Analyst.PostAsJsonAsync("/api/v1/platforms", new
        {
            name = " ", kind = "warez", domains = new object[] { "ok.example", "http://x.example/", 7 }, owner = "me",
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("required: a non-empty string", errors.GetProperty("name")[0].GetString());
        Assert.StartsWith("expected one of streaming-site, torrent-index", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("expected a host name such as example.test, not a URL", errors.GetProperty("domains[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("expected a host name string", errors.GetProperty("domains[2]")[0].GetString());
        Assert.StartsWith("unknown field", errors.GetProperty("owner")[0].GetString(), StringComparison.Ordinal);

        // A name that would send escape sequences to a terminal, or reorder text, is refused.
        foreach (var name in new[] { "Site\u001b]52;c;cm0K\u0007", "Site\u202egnp.exe" })
        {
            var refused = await fixture.Analyst.PostAsJsonAsync("/api/v1/platforms", new { name, kind = "streaming-site", domains = new[] { "ok.example" } }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("expected text without control characters or direction overrides",
                (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("name")[0].GetString());
        }
    }
}

public sealed class SqlitePlatformsApiTests(SqliteApp app) : PlatformsApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPlatformsApiTests(PostgresApp app) : PlatformsApiTests(app), IClassFixture<PostgresApp>;
