using System.Text.Json;
using Isop.Cli;

namespace Isop.Tests.Cli;

public sealed class MatchCommandTests : IDisposable
{
    private readonly string _catalogue = Path.Combine(Path.GetTempPath(), $"isop-match-{Guid.NewGuid():N}.json");

    public MatchCommandTests() => File.WriteAllText(_catalogue, """
        {"works": [{"id": "K002", "kind": "series", "year": 2024, "episodes": 16,
          "titles": [{"text": "눈물의 여왕", "lang": "ko"}, {"text": "Queen of Tears", "lang": "en"}, {"text": "La Reine des larmes", "lang": "fr"}]}]}
        """);

    public void Dispose() => File.Delete(_catalogue);

    private async Task<(int Code, string[] Lines, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IsopCommand.Create(stdout, stderr, stdin is null ? null : new StringReader(stdin))
            .Parse(["match", .. args]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    [Fact]
    public async Task Each_listing_line_gives_the_work_episode_confidence_and_reasons_in_order()
    {
        var (code, lines, _) = await RunAsync("눈물의 여왕 5회 다시보기\nWatch Something Else Episode 2\nQueen.of.Tears.E05.240316.720p-NEXT\n", "--catalogue", _catalogue, "--json");
        Assert.Equal(0, code);
        Assert.Equal(3, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("K002", first.GetProperty("work").GetString());
        Assert.Equal("눈물의 여왕", first.GetProperty("title").GetString());
        Assert.Equal(5, first.GetProperty("episode").GetInt32());
        Assert.True(first.GetProperty("confidence").GetDouble() >= 0.9);
        Assert.NotEqual(0, first.GetProperty("reasons").GetArrayLength());
        var second = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal(JsonValueKind.Null, second.GetProperty("work").ValueKind);
        Assert.Equal("K002", JsonDocument.Parse(lines[2]).RootElement.GetProperty("work").GetString());
    }

    [Fact]
    public async Task A_missing_or_broken_catalogue_is_a_clear_error()
    {
        var missing = await RunAsync(null, "--catalogue", "/nonexistent/cat.json", "x");
        Assert.Equal(1, missing.Code);
        Assert.Contains("no such file", missing.Stderr, StringComparison.Ordinal);
        File.WriteAllText(_catalogue, """{"works": [{"id": "X", "kind": "opera", "titles": [{"text": "A", "lang": "en"}]}]}""");
        var broken = await RunAsync(null, "--catalogue", _catalogue, "x");
        Assert.Equal(1, broken.Code);
        Assert.Contains("$.works[0].kind: expected one of film, series, music, webtoon", broken.Stderr, StringComparison.Ordinal);
    }
}
