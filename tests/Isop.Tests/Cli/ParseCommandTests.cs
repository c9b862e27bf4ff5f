using System.Text;
using System.Text.Json;
using Isop.Cli;

namespace Isop.Tests.Cli;

public sealed class ParseCommandTests
{
    private static async Task<(int Code, string[] Lines)> RunAsync(string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var code = await IsopCommand.Create(stdout, new StringWriter(), stdin is null ? null : new StringReader(stdin))
            .Parse(["parse", .. args]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Names_as_arguments_give_one_JSON_object_each_with_absent_fields_omitted()
    {
        var (code, lines) = await RunAsync(null, "--json", "Queen.of.Tears.E05.240316.720p-NEXT", "IU - LILAC (2021) [FLAC]");
        Assert.Equal(0, code);
        Assert.Equal(2, lines.Length);
        Assert.Equal("""{"input":"Queen.of.Tears.E05.240316.720p-NEXT","title":"Queen of Tears","episodes":[5],"airDate":"2024-03-16","resolution":"720p","group":"NEXT","kind":"episode"}""", lines[0]);
        var music = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("music", music.GetProperty("kind").GetString());
        Assert.False(music.TryGetProperty("season", out _));
        Assert.False(music.TryGetProperty("proper", out _));
    }

    [Fact]
    public async Task Lines_on_stdin_come_out_in_order_one_for_one_even_empty_and_hostile_ones()
    {
        var input = new StringBuilder();
        for (var i = 0; i < 5000; i++) input.Append(i % 7 == 0 ? "" : $"Show.Name.S01E{i % 100:00}.720p.HDTV.x264-GRP{i}").Append('\n');
        input.Append("\u202e\ud800 [[[ ((\n");
        var (code, lines) = await RunAsync(input.ToString(), "--json");
        Assert.Equal(0, code);
        Assert.Equal(5001, lines.Length);
        for (var i = 0; i < 5000; i++)
        {
            var o = JsonDocument.Parse(lines[i]).RootElement;
            if (i % 7 == 0) Assert.Equal("", o.GetProperty("input").GetString());
            else Assert.Equal($"GRP{i}", o.GetProperty("group").GetString());
        }
    }

    [Fact]
    public async Task Without_json_each_name_is_one_readable_line()
    {
        var (_, lines) = await RunAsync(null, "Parasite.2019.KOREAN.1080p.BluRay.x264.DTS-FGT");
        Assert.Equal("Parasite  (2019)  1080p  Blu-ray  H.264  DTS  audio:ko  -FGT  [movie]", Assert.Single(lines));
    }
}
