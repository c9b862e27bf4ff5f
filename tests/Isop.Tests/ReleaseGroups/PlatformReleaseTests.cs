using Isop.Access;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.ReleaseGroups;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.ReleaseGroups;

/// <summary>
/// The per-platform release rows ingest keeps (what release first-seen reads instead of every observation): each batch
/// folds in, the earliest time wins with its evidence, re-ingesting changes nothing, and rows built afterwards from
/// the stored observations are the same as those kept while ingesting (but for which of its records the evidence is).
/// </summary>
public abstract class PlatformReleaseTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ObservationInput Listing(string text, string item, DateTimeOffset? posted, string warc) =>
        new(text, item, item, "item", null, item, null, null, null, 0, [], new Dictionary<string, long>(), null, warc, 100,
            Release: Releases.Of(text).Release, ReleaseGroup: Releases.Of(text).Group, PostedAt: posted);

    [Fact]
    public async Task Batches_fold_in_the_earliest_time_wins_and_a_rebuild_from_observations_gives_the_same_rows()
    {
        fixture.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var studio = (await fixture.App.OrganisationAsync("Studio")).Id;
        var t0 = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        await using var db = fixture.App.SystemDb();
        var platform = new Platform { Name = $"Blog{suffix}", Kind = PlatformKind.DownloadBlog, Tlp = Tlp.Green, OwnerOrganisationId = studio, CreatedAt = t0, UpdatedAt = t0 };
        platform.SetDomains([$"blog{suffix}.test"], t0);
        db.Platforms.Add(platform);
        await db.SaveChangesAsync(Ct);
        var name = $"Show{suffix}.S01E01.1080p.WEB-DL.H264-EVO";
        var item = $"http://blog{suffix}.test/post/1";

        // Seen first on day 0 with no stated time; its row counts from that sighting.
        await ObservationStore.UpsertAsync(db, platform.Id, Guid.CreateVersion7(), t0, [Listing(name, item, null, "a.warc.gz")], Ct);
        // Day 1: another post of the same release (spelt with spaces) states it was posted before day 0; that time and its evidence win.
        await ObservationStore.UpsertAsync(db, platform.Id, Guid.CreateVersion7(), t0.AddDays(1),
            [Listing(name.Replace('.', ' '), item + "b", t0.AddHours(-5), "b.warc.gz")], Ct);
        // Day 2: a page claiming a time after it was seen counts from the sighting, which is later: nothing moves but the last sighting.
        await ObservationStore.UpsertAsync(db, platform.Id, Guid.CreateVersion7(), t0.AddDays(2), [Listing(name, item + "c", t0.AddDays(3), "c.warc.gz")], Ct);
        // The day-1 post edited on day 2 to claim an earlier time moves nothing: its first statement stands.
        await ObservationStore.UpsertAsync(db, platform.Id, Guid.CreateVersion7(), t0.AddDays(2), [Listing(name.Replace('.', ' '), item + "b", t0.AddDays(-30), "e.warc.gz")], Ct);
        // Re-ingesting day 1 changes nothing.
        await ObservationStore.UpsertAsync(db, platform.Id, Guid.CreateVersion7(), t0.AddDays(1),
            [Listing(name.Replace('.', ' '), item + "b", t0.AddHours(-5), "b.warc.gz")], Ct);

        var row = await db.PlatformReleases.SingleAsync(r => r.PlatformId == platform.Id, Ct);
        Assert.Equal((t0.AddHours(-5), true, "b.warc.gz", t0, t0.AddDays(2)), (row.At, row.Posted, row.WarcFile, row.FirstSeen, row.LastSeen));
        Assert.Equal(("EVO", "EVO", name), (row.ReleaseGroup, row.GroupKey, row.Release));

        // The release under any of its spellings, first where the page said it was posted.
        var view = Assert.Single(await new ReleaseAnalysis(db).ReleasesAsync(null, Ct, name.Replace('.', '_').ToLowerInvariant()));
        Assert.Equal((platform.Id, "posted", t0.AddHours(-5)), (view.First.Platform, view.First.Source, view.First.At));

        // Built again from the stored observations (as at start-up on a database from before these rows): the same row.
        await db.PlatformReleases.Where(r => r.PlatformId == platform.Id).ExecuteDeleteAsync(Ct);
        var others = await db.PlatformReleases.ToListAsync(Ct);
        await db.PlatformReleases.ExecuteDeleteAsync(Ct);
        await PlatformReleases.BackfillAsync(db, Ct);
        var rebuilt = await db.PlatformReleases.AsNoTracking().SingleAsync(r => r.PlatformId == platform.Id, Ct);
        // (The evidence is that observation's latest record: a rebuild cannot know which record its first statement was in.)
        Assert.Equal((row.Key, row.At, row.Posted, row.ObservationKey, row.FirstSeen, row.LastSeen), (rebuilt.Key, rebuilt.At, rebuilt.Posted, rebuilt.ObservationKey, rebuilt.FirstSeen, rebuilt.LastSeen));
        Assert.Equal(others.Count + 1, await db.PlatformReleases.CountAsync(Ct));

        // The audience columns, kept at ingest, are rebuilt the same from the counters.
        await ObservationStore.UpsertAsync(db, platform.Id, Guid.CreateVersion7(), t0.AddDays(3),
            [Listing(name, item, null, "d.warc.gz") with { Counters = new Dictionary<string, long> { ["views"] = 1200, ["seeders"] = 8 } }], Ct);
        var counted = await db.Observations.Where(o => o.PlatformId == platform.Id && o.Views != null).Select(o => new { o.Id, o.Views, o.Downloads }).SingleAsync(Ct);
        Assert.Equal((1200L, 8L), (counted.Views!.Value, counted.Downloads!.Value));
        await db.Observations.Where(o => o.Id == counted.Id).ExecuteUpdateAsync(set => set.SetProperty(o => o.Views, (long?)null).SetProperty(o => o.Downloads, (long?)null), Ct);
        await AudienceIndex.BackfillAsync(db, Ct);
        Assert.Equal((1200L, 8L), await db.Observations.Where(o => o.Id == counted.Id).Select(o => new ValueTuple<long, long>(o.Views!.Value, o.Downloads!.Value)).SingleAsync(Ct));
    }
}

/// <summary>The audience kept beside the counters: what scores and loss estimates add up.</summary>
public sealed class AudienceTests
{
    [Fact]
    public void Views_add_views_hits_and_plays_downloads_fall_back_to_peers_and_nothing_exceeds_the_cap()
    {
        Assert.Equal((15L, 7L), Audience.Of(new Dictionary<string, long> { ["views"] = 10, ["hits"] = 2, ["plays"] = 3, ["downloads"] = 7, ["seeders"] = 100 }));
        Assert.Equal((0L, 130L), Audience.Of(new Dictionary<string, long> { ["seeders"] = 100, ["leechers"] = 30, ["comments"] = 9 }));
        Assert.Equal((Audience.Cap, 0L), Audience.Of(new Dictionary<string, long> { ["views"] = long.MaxValue, ["hits"] = long.MaxValue, ["downloads"] = -5 }));
        Assert.Equal((4L, 0L), Audience.OfJson("""{"views":4,"name":"x","plays":1.5}"""));
        Assert.Equal((0L, 0L), Audience.OfJson("[1,2"));
        Assert.Equal((0L, 0L), Audience.OfJson("[1,2]"));
    }
}

public sealed class SqlitePlatformReleaseTests(SqliteApp app) : PlatformReleaseTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPlatformReleaseTests(PostgresApp app) : PlatformReleaseTests(app), IClassFixture<PostgresApp>;
