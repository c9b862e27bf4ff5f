using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Isop.Cases;

/// <summary>Chromium is absent, failed, or did not finish in time; the message says which, with the end of its stderr.</summary>
public sealed class PdfPrintException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Prints an HTML page to PDF with Debian's headless Chromium, in a private temporary folder (its own profile) that
/// is removed afterwards. The page must be self-contained (CSS inlined): Chromium is given no way to fetch anything.
/// </summary>
public sealed class ChromiumPdf(string? chromiumPath = null, TimeSpan? timeout = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "chromium", "chromium-browser"];
    private const int StderrTail = 2000;

    public TimeSpan Timeout { get; } = timeout ?? DefaultTimeout;

    /// <summary>The Chromium that would run: the configured path, else the first of Debian's names found.</summary>
    public string? Program => chromiumPath is not null ? (File.Exists(chromiumPath) ? chromiumPath : null) : Candidates.Select(Find).FirstOrDefault(p => p is not null);

    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        var program = Program ?? throw new PdfPrintException(chromiumPath is not null
            ? $"Chromium was not found at {chromiumPath}"
            : "Chromium was not found (/usr/bin/chromium or chromium-browser; Debian package chromium)");
        var folder = Directory.CreateTempSubdirectory("isop-pdf-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(page, html, new UTF8Encoding(false), ct);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = folder.FullName,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-pdf-header-footer",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync", "--disable-component-update",
                // Every host name fails to resolve: a page that does reference the outside fetches nothing.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + Path.Combine(folder.FullName, "profile"),
                "--print-to-pdf=" + pdf,
                new Uri(page).AbsoluteUri,
            })
                start.ArgumentList.Add(argument);
            // Chromium also writes under HOME and the XDG folders; they are kept inside the private folder.
            start.Environment["HOME"] = folder.FullName;
            start.Environment["XDG_CONFIG_HOME"] = Path.Combine(folder.FullName, "config");
            start.Environment["XDG_CACHE_HOME"] = Path.Combine(folder.FullName, "cache");

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new PdfPrintException($"{program} did not start");
            }
            catch (Win32Exception e)
            {
                throw new PdfPrintException($"{program} could not be started: {e.Message}", e);
            }
            using (process)
            {
                process.StandardInput.Close();
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(Timeout);
                try
                {
                    await process.WaitForExitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                    ct.ThrowIfCancellationRequested();
                    throw new PdfPrintException($"{program} did not print the PDF within {Timeout.TotalSeconds:0.#} s and was stopped{Tail(await Collected(stderr))}");
                }
                var errors = await Collected(stderr);
                if (process.ExitCode != 0) throw new PdfPrintException($"{program} failed (exit code {process.ExitCode}){Tail(errors)}");
                if (!File.Exists(pdf)) throw new PdfPrintException($"{program} wrote no PDF{Tail(errors)}");
                var bytes = await File.ReadAllBytesAsync(pdf, ct);
                if (!bytes.AsSpan().StartsWith("%PDF-"u8)) throw new PdfPrintException($"{program} wrote a file that is not a PDF{Tail(errors)}");
                return bytes;
            }
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A Chromium helper may still hold its profile for a moment; the system's cleaner takes the rest.
            }
        }
    }

    /// <summary>
    /// What Chromium wrote to stderr. A helper it left running (the crash reporter) may hold the pipe open after it
    /// exits, so the rest is waited for a few seconds only.
    /// </summary>
    private static async Task<string> Collected(Task<string> stderr)
    {
        try
        {
            return await stderr.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            return "";
        }
    }

    private static string Tail(string stderr)
    {
        var text = stderr.Trim();
        if (text.Length == 0) return "";
        return ": " + (text.Length > StderrTail ? "…" + text[^StderrTail..] : text);
    }

    private static string? Find(string name)
    {
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
