using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Isop.Awareness;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Awareness;

/// <summary>A server whose public answers are limited to three a minute per client, with one client exempted by configuration.</summary>
public sealed class PublicLimitApp(PostgresServer postgres) : AppFixture(Provider.Sqlite, postgres)
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["Isop:Public:RateLimitPerMinute"] = "3",
        ["Isop:Public:RateLimitExempt:0"] = "127.0.0.5",
        ["Isop:TrustedProxies:0"] = "127.0.0.20",
    });
}

/// <summary>The public rate limit: a clear 429 with Retry-After per client, readable cross-origin; configuration, not code, exempts a client.</summary>
public sealed class PublicRateLimitTests(PublicLimitApp fixture) : IClassFixture<PublicLimitApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_client_gets_its_quota_then_a_429_with_Retry_After_and_the_exempted_client_is_never_limited()
    {
        await using var server = fixture.App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, TestClientAddress>()));
        var client = server.CreateClient();
        async Task<HttpResponseMessage> AskAsync(string address, string path = "/api/public/v1/check?url=limit.test")
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Test-Client", address);
            return await client.SendAsync(request, Ct);
        }
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await AskAsync("127.0.0.6")).StatusCode);
        var refused = await AskAsync("127.0.0.6");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("*", refused.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("3 times a minute", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The page shares the quota: the same client is refused there too.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AskAsync("127.0.0.6", "/check?url=limit.test")).StatusCode);
        // Another client has its own quota; the exempted one none.
        Assert.Equal(HttpStatusCode.OK, (await AskAsync("127.0.0.7")).StatusCode);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await AskAsync("127.0.0.5")).StatusCode);
        // Members' API is not limited by the public quota.
        Assert.True(server.Services.GetRequiredService<PublicSettings>().IsExempt(IPAddress.Parse("::ffff:127.0.0.5")));
    }

    [Fact]
    public void An_exempted_address_that_is_not_one_stops_the_server_with_the_setting_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Isop:Public:RateLimitExempt:0", "localhost")]).Build();
        var e = Assert.Throws<InvalidOperationException>(() => PublicSettings.Read(configuration));
        Assert.Contains("Isop:Public:RateLimitExempt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_allowance_and_an_untrusted_one_is_not_believed()
    {
        await using var server = fixture.App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, TestClientAddress>()));
        var client = server.CreateClient();
        async Task<HttpStatusCode> AskAsync(string peer, string forwardedFor)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/v1/check?url=proxied.test");
            request.Headers.Add(TestClientAddress.Header, peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await client.SendAsync(request, Ct)).StatusCode;
        }
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, await AskAsync("127.0.0.20", "127.0.0.31"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AskAsync("127.0.0.20", "127.0.0.31"));
        Assert.Equal(HttpStatusCode.OK, await AskAsync("127.0.0.20", "127.0.0.32"));
        // A client that is no proxy names another address in vain: its own allowance is spent.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, await AskAsync("127.0.0.21", $"127.0.0.{40 + i}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AskAsync("127.0.0.21", "127.0.0.49"));
    }
}
