using System.Text.Json;
using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Range;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Cli;

/// <summary><c>isop operations --json</c> and <c>isop lineage --json</c> on a range monitored with <c>isop monitor run</c> before and after its hops.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class AnalysisCommandTests(PostgresServer postgres) : CommandLineTest(postgres)
{
    [Fact(Timeout = 300_000)]
    public async Task Operations_and_lineage_print_one_json_line_each_in_the_issue_shape()
    {
        var ct = TestContext.Current.CancellationToken;
        var world = RangeWorld.Create(12, 1);
        await using var range = await RangeHost.StartAsync(world, 0, cancellation: ct);
        await using (var db = DataServices.CreateContext(Database.Settings, Caller.System("test")))
        {
            await DataServices.MigrateAsync(db, ct);
            var org = new Organisation { Name = "Range", Kind = OrganisationKind.Secretariat, CreatedAt = DateTimeOffset.UtcNow };
            db.Organisations.Add(org);
            await db.SaveChangesAsync(ct);
            await RangeDemo.RegisterAsync(db, range, org.Id, new RangeMonitoring(Enabled: true, DelayMs: 0, PerHost: 4, MaxPages: 8, MaxDepth: 1), ct);
        }
        Environment.SetEnvironmentVariable("Isop__Crawling__AllowPrivateResolve", "true");
        try
        {
            foreach (var day in new[] { 0, RangeWorld.Days - 1 })
            {
                range.Day = day;
                var (code, _, stderr) = await RunAsync("monitor", "run", "--json");
                Assert.True(code == 0, stderr);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("Isop__Crawling__AllowPrivateResolve", null);
        }

        var (opsCode, opsOut, opsErr) = await RunAsync("operations", "--json");
        Assert.True(opsCode == 0, opsErr);
        var operations = opsOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(world.Operations.Count(o => world.Sites.Count(s => s.OperationId == o.Id) > 1), operations.Count);
        foreach (var o in operations)
        {
            Assert.False(string.IsNullOrEmpty(o.GetProperty("id").GetString()));
            var ids = o.GetProperty("platforms").EnumerateArray().Select(p =>
            {
                Assert.False(string.IsNullOrEmpty(p.GetProperty("name").GetString()));
                Assert.NotEmpty(p.GetProperty("domains").EnumerateArray());
                return p.GetProperty("id").GetString();
            }).ToHashSet();
            foreach (var link in o.GetProperty("links").EnumerateArray())
            {
                Assert.Contains(link.GetProperty("from").GetString(), ids);
                Assert.Contains(link.GetProperty("to").GetString(), ids);
                Assert.All(link.GetProperty("signals").EnumerateArray(), s =>
                {
                    Assert.False(string.IsNullOrEmpty(s.GetProperty("kind").GetString()));
                    Assert.False(string.IsNullOrEmpty(s.GetProperty("value").GetString()));
                });
            }
        }

        var (linCode, linOut, linErr) = await RunAsync("lineage", "--json");
        Assert.True(linCode == 0, linErr);
        var lineage = linOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var hops = world.Sites.Where(s => s.Domains.Count == 2).ToList();
        Assert.Equal(hops.Count, lineage.Count);
        foreach (var hop in hops)
        {
            var line = Assert.Single(lineage, l => l.GetProperty("from").GetProperty("domain").GetString() == hop.Domains[0].Host);
            Assert.Equal(hop.Domains[1].Host, line.GetProperty("to").GetProperty("domain").GetString());
            Assert.Equal(line.GetProperty("from").GetProperty("platform").GetString(), line.GetProperty("to").GetProperty("platform").GetString());
            Assert.True(DateTimeOffset.TryParse(line.GetProperty("at").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.NotEmpty(line.GetProperty("evidence").EnumerateArray());
            Assert.Equal("GREEN", line.GetProperty("tlp").GetString());
        }
    }
}
