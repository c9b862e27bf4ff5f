using System.Text.Json;
using Isop.Cli;

namespace Isop.Tests.Cli;

public sealed class HashMatchCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "isop-hashmatch", Guid.NewGuid().ToString("N"));

    private const string A = "f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22";
    // A with the first digit changed (f → e: one bit) and the last (2 → 3: one bit): distance 2
    private const string NearA = "e8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b23";
    private const string B = "0000000000000000000000000000000000000000000000000000000000000000";

    public HashMatchCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<(int Code, string[] Lines, string Stderr)> RunAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IsopCommand.Create(stdout, stderr, new StringReader(stdin)).Parse(["hash-match", .. args])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    [Fact]
    public async Task Queries_on_stdin_get_their_matches_in_order_from_a_text_bank_or_a_saved_one()
    {
        var bank = Path.Combine(_folder, "bank.txt");
        await File.WriteAllTextAsync(bank, $"poster-1\t{A}\n{B}\n", TestContext.Current.CancellationToken);
        var saved = Path.Combine(_folder, "bank.bin");
        var (code, lines, _) = await RunAsync($"{NearA}\nnot-a-hash\n{B}\n", "--bank", bank, "--json", "--save-bank", saved);
        Assert.Equal(0, code);
        Assert.Equal(3, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(NearA, first.GetProperty("query").GetString());
        var match = Assert.Single(first.GetProperty("matches").EnumerateArray());
        Assert.Equal("poster-1", match.GetProperty("id").GetString());
        Assert.Equal(2, match.GetProperty("distance").GetInt32());
        Assert.Equal("expected 64 hexadecimal digits", JsonDocument.Parse(lines[1]).RootElement.GetProperty("error").GetString());
        Assert.Equal("1", JsonDocument.Parse(lines[2]).RootElement.GetProperty("matches")[0].GetProperty("id").GetString());

        var again = await RunAsync($"{NearA}\n", "--bank", saved, "--json", "--radius", "1");
        Assert.Empty(JsonDocument.Parse(again.Lines[0]).RootElement.GetProperty("matches").EnumerateArray());
    }

    [Fact]
    public async Task A_bad_bank_line_is_named()
    {
        var bank = Path.Combine(_folder, "bad.txt");
        await File.WriteAllTextAsync(bank, $"{A}\n{A}\nxyz\n", TestContext.Current.CancellationToken);
        var (code, _, stderr) = await RunAsync("", "--bank", bank);
        Assert.Equal(1, code);
        Assert.Contains("bad.txt: line 3: expected 64 hexadecimal digits", stderr, StringComparison.Ordinal);
        var radius = await RunAsync("", "--bank", bank, "--radius", "300");
        Assert.Contains("--radius: expected 0 to 256", radius.Stderr, StringComparison.Ordinal);
    }
}
