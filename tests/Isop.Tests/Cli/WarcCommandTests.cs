using System.Text.Json;
using Isop.Cli;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Cli;

public sealed class WarcCommandTests
{
    [Fact]
    public async Task Warc_verify_reports_each_file_and_fails_when_one_is_broken()
    {
        var good = SharedData.Require("warc/example.warc.gz");
        var bad = SharedData.Require("warc/example-digest.warc");
        var stdout = new StringWriter();
        var code = await IsopCommand.Create(stdout, new StringWriter()).Parse(["warc", "verify", "--json", good, bad])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.True(lines[0].GetProperty("valid").GetBoolean());
        Assert.False(lines[1].GetProperty("valid").GetBoolean());
        Assert.Equal(1, lines[1].GetProperty("problems").GetArrayLength());
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Verify(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IsopCommand.Create(stdout, stderr).Parse(["warc", "verify", .. args]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_file_that_is_not_WARC_is_invalid_and_shown_as_printable_text_only()
    {
        var file = Path.GetTempFileName();
        try
        {
            // What a terminal would obey: clear the screen, set its title, ring; then a ZIP's bytes.
            await File.WriteAllBytesAsync(file, [.. "\u001b[2J\u001b]0;pwned\u0007"u8, 0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00, 0xc3, 0x28, .. "\n"u8], TestContext.Current.CancellationToken);
            var (code, stdout, stderr) = await Verify(file);
            Assert.Equal(EvidenceCommands.Invalid, code);
            Assert.Contains("INVALID", stdout, StringComparison.Ordinal);
            Assert.Contains(@"\x1B[2J\x1B]0;pwned\x07PK\x03\x04", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(stdout + stderr, c => char.IsControl(c) && c is not '\n' and not '\r');
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_file_or_a_folder_could_not_be_read_which_is_not_tampering()
    {
        var missing = Path.Combine(Path.GetTempPath(), "isop-no-such-" + Guid.NewGuid().ToString("N") + ".warc.gz");
        var (code, _, stderr) = await Verify(missing);
        Assert.Equal(EvidenceCommands.Unreadable, code);
        Assert.NotEqual(EvidenceCommands.Invalid, code);
        Assert.Contains($"{missing}: could not be read: no such file", stderr, StringComparison.Ordinal);

        var (folderCode, _, folderError) = await Verify(Path.GetTempPath());
        Assert.Equal(EvidenceCommands.Unreadable, folderCode);
        Assert.Contains("is a folder", folderError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_evidence_outranks_an_unreadable_file_in_the_exit_code()
    {
        var bad = SharedData.Require("warc/example-digest.warc");
        var (code, _, _) = await Verify(bad, Path.Combine(Path.GetTempPath(), "isop-no-such-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(EvidenceCommands.Invalid, code);
    }
}
