using Isop.Cases;
using Isop.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Isop.Tests.Cases;

public sealed class ChromiumPdfTests
{
    private const string Report = """
        <!doctype html>
        <html lang="ko"><head><meta charset="utf-8"><title>사건 보고서</title>
        <style>body { font-family: "NanumGothic", sans-serif; } h1 { font-size: 20pt; }</style></head>
        <body><h1>사건 보고서 — 눈물의 여왕</h1><p>Evidence package for case 6f1c2a9e.</p></body></html>
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Korean_report_prints_to_a_PDF_that_holds_its_text()
    {
        var chromium = ExternalTools.Require("chromium", "chromium");
        var pdf = await new ChromiumPdf(chromium).PrintAsync(Report, Ct);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        // Chromium places glyphs by position, without space characters between words: letters and digits are compared.
        var text = new string([.. document.GetPages().SelectMany(p => p.Text).Where(char.IsLetterOrDigit)]);
        Assert.Contains("Evidencepackageforcase6f1c2a9e", text, StringComparison.Ordinal);
        Assert.Contains("사건보고서눈물의여왕", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_Chromium_is_named()
    {
        var e = await Assert.ThrowsAsync<PdfPrintException>(() => new ChromiumPdf("/nonexistent/chromium").PrintAsync(Report, Ct));
        Assert.Equal("Chromium was not found at /nonexistent/chromium", e.Message);
    }

    [Fact]
    public async Task A_failing_Chromium_is_reported_with_the_end_of_its_stderr()
    {
        using var folder = new TemporaryFolder();
        var fake = Script(folder, "echo 'ERROR:headless_shell.cc: cannot open display' >&2; exit 3");
        var e = await Assert.ThrowsAsync<PdfPrintException>(() => new ChromiumPdf(fake).PrintAsync(Report, Ct));
        Assert.Equal($"{fake} failed (exit code 3): ERROR:headless_shell.cc: cannot open display", e.Message);
    }

    [Fact]
    public async Task A_Chromium_that_hangs_is_stopped_at_the_timeout()
    {
        using var folder = new TemporaryFolder();
        var fake = Script(folder, "echo 'waiting for nothing' >&2; sleep 600");
        var e = await Assert.ThrowsAsync<PdfPrintException>(() => new ChromiumPdf(fake, TimeSpan.FromSeconds(2)).PrintAsync(Report, Ct));
        Assert.Equal($"{fake} did not print the PDF within 2 s and was stopped: waiting for nothing", e.Message);
    }

    [Fact]
    public async Task A_Chromium_that_writes_no_PDF_is_named()
    {
        using var folder = new TemporaryFolder();
        var fake = Script(folder, "exit 0");
        var e = await Assert.ThrowsAsync<PdfPrintException>(() => new ChromiumPdf(fake).PrintAsync(Report, Ct));
        Assert.Equal($"{fake} wrote no PDF", e.Message);
    }

    private static string Script(TemporaryFolder folder, string body)
    {
        var path = Path.Combine(folder.Path, "chromium");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
