using System.Net;
using System.Text.Json;
using Isop.Catalogue;
using Isop.Cli;
using Isop.Range;

namespace Isop.Tests.Cli;

public sealed class RangeCommandTests
{
    [Fact]
    public async Task Range_writes_an_importable_catalogue_and_the_ground_truth()
    {
        var folder = Directory.CreateTempSubdirectory("isop-range-cli-").FullName;
        try
        {
            var stdout = new StringWriter();
            var code = await IsopCommand.Create(stdout, new StringWriter()).Parse(["range", "--no-serve", "--json", "--seed", "4", "--scale", "2",
                "--truth", Path.Combine(folder, "truth.json"), "--catalogue", Path.Combine(folder, "catalogue.json")]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(0, code);
            Assert.True(JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("listings").GetInt32() > 0);
            await using var catalogue = File.OpenRead(Path.Combine(folder, "catalogue.json"));
            var works = await CatalogueReader.ReadAsync(catalogue, TestContext.Current.CancellationToken);
            Assert.Equal(RangeCatalogue.Works.Count, works.Count);
            using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "truth.json"), TestContext.Current.CancellationToken));
            Assert.Equal(4, truth.RootElement.GetProperty("seed").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--scale", "0", "--scale must be from 1 to 100")]
    [InlineData("--day", "14", "--day must be from 0 to 13")]
    [InlineData("--port", "70000", "--port must be from 0 to 65535")]
    public async Task Bad_range_arguments_are_refused(string option, string value, string message)
    {
        var stderr = new StringWriter();
        var code = await IsopCommand.Create(new StringWriter(), stderr).Parse(["range", "--no-serve", option, value]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Range_serves_its_sites_by_host_name_until_stopped()
    {
        var stdout = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = IsopCommand.Create(stdout, new StringWriter()).Parse(["range", "--json"]).InvokeAsync(cancellationToken: stop.Token);
        JsonElement started = default;
        for (var i = 0; i < 200 && started.ValueKind == JsonValueKind.Undefined; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            var text = stdout.ToString();
            if (text.Contains('\n', StringComparison.Ordinal)) started = JsonDocument.Parse(text).RootElement;
        }
        var port = started.GetProperty("port").GetInt32();
        var site = started.GetProperty("sites").EnumerateArray().First(s => s.GetProperty("archetype").GetString() == "Streaming");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
        request.Headers.Host = new Uri(site.GetProperty("url").GetString()!).Host;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gtag('config'", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    /// <summary>Text-level attribution over the range: every protected listing on a piracy site names its work and episode; nothing else matches.</summary>
    [Fact]
    public void The_matcher_attributes_every_piracy_listing_of_the_range_and_abstains_on_unprotected_works()
    {
        var world = RangeWorld.Create(1, 3);
        var matcher = CatalogueMatching.Build(RangeCatalogue.Works.Select(w => new CatalogueWork(w.Id, Enum.Parse<WorkKind>(w.Kind, ignoreCase: true), w.Year, w.Episodes,
            [.. w.Titles.Select(t => new CatalogueTitle(t.Text, t.Lang))], w.Aliases, null)));
        int right = 0, wrong = 0, missed = 0;
        foreach (var listing in world.Listings.Where(l => world.Sites.First(s => s.Id == l.SiteId).Piracy))
        {
            var result = matcher.Match(listing.Text);
            if (result.WorkId is null) { if (listing.WorkId is not null) missed++; }
            else if (result.WorkId == listing.WorkId && result.Episode == listing.Episode) right++;
            else wrong++;
        }
        Assert.Equal(0, wrong);
        Assert.Equal(0, missed);
        Assert.True(right > 500, $"{right} listings attributed");
    }
}
