using System.CommandLine;
using Isop.Crawling.Warc;

namespace Isop.Cli;

/// <summary><c>isop warc verify</c>: structure and digests of WARC files, one report per file.</summary>
internal static class EvidenceCommands
{
    public static Command Warc(Option<bool> jsonOption, TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "WARC files (.warc or .warc.gz).", Arity = ArgumentArity.OneOrMore };
        var verify = new Command("verify", "Check WARC files: record structure and every block and payload digest; exit code 2 if any problem.");
        verify.Arguments.Add(files);
        verify.SetAction(async (r, ct) =>
        {
            var output = new Output(r.GetValue(jsonOption), stdout, stderr);
            var broken = 0;
            foreach (var file in r.GetValue(files)!)
            {
                ct.ThrowIfCancellationRequested();
                if (!file.Exists)
                {
                    output.Error($"{file}: no such file");
                    broken++;
                    continue;
                }
                WarcVerification result;
                await using (var stream = file.OpenRead()) result = WarcVerifier.Verify(stream);
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
            return broken == 0 ? 0 : 2;
        });
        var warc = new Command("warc", "WARC evidence files.");
        warc.Subcommands.Add(verify);
        return warc;
    }
}
