using System.Text.Json;
using Isop.Cli;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Cli;

public sealed class WarcCommandTests
{
    [Fact]
    public async Task Warc_verify_reports_each_file_and_fails_when_one_is_broken()
    {
        var good = SharedData.Find("warc/example.warc.gz");
        var bad = SharedData.Find("warc/example-digest.warc");
        if (good is null || bad is null) Assert.Skip("../shared/data/warc is not present beside the repository.");
        var stdout = new StringWriter();
        var code = await IsopCommand.Create(stdout, new StringWriter()).Parse(["warc", "verify", "--json", good, bad])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.True(lines[0].GetProperty("valid").GetBoolean());
        Assert.False(lines[1].GetProperty("valid").GetBoolean());
        Assert.Equal(1, lines[1].GetProperty("problems").GetArrayLength());
    }
}
