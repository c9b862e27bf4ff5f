using System.Text.Json;
using Isop.Cli;
using Isop.Peers;
using Isop.Range;

namespace Isop.Tests.Cli;

/// <summary><c>isop crawl</c> of the range, its WARC files read by Webrecorder's warcio.</summary>
public sealed class CrawlWarcioTests
{
    [Fact]
    public async Task Every_WARC_file_isop_crawl_writes_from_the_range_passes_warcio_check()
    {
        WarcioCheck.Tool();
        var ct = TestContext.Current.CancellationToken;
        var world = RangeWorld.Create(2, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: ct);
        var folder = Directory.CreateTempSubdirectory("isop-crawl-warcio-").FullName;
        try
        {
            var seeds = new[] { Archetype.Streaming, Archetype.DownloadBlog, Archetype.WebtoonReader }.Select(a => range.Home(world.Sites.First(s => s.Archetype == a)).AbsoluteUri);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await IsopCommand.Create(stdout, stderr).Parse(["crawl", "--json", .. seeds, "--out", folder, "--same-site", "--max-pages", "60", "--delay", "0",
                .. range.ResolveEntries.SelectMany(e => new[] { "--resolve", e })]).InvokeAsync(cancellationToken: ct);
            Assert.True(code == 0, stderr.ToString());
            var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"), ct)).RootElement;
            var files = manifest.GetProperty("files").EnumerateArray().Select(f => Path.Combine(folder, f.GetProperty("name").GetString()!)).ToList();
            WarcioCheck.AssertPasses(files);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
