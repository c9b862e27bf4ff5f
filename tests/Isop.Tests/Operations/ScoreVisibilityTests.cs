using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Monitoring;
using Isop.Operations;
using Isop.Platforms;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Operations;

/// <summary>
/// Platform scores from what the caller may see: freshness is measured from the first appearance anywhere the
/// caller sees, and a RED work changes no share, works count, audience or TLP another organisation sees.
/// </summary>
public abstract class ScoreVisibilityTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Freshness_counts_hours_after_the_first_appearance_and_a_red_work_changes_nothing_others_see()
    {
        fixture.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var studio = (await fixture.App.OrganisationAsync("Studio")).Id;
        var t0 = new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);
        Guid bureau, fast, slow, green, red;
        await using (var db = fixture.App.SystemDb())
        {
            var organisation = new Organisation { Name = $"Bureau {suffix}", Kind = OrganisationKind.NationalCentralBureau, CreatedAt = t0 };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(Ct);
            bureau = organisation.Id;
            Work Work(string id, Tlp tlp) => new()
            {
                ExternalId = id, Kind = WorkKind.Series, Year = 2026, Episodes = 8, Tlp = tlp, OwnerOrganisationId = studio, CreatedAt = t0, UpdatedAt = t0,
                Titles = [new WorkTitle { Text = $"Score drama {id}", Language = "en", Position = 0 }],
            };
            var (g, r) = (Work($"G{suffix}", Tlp.Green), Work($"R{suffix}", Tlp.Red));
            db.Works.AddRange(g, r);
            Platform Site(string name) => new() { Name = name, Kind = PlatformKind.StreamingSite, Tlp = Tlp.Green, OwnerOrganisationId = bureau, CreatedAt = t0, UpdatedAt = t0 };
            var (a, b) = (Site($"Fast{suffix}"), Site($"Slow{suffix}"));
            db.Platforms.AddRange(a, b);
            await db.SaveChangesAsync(Ct);
            (fast, slow, green, red) = (a.Id, b.Id, g.Id, r.Id);

            ObservationInput Listing(string item, Guid work, int episode, long views) =>
                new($"Score drama episode {episode}", item, item, "item", null, item, work, 1, episode, 0.95, [], new Dictionary<string, long> { ["views"] = views }, null, "s.warc.gz", 1);
            // The GREEN work's episode 1 is on the fast site at t0 and on the slow one 24 hours later; the RED work only on the slow one, first.
            await ObservationStore.UpsertAsync(db, fast, Guid.CreateVersion7(), t0, [Listing($"http://fast{suffix}.test/1", green, 1, 100)], Ct);
            await ObservationStore.UpsertAsync(db, slow, Guid.CreateVersion7(), t0.AddHours(-48), [Listing($"http://slow{suffix}.test/r", red, 1, 1_000_000)], Ct);
            await ObservationStore.UpsertAsync(db, slow, Guid.CreateVersion7(), t0.AddHours(24), [Listing($"http://slow{suffix}.test/1", green, 1, 100)], Ct);
        }

        static ScorePart Part(PlatformScore s, string name) => s.Parts.Single(p => p.Name == name);
        await using var studioView = DataServices.CreateContext(fixture.App.Database.Settings, new Caller(null, studio, MemberRole.Analyst, "test", false));
        await using var bureauView = DataServices.CreateContext(fixture.App.Database.Settings, new Caller(null, bureau, MemberRole.Analyst, "test", false));
        var mine = (await new PlatformScores(studioView).RankAsync(Ct)).ToDictionary(s => s.Platform);
        var theirs = (await new PlatformScores(bureauView).RankAsync(Ct)).ToDictionary(s => s.Platform);

        // The studio sees both works: the slow site has two, the RED one first, and the score says RED.
        Assert.Equal((2.0, Tlp.Red), (Part(mine[slow], "works").Value!.Value, mine[slow].Tlp));
        Assert.Equal(0.0, Part(mine[fast], "freshness").Value);
        // The bureau sees only the GREEN work: the slow site had it 24 hours after the fast one, and nothing of the RED work counts.
        Assert.Equal((1.0, 1.0, 24.0, Tlp.Green), (Part(theirs[slow], "works").Value!.Value, Part(theirs[slow], "rights holders").Value!.Value, Part(theirs[slow], "freshness").Value!.Value, theirs[slow].Tlp));
        Assert.Equal(0.5, Part(theirs[slow], "infringement share").Value);
        Assert.Equal(0.0, Part(theirs[fast], "freshness").Value);
        Assert.Equal(Part(theirs[fast], "works").Value, Part(mine[fast], "works").Value);
    }
}

public sealed class SqliteScoreVisibilityTests(SqliteApp app) : ScoreVisibilityTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresScoreVisibilityTests(PostgresApp app) : ScoreVisibilityTests(app), IClassFixture<PostgresApp>;
