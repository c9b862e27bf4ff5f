using System.CommandLine;
using Isop.Crawling.Warc;

namespace Isop.Cli;

/// <summary><c>isop warc verify</c>: structure and digests of WARC files, one report per file.</summary>
internal static class EvidenceCommands
{
    /// <summary>A file is not valid WARC, or a digest does not match: the evidence cannot be trusted.</summary>
    public const int Invalid = 2;

    /// <summary>A file could not be read (missing, a folder, no permission); nothing is said about its content.</summary>
    public const int Unreadable = 3;

    public static Command Warc(Option<bool> jsonOption, TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "WARC files (.warc or .warc.gz).", Arity = ArgumentArity.OneOrMore };
        var verify = new Command("verify", $"Check WARC files: record structure and every block and payload digest; exit code {Invalid} if any problem, {Unreadable} if a file could not be read.");
        verify.Arguments.Add(files);
        verify.SetAction(async (r, ct) =>
        {
            var output = new Output(r.GetValue(jsonOption), stdout, stderr);
            int broken = 0, unreadable = 0;
            foreach (var file in r.GetValue(files)!)
            {
                ct.ThrowIfCancellationRequested();
                WarcVerification result;
                try
                {
                    if (Directory.Exists(file.FullName)) throw new IOException("is a folder, not a file");
                    if (!file.Exists) throw new FileNotFoundException("no such file");
                    await using var stream = file.OpenRead();
                    result = WarcVerifier.Verify(stream);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Not evidence of tampering: the file could not be read at all.
                    output.Error($"{file}: could not be read: {(e is FileNotFoundException ? "no such file" : e.Message)}");
                    unreadable++;
                    continue;
                }
                if (!result.Valid) broken++;
                if (output.Json)
                {
                    output.WriteJson(new
                    {
                        file = file.ToString(), valid = result.Valid, records = result.Records, digests = result.DigestsChecked,
                        problems = result.Problems.Select(p => new { offset = p.Offset, record = p.RecordId, message = p.Message }),
                    });
                }
                else
                {
                    await stdout.WriteLineAsync($"{file}: {(result.Valid ? "valid" : "INVALID")} — {result.Records} records, {result.DigestsChecked} digests checked");
                    foreach (var p in result.Problems) await stdout.WriteLineAsync($"  at byte {p.Offset} {p.RecordId}: {p.Message}");
                }
            }
            return broken > 0 ? Invalid : unreadable > 0 ? Unreadable : 0;
        });
        var warc = new Command("warc", "WARC evidence files.");
        warc.Subcommands.Add(verify);
        return warc;
    }
}
