using System.Net;
using System.Net.Http.Json;
using System.Text;
using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Catalogue;

/// <summary>Per-caller caches are keyed by the catalogues' versions: monitoring's writes do not rebuild them, catalogue changes do.</summary>
public abstract class CatalogueCacheTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Monitoring_writes_leave_the_cache_and_catalogue_writes_refresh_it()
    {
        fixture.Require();
        var cache = new CallerCache<int>();
        var built = 0;
        Task<int> Build(IsopDb db, CancellationToken ct) => db.Works.CountAsync(ct).ContinueWith(t => { built++; return t.Result; }, ct);

        await using var db = fixture.App.SystemDb();
        var before = await cache.GetAsync(db, Build, Ct);
        Assert.Equal(before, await cache.GetAsync(db, Build, Ct));
        Assert.Equal(1, cache.Builds);

        // A platform and a monitoring run are audited writes, but no catalogue changes.
        var organisation = await db.Organisations.FirstAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        var platform = new Platform { Name = $"Cache {Guid.NewGuid():N}", OwnerOrganisationId = organisation.Id, Tlp = Tlp.Green, CreatedAt = now, UpdatedAt = now };
        db.Platforms.Add(platform);
        await db.SaveChangesAsync(Ct);
        db.CrawlRuns.Add(new CrawlRun { PlatformId = platform.Id, StartedAt = now, Status = CrawlRunStatus.Completed, EvidenceFolder = "x" });
        await db.SaveChangesAsync(Ct);
        await cache.GetAsync(db, Build, Ct);
        Assert.Equal(1, cache.Builds);

        // A new work, a changed title, a share: each is a catalogue change.
        var id = $"C{Guid.NewGuid():N}"[..10];
        var import = await fixture.Analyst.PostAsync("/api/v1/catalogue/import",
            new StringContent($$"""{"works": [{"id": "{{id}}", "kind": "film", "titles": [{"text": "Cache Film {{id}}", "lang": "en"}]}]}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(before + 1, await cache.GetAsync(db, Build, Ct));
        Assert.Equal(2, cache.Builds);
        var work = await db.Works.SingleAsync(w => w.ExternalId == id, Ct);
        var renamed = await fixture.Analyst.PutAsJsonAsync($"/api/v1/works/{work.Id}",
            new { id, kind = "film", titles = new[] { new { text = "Cache Film renamed", lang = "en" } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        await cache.GetAsync(db, Build, Ct);
        Assert.Equal(3, cache.Builds);
        // The versions are counted per organisation: the analyst's rose with each change.
        Assert.True(await db.CatalogueVersions.Where(v => v.OrganisationId == work.OwnerOrganisationId).Select(v => v.Version).SingleAsync(Ct) >= 2);
        Assert.Equal(built, cache.Builds);
    }
}

public sealed class SqliteCatalogueCacheTests(SqliteApp app) : CatalogueCacheTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCatalogueCacheTests(PostgresApp app) : CatalogueCacheTests(app), IClassFixture<PostgresApp>;
