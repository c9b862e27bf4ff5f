using System.Diagnostics;

namespace Isop.Tests.Sharing;

/// <summary>
/// OASIS's own STIX and TAXII tools (the validator, the stix2 library, taxii2-client, medallion), in the Python
/// environment that <c>../shared/peers/stix-setup</c> builds. Absent, a test is skipped with the reason, or fails when
/// CI is set: CI must prove that partners' tools read what Isop writes.
/// </summary>
internal static class StixPeers
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? s_python;

    /// <summary>The environment's python, set up on first use (about 30 s the first time on a machine).</summary>
    public static async Task<string> PythonAsync()
    {
        if (s_python is not null) return s_python;
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (s_python is not null) return s_python;
            var setup = Setup();
            // One installer at a time, across test processes; the mutex is taken and released on one thread.
            var (code, output) = await Task.Run(() =>
            {
                using var installing = new Mutex(false, "isop-stix-peers");
                if (!installing.WaitOne(Patience)) return (-1, $"another process held the STIX tools' installation for {Patience.TotalMinutes} minutes");
                try
                {
                    return RunAsync(setup, [], null).GetAwaiter().GetResult();
                }
                finally
                {
                    installing.ReleaseMutex();
                }
            });
            var python = output.Trim().Split('\n').LastOrDefault()?.Trim();
            if (code != 0 || python is null || !File.Exists(python)) Unavailable($"{setup} failed (exit {code}): {output.Trim()}");
            s_python = python;
            return python!;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A tool of the environment (stix2_validator, medallion) beside its python.</summary>
    public static async Task<string> ToolAsync(string name) => Path.Combine(Path.GetDirectoryName(await PythonAsync())!, name);

    private static string Setup()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Isop.slnx"))) continue;
            var tool = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "peers", "stix-setup"));
            if (File.Exists(tool)) return tool;
            Unavailable($"the OASIS tools' setup {tool} is not present beside the repository");
        }
        Unavailable("the repository root (Isop.slnx) was not found above " + AppContext.BaseDirectory);
        return "";
    }

    /// <summary>Runs a program with arguments (and stdin), returns its exit code and everything it printed.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments, string? input, TimeSpan? patience = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish in {(patience ?? Patience).TotalMinutes} minutes");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs a Python script in the environment.</summary>
    public static async Task<(int Code, string Output)> PythonAsync(string script, params string[] arguments) =>
        await RunAsync(await PythonAsync(), ["-c", script, .. arguments], null);

    private static void Unavailable(string why)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail("CI is set, so OASIS's STIX tools must run, but " + why);
        Assert.Skip($"OASIS's STIX tools not run: {why}.");
    }
}
