using System.Diagnostics;
using System.Globalization;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Monitoring;
using Isop.Operations;
using Isop.Platforms;
using Isop.ReleaseGroups;

namespace Isop.Benchmarks;

/// <summary>
/// The cost of the analysis as data grows (issue 12): observations and signal sightings ingested through the
/// monitor's own batch upserts, the time of a batch measured as the tables grow (ingest stays incremental: a batch
/// touches only its rows and their indexes), then each analysis computed at the final size, as the local operator
/// and as one organisation (whose TLP filter applies).
/// Usage: dotnet run -c Release --project bench/Isop.Benchmarks -- analysis-scale [--observations N] [--sightings N] [--platforms N] [--days N] [--reuse] [--database CONN] [--data DIR]
/// </summary>
public static class AnalysisScale
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var observations = int.Parse(Arg("--observations") ?? "1000000", CultureInfo.InvariantCulture);
        var sightings = int.Parse(Arg("--sightings") ?? "100000", CultureInfo.InvariantCulture);
        var platformCount = int.Parse(Arg("--platforms") ?? "500", CultureInfo.InvariantCulture);
        // The observations arrive over this many days (1M listings of 500 platforms are half a year of monitoring), so
        // that windowed analyses (the weekly digest) read a window, not everything.
        var days = int.Parse(Arg("--days") ?? "180", CultureInfo.InvariantCulture);
        var data = Arg("--data") ?? Path.Combine(Path.GetTempPath(), "isop-analysis-" + Guid.NewGuid().ToString("N"));
        var settings = DatabaseSettings.Resolve(Arg("--database"), data);
        var random = new Random(12);
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        Guid org;
        // --reuse: the analyses again on a database a previous run filled (its organisations and listings as they are).
        if (args.Contains("--reuse"))
        {
            await using var db = DataServices.CreateContext(settings, Caller.System("bench"));
            await DataServices.MigrateAsync(db, CancellationToken.None);
            org = db.Organisations.Single(o => o.Name == "Bench studio").Id;
            Console.WriteLine($"{settings.Provider}: reusing {db.Observations.Count():N0} observations");
        }
        else org = await IngestAsync();

        async Task<Guid> IngestAsync()
        {
            Guid org, other;
            List<Guid> works;
            List<Guid> platforms;
            await using (var db = DataServices.CreateContext(settings, Caller.System("bench")))
            {
                await DataServices.MigrateAsync(db, CancellationToken.None);
                var a = new Organisation { Name = "Bench studio", Kind = OrganisationKind.RightsHolder, CreatedAt = now };
                var b = new Organisation { Name = "Bench bureau", Kind = OrganisationKind.NationalCentralBureau, CreatedAt = now };
                db.Organisations.AddRange(a, b);
                await db.SaveChangesAsync();
                (org, other) = (a.Id, b.Id);
                var catalogue = Enumerable.Range(0, 300).Select(i => new Work
                {
                    ExternalId = $"B{i:D4}", Kind = WorkKind.Series, Year = 2020 + i % 6, Episodes = 16, Tlp = Tlp.Green, OwnerOrganisationId = org, CreatedAt = now, UpdatedAt = now,
                    Titles = [new WorkTitle { Text = $"Bench Drama {i}", Language = "en", Position = 0 }],
                }).ToList();
                db.Works.AddRange(catalogue);
                // A tenth of the platforms are the bureau's AMBER ones: the studio's view leaves them out.
                var registered = Enumerable.Range(0, platformCount).Select(i =>
                {
                    var p = new Platform { Name = $"Bench site {i}", Kind = PlatformKind.StreamingSite, Tlp = i % 10 == 0 ? Tlp.Amber : Tlp.Green, OwnerOrganisationId = i % 10 == 0 ? other : org, CreatedAt = now, UpdatedAt = now };
                    p.SetDomains([$"bench-site-{i}.test"], now);
                    return p;
                }).ToList();
                db.Platforms.AddRange(registered);
                await db.SaveChangesAsync();
                works = [.. catalogue.Select(w => w.Id)];
                platforms = [.. registered.Select(p => p.Id)];
            }
            Console.WriteLine($"{settings.Provider}: {platformCount} platforms, {works.Count} works registered in {clock.Elapsed.TotalSeconds:0.0} s");

            // Observations, through the monitor's batch upsert: a tenth of a second per batch at the start and at the end means ingest does not slow down as data grows.
            var groups = new[] { "EVO", "NTb", "FLUX", "SiGMA", "NEXT", "AppleTor", "KOGi", "HaNi" };
            var batchTimes = new List<double>();
            var batches = (observations + ObservationStore.BatchSize - 1) / ObservationStore.BatchSize;
            for (var b = 0; b < batches; b++)
            {
                var platform = platforms[b % platforms.Count];
                var run = Guid.CreateVersion7();
                var seen = now - TimeSpan.FromDays(days) * (batches - 1 - b) / Math.Max(1, batches);
                var batch = new List<ObservationInput>(ObservationStore.BatchSize);
                for (var i = 0; i < ObservationStore.BatchSize && b * ObservationStore.BatchSize + i < observations; i++)
                {
                    var n = b * ObservationStore.BatchSize + i;
                    var work = random.Next(2) == 0 ? works[random.Next(works.Count)] : (Guid?)null;
                    var episode = random.Next(1, 17);
                    var release = random.Next(10) < 3 ? $"Bench.Drama.{n % 5000}.S01E{episode:D2}.1080p.WEB-DL.H.264-{groups[n % groups.Length]}" : null;
                    batch.Add(new ObservationInput(release ?? $"Bench Drama {n % 3000} Episode {episode}", $"http://bench-site-{b % platforms.Count}.test/watch/{n}", $"http://bench-site-{b % platforms.Count}.test/watch/{n}",
                        "page", null, $"http://bench-site-{b % platforms.Count}.test/", work, work is null ? null : 1, work is null ? null : episode, work is null ? 0.2 : 0.95,
                        [], new Dictionary<string, long> { ["views"] = random.Next(100, 90_000) }, null, "bench.warc.gz", n,
                        Release: release, ReleaseGroup: release is null ? null : groups[n % groups.Length], PostedAt: seen.AddHours(-random.Next(0, 24 * 14))));
                }
                var started = Stopwatch.GetTimestamp();
                await using (var db = DataServices.CreateContext(settings, Caller.System("bench")))
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    await ObservationStore.UpsertAsync(db, platform, run, seen, batch, CancellationToken.None);
                    await transaction.CommitAsync();
                }
                batchTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if ((b + 1) % (batches / 10 == 0 ? 1 : batches / 10) == 0)
                    Console.WriteLine($"  {Math.Min(observations, (b + 1) * ObservationStore.BatchSize),9:N0} observations: median batch of {ObservationStore.BatchSize} over the last tenth {Median(batchTimes.TakeLast(Math.Max(1, batches / 10))):0.0} ms");
            }
            var ingestFirst = Median(batchTimes.Take(Math.Max(1, batches / 10)));
            var ingestLast = Median(batchTimes.TakeLast(Math.Max(1, batches / 10)));

            // Signal sightings: each platform's own identifiers, and groups of two to four platforms sharing an analytics ID and a wallet (operations).
            var perPlatform = Math.Max(1, sightings / platforms.Count);
            for (var p = 0; p < platforms.Count; p++)
            {
                var signals = new List<SignalInput>();
                var operation = p / 3;
                signals.Add(new SignalInput("google-analytics", $"G-OP{operation:D6}X", "gtag", $"http://bench-site-{p}.test/", "bench.warc.gz", p));
                signals.Add(new SignalInput("wallet-bitcoin", $"1Bench{operation:D8}Wallet", "donate", $"http://bench-site-{p}.test/", "bench.warc.gz", p));
                for (var s = 2; s < perPlatform; s++)
                    signals.Add(new SignalInput(s % 2 == 0 ? "telegram" : "ip", s % 2 == 0 ? $"site{p}_chan{s}" : $"10.{p % 250}.{s % 250}.1", "footer", $"http://bench-site-{p}.test/page/{s}", "bench.warc.gz", s));
                await using var db = DataServices.CreateContext(settings, Caller.System("bench"));
                await using var transaction = await db.Database.BeginTransactionAsync();
                foreach (var chunk in signals.Chunk(ObservationStore.BatchSize))
                    await ObservationStore.UpsertSignalsAsync(db, platforms[p], Guid.CreateVersion7(), now, chunk, CancellationToken.None);
                await transaction.CommitAsync();
            }
            Console.WriteLine($"{settings.Provider}: {observations:N0} observations and {platforms.Count * perPlatform:N0} sightings ingested in {clock.Elapsed.TotalSeconds:0.0} s; " +
                              $"median batch {ingestFirst:0.0} ms in the first tenth, {ingestLast:0.0} ms in the last");
            return org;
        }


        foreach (var (label, caller) in new[] { ("local operator", Caller.System("bench")), ("one organisation", new Caller(null, org, MemberRole.Analyst, "bench", false)) })
        {
            await using var db = DataServices.CreateContext(settings, caller);
            var finder = new OperationFinder(db, new OperationSettings());
            var releases = new ReleaseAnalysis(db);
            var model = new LossModel { Name = "Bench", Currency = "EUR", PricePerView = 0.05m, PricePerDownload = 2, SubstitutionLow = 0.1, SubstitutionHigh = 0.3, DefaultCountry = "KR", OwnerOrganisationId = org, CreatedAt = now, UpdatedAt = now, Tlp = Tlp.Green };
            await using (var write = DataServices.CreateContext(settings, Caller.System("bench")))
            {
                write.LossModels.Add(model);
                await write.SaveChangesAsync();
            }
            async Task<string> Time(string what, Func<Task<int>> work)
            {
                var started = Stopwatch.GetTimestamp();
                var count = await work();
                var line = $"{settings.Provider} as {label}: {what}: {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s ({count:N0})";
                Console.WriteLine(line);
                return line;
            }
            await Time("operations", async () => (await finder.FindAsync(CancellationToken.None)).Count);
            await Time("releases, one page of 50 (the API and the page)", async () => (await releases.PageAsync(null, newestFirst: true, 1, 50, CancellationToken.None)).Total);
            await Time("releases, all (first seen and spread; isop releases)", async () => (await releases.ReleasesAsync(null, CancellationToken.None)).Count);
            await Time("release-group profiles", async () => (await releases.GroupsAsync(CancellationToken.None)).Count);
            await Time("platform scores", async () => (await new PlatformScores(db).RankAsync(CancellationToken.None)).Count);
            await Time("money trail", async () => (await new MoneyTrail(db, finder).RowsAsync(CancellationToken.None)).Count);
            await Time("weekly digest", async () => (await new EmergingThreats(db, releases, TimeProvider.System).WeekAsync(null, CancellationToken.None)).NewPlatforms.Count);
            await Time("loss estimate by work", async () => (await new LossEstimates(db, finder).EstimateAsync(model.Id, "work", CancellationToken.None))!.Lines.Count);
        }
        if (Arg("--data") is null && settings.Provider == DatabaseProvider.Sqlite) Directory.Delete(data, recursive: true);
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
