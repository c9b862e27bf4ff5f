using System.Threading.Channels;
using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Isop.Tests.Monitoring;

/// <summary>The monitor's schedule, on a fake clock: no test waits for real time to pass.</summary>
public sealed class MonitorScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_monitor_runs_when_enabled_then_one_interval_after_each_run_unless_asked_sooner()
    {
        var monitor = new PlatformMonitor { IntervalMinutes = 60 };
        monitor.ScheduleIfEnabled(T0);
        Assert.Null(monitor.NextRunAt);
        monitor.Enabled = true;
        monitor.ScheduleIfEnabled(T0);
        Assert.Equal(T0, monitor.NextRunAt);
        monitor.Ran(T0, T0.AddMinutes(3));
        Assert.Equal(T0.AddMinutes(63), monitor.NextRunAt);
        Assert.Equal(T0.AddMinutes(3), monitor.LastRunAt);
        // A run asked for while one ran is not pushed back by its end.
        monitor.RunNow(T0.AddMinutes(70));
        monitor.Ran(T0.AddMinutes(65), T0.AddMinutes(75));
        Assert.Equal(T0.AddMinutes(70), monitor.NextRunAt);
    }

    [Fact]
    public async Task The_service_runs_due_platforms_and_waits_an_interval_on_its_clock()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, null!);
        var clock = new FakeTimeProvider(T0);
        var contexts = new IsopDbFactory(database.Settings, clock);
        Guid platformId;
        await using (var db = contexts.For(Caller.System("test")))
        {
            await DataServices.MigrateAsync(db, ct);
            var organisation = new Organisation { Name = "NCB", Kind = OrganisationKind.NationalCentralBureau, CreatedAt = T0 };
            db.Organisations.Add(organisation);
            // Nothing listens on the discard port: each run ends at once, and the schedule is what is tested.
            var platform = new Platform { Name = "Closed", OwnerOrganisationId = organisation.Id, Tlp = Tlp.Green, CreatedAt = T0, UpdatedAt = T0 };
            platform.SetDomains(["closed.test"], T0);
            platform.Monitor.Enabled = true;
            platform.Monitor.IntervalMinutes = 60;
            platform.Monitor.DelayMs = 0;
            platform.Monitor.RespectRobots = false;
            platform.Monitor.Seeds = "http://closed.test:9/";
            platform.Monitor.Resolve = "closed.test:9:127.0.0.1";
            db.Platforms.Add(platform);
            await db.SaveChangesAsync(ct);
            platformId = platform.Id;
        }
        var settings = new MonitorSettings(Path.Combine(database.DataDirectory, "evidence"), PollInterval: TimeSpan.FromSeconds(5), AllowPrivateResolve: true);
        var service = new PlatformMonitorService(new MonitorRunner(contexts, settings, clock, new Isop.Operations.SuccessionFinder(contexts, new Isop.Operations.OperationSettings(), clock)), contexts, settings, clock, NullLogger<PlatformMonitorService>.Instance);
        var polls = Channel.CreateUnbounded<(DateTimeOffset At, int Running)>();
        var runs = Channel.CreateUnbounded<CrawlRun>();
        service.Polled += at => polls.Writer.TryWrite((at, service.Running));
        service.RunFinished += run => runs.Writer.TryWrite(run);
        // Explicit bounds on the waits, for a busy machine; the clock itself never moves unless the test moves it.
        async Task<T> Next<T>(ChannelReader<T> reader) => await reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromMinutes(2), ct);

        await service.StartAsync(ct);
        try
        {
            // A newly enabled platform is due at once.
            Assert.Equal(T0, (await Next(polls.Reader)).At);
            var run1 = await Next(runs.Reader);
            Assert.Equal(platformId, run1.PlatformId);
            Assert.Equal(T0, run1.StartedAt);

            // 59 minutes on: not due yet.
            clock.Advance(TimeSpan.FromMinutes(59));
            Assert.Equal((T0.AddMinutes(59), 0), await Next(polls.Reader));
            // Past the interval: the second run starts on the next poll.
            clock.Advance(TimeSpan.FromMinutes(2));
            var third = await Next(polls.Reader);
            Assert.Equal(T0.AddMinutes(61), third.At);
            var run2 = await Next(runs.Reader);
            Assert.Equal(T0.AddMinutes(61), run2.StartedAt);
            Assert.NotEqual(run1.Id, run2.Id);
            Assert.False(runs.Reader.TryRead(out _));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }
}

public sealed class ObservationStoreTextTests
{
    [Fact]
    public void Text_is_cut_between_characters_never_inside_a_surrogate_pair()
    {
        var text = new string('a', 999) + "😀tail";
        var cut = ObservationStore.Clip(text, 1000)!;
        Assert.Equal(999, cut.Length);
        Assert.False(char.IsHighSurrogate(cut[^1]));
        Assert.Equal(new string('a', 998) + "😀", ObservationStore.Clip(new string('a', 998) + "😀tail", 1000));
    }

    [Fact]
    public void Counters_are_kept_as_whole_JSON_within_the_column()
    {
        var many = Enumerable.Range(0, 80).ToDictionary(i => $"counter-with-a-long-name-{i:D3}", i => (long)i);
        var json = ObservationStore.CountersJson(many)!;
        Assert.True(json.Length <= 1000);
        var parsed = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(json)!;
        Assert.InRange(parsed.Count, 1, 79);
        Assert.Null(ObservationStore.CountersJson(new Dictionary<string, long> { [new string('x', 2000)] = 1 }));
    }
}
