using System.Diagnostics;

namespace Isop.Peers;

/// <summary>
/// Webrecorder's reference reader, <c>../shared/peers/warcio-check FILE…</c> (<c>warcio check -v</c>), run on WARC files
/// Isop wrote. Absent, the test is skipped with the reason, or fails when CI is set: CI must prove the files read.
/// </summary>
internal static class WarcioCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static string Tool()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Isop.slnx"))) continue;
            var tool = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "peers", "warcio-check"));
            if (File.Exists(tool)) return tool;
            Unavailable($"the reference WARC reader {tool} is not present beside the repository");
        }
        Unavailable("the repository root (Isop.slnx) was not found above " + AppContext.BaseDirectory);
        return "";
    }

    /// <summary>Runs the peer on the files; returns its exit code and everything it printed.</summary>
    public static (int Code, string Output) Run(IReadOnlyList<string> files)
    {
        Assert.NotEmpty(files);
        var tool = Tool();
        // The first run installs warcio into a shared virtual environment: one installer at a time, across test processes.
        using var installing = new Mutex(false, "isop-warcio-check");
        if (!installing.WaitOne(Patience)) Unavailable($"another process held the warcio installation for {Patience.TotalMinutes} minutes");
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var file in files) start.ArgumentList.Add(file);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            if (!process.WaitForExit(Patience))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{tool} did not finish in {Patience.TotalMinutes} minutes");
            }
            var output = stdout.Result + stderr.Result;
            // Installation trouble (no python3-venv, no apt) is not a verdict on the files: warcio names every file it reads.
            if (process.ExitCode != 0 && !files.Any(f => output.Contains(f, StringComparison.Ordinal)))
                Unavailable($"{tool} could not run (exit {process.ExitCode}): {output.Trim()}");
            return (process.ExitCode, output);
        }
        finally
        {
            installing.ReleaseMutex();
        }
    }

    /// <summary>Asserts that warcio verifies every block and payload digest of every file.</summary>
    public static void AssertPasses(IReadOnlyList<string> files)
    {
        var (code, output) = Run(files);
        Assert.True(code == 0, $"warcio check failed (exit {code}):\n{output}");
        Assert.DoesNotContain("not checked", output, StringComparison.Ordinal);
        Assert.Contains("digest pass", output, StringComparison.Ordinal);
    }

    private static void Unavailable(string why)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail("CI is set, so warcio check must run, but " + why);
        Assert.Skip($"warcio check not run: {why}.");
    }
}
