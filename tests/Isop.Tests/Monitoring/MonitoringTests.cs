using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Crawling.Warc;
using Isop.Monitoring;
using Isop.Peers;
using Isop.Range;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Monitoring;

/// <summary>Monitoring end to end against a range platform on loopback: crawl, recognise, store, idempotently; read back under TLP.</summary>
public abstract class MonitoringTests(AppFixture fixture) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RangeHost? range;
    private readonly RangeWorld world = RangeWorld.Create(1, 1);

    public async ValueTask InitializeAsync()
    {
        if (fixture.App is null) return;
        range = await RangeHost.StartAsync(world, RangeWorld.Days - 1);
    }

    public async ValueTask DisposeAsync()
    {
        if (range is not null) await range.DisposeAsync();
    }

    private async Task<Guid> RegisterAsync(RangeSite site)
    {
        var import = await fixture.Analyst.PostAsync("/api/v1/catalogue/import", new StringContent(RangeCatalogue.ToJson(), Encoding.UTF8, "application/json"), Ct);
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync(Ct));
        var create = await fixture.Analyst.PostAsJsonAsync("/api/v1/platforms", new
        {
            name = $"{site.Name} ({Guid.NewGuid():N})", kind = "torrent-index", domains = site.Domains.Select(d => d.Host),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var monitor = await fixture.Analyst.PutAsJsonAsync($"/api/v1/platforms/{id}/monitor", new
        {
            enabled = false, seeds = new[] { range!.Home(site).AbsoluteUri }, resolve = range.ResolveEntries, delayMs = 0, perHost = 4, maxPages = 400, maxDepth = 3,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, monitor.StatusCode);
        return id;
    }

    [Fact]
    public async Task A_run_stores_every_listing_with_its_work_and_episode_and_a_second_run_adds_nothing()
    {
        fixture.Require();
        var site = world.Sites.First(s => s.Archetype == Archetype.TorrentIndex);
        var platformId = await RegisterAsync(site);
        var runner = fixture.App.Services.GetRequiredService<MonitorRunner>();

        var first = await runner.RunAsync(platformId, Ct);
        Assert.True(first.Status == CrawlRunStatus.Completed, first.Problem);
        var truth = world.ListingsOf(site, range!.Day).ToList();
        Assert.Equal(truth.Count, first.New);

        await using (var db = fixture.App.SystemDb())
        {
            var works = await db.Works.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.ExternalId, Ct);
            var observations = await db.Observations.AsNoTracking().Include(o => o.Recognition).Where(o => o.PlatformId == platformId).ToListAsync(Ct);
            Assert.True(truth.Count == observations.Count, string.Join("\n", observations.OrderBy(o => o.Text).Select(o => $"{o.Text} | {o.Kind} | {o.InfoHash} | {o.Href}")));
            foreach (var listing in truth)
            {
                var seen = Assert.Single(observations, o => o.Text == listing.Text);
                Assert.Equal(listing.InfoHash, seen.InfoHash);
                Assert.Equal(listing.WorkId, seen.Recognition?.WorkId is { } w ? works[w] : null);
                Assert.Equal(listing.WorkId is null ? null : listing.Episode, seen.Recognition?.Episode);
                // The range's works have one season each: an episode is that season's.
                Assert.Equal(listing.WorkId is not null && listing.Episode is not null ? 1 : null, seen.Recognition?.Season);
                Assert.NotNull(seen.WarcFile);
                Assert.Contains("seeders", seen.Counters, StringComparison.Ordinal); // kept from the list row
            }
        }

        // The run's digest is chained over its batches, and the audit log holds every link: each update starts
        // from the digest the previous one ended with, and the last is the run's.
        Assert.Matches("^[0-9a-f]{64}$", first.IngestDigest);
        await using (var db = fixture.App.SystemDb())
        {
            var updates = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(CrawlRun) && a.EntityId == first.Id.ToString() && a.Action == "update")
                .OrderBy(a => a.Sequence).Select(a => a.Changes).ToListAsync(Ct);
            var links = updates.Select(c => System.Text.Json.Nodes.JsonNode.Parse(c)!["IngestDigest"]).Where(d => d is not null).ToList();
            Assert.NotEmpty(links);
            var previous = "";
            foreach (var link in links)
            {
                Assert.Equal(previous, (string?)link!["old"]);
                previous = (string)link["new"]!;
            }
            Assert.Equal(first.IngestDigest, previous);
        }

        var second = await runner.RunAsync(platformId, Ct);
        Assert.Equal(CrawlRunStatus.Completed, second.Status);
        Assert.Equal(0, second.New);
        Assert.Equal(first.Listings, second.Listings);
        await using (var db = fixture.App.SystemDb())
        {
            Assert.Equal(truth.Count, await db.Observations.CountAsync(o => o.PlatformId == platformId, Ct));
            Assert.All(await db.Observations.Where(o => o.PlatformId == platformId).ToListAsync(Ct), o => Assert.Equal(second.Id, o.LastRunId));
        }
    }

    [Fact]
    public async Task Observations_signals_runs_and_evidence_are_served_to_those_who_may_see_the_platform()
    {
        fixture.Require();
        var site = world.Sites.First(s => s.Archetype == Archetype.TorrentIndex);
        var operation = world.IdentifiersOf(site);
        var platformId = await RegisterAsync(site);
        await fixture.App.Services.GetRequiredService<MonitorRunner>().RunAsync(platformId, Ct);

        var observations = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/observations?matched=true&pageSize=500", Ct);
        var items = observations.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(world.ListingsOf(site, range!.Day).Count(l => l.WorkId is not null), observations.GetProperty("total").GetInt32());
        Assert.All(items, o => Assert.False(string.IsNullOrEmpty(o.GetProperty("workExternalId").GetString())));

        var signals = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/signals", Ct);
        Assert.Contains(signals.EnumerateArray(), s => s.GetProperty("type").GetString() == "google-analytics" && s.GetProperty("value").GetString() == operation.Analytics);
        Assert.Contains(signals.EnumerateArray(), s => s.GetProperty("type").GetString() == "wallet-bitcoin" && s.GetProperty("value").GetString() == operation.Bitcoin);

        var runs = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/runs", Ct);
        var run = runs.GetProperty("items")[0];
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(64, run.GetProperty("ingestDigest").GetString()!.Length);

        // The evidence link of an observation returns its response record, which verifies on its own.
        var evidence = await fixture.Analyst.GetAsync(items[0].GetProperty("evidence").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
        var bytes = await evidence.Content.ReadAsByteArrayAsync(Ct);
        var verification = WarcVerifier.Verify(new MemoryStream(bytes));
        Assert.True(verification.Valid, string.Join("; ", verification.Problems.Select(p => p.Message)));
        Assert.Contains("WARC-Type: response", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/api/v1/platforms/{platformId}/evidence?file=../../etc/passwd&offset=0", Ct)).StatusCode);

        // AMBER: another organisation sees neither the platform nor what monitoring found on it.
        var (_, token, _) = await fixture.App.MemberAsync($"other-{Guid.NewGuid():N}@police.test", "Police unit", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var other = fixture.App.ClientWithToken(token);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/platforms/{platformId}/observations", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/platforms/{platformId}/signals", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(items[0].GetProperty("evidence").GetString(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/platforms/{platformId}/runs", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Every_WARC_file_a_monitoring_run_writes_passes_warcio_check()
    {
        fixture.Require();
        WarcioCheck.Tool();
        var site = world.Sites.First(s => s.Archetype == Archetype.TorrentIndex);
        var run = await fixture.App.Services.GetRequiredService<MonitorRunner>().RunAsync(await RegisterAsync(site), Ct);
        Assert.True(run.Status == CrawlRunStatus.Completed, run.Problem);
        var folder = Path.Combine(fixture.App.Services.GetRequiredService<MonitorSettings>().EvidenceRoot, run.EvidenceFolder);
        var files = Directory.GetFiles(folder, "*.warc.gz");
        Assert.NotEmpty(files);
        WarcioCheck.AssertPasses(files);
    }

    [Fact]
    public async Task Bad_monitor_settings_are_refused_with_the_field_named()
    {
        fixture.Require();
        var create = await fixture.Analyst.PostAsJsonAsync("/api/v1/platforms", new { name = "Settings test", domains = new[] { "settings.test" } }, Ct);
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var response = await fixture.Analyst.PutAsJsonAsync($"/api/v1/platforms/{id}/monitor", new
        {
            intervalMinutes = 1, seeds = new[] { "file:///etc/passwd" }, resolve = new[] { "site.test:80" }, profile = new { title = "a" }, perHost = 99, speed = 3,
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.StartsWith("expected a whole number from 5", errors.GetProperty("intervalMinutes")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("file: scheme", errors.GetProperty("seeds[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("host:port:address", errors.GetProperty("resolve[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("profile:", errors.GetProperty("profile")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("expected a whole number from 1 to 16", errors.GetProperty("perHost")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("unknown field", errors.GetProperty("speed")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Viewer.PostAsync($"/api/v1/platforms/{id}/runs", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Viewer.PutAsJsonAsync($"/api/v1/platforms/{id}/monitor", new { enabled = true }, Ct)).StatusCode);
        var unchanged = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{id}/monitor", Ct);
        Assert.False(unchanged.GetProperty("enabled").GetBoolean());
    }
}

public sealed class SqliteMonitoringTests(SqliteApp app) : MonitoringTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresMonitoringTests(PostgresApp app) : MonitoringTests(app), IClassFixture<PostgresApp>;
