using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Isop.Web;

/// <summary>A column of an export: its header (in the reader's language) and its value in a row.</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Lists as CSV or XLSX files, for spreadsheets: the rows the caller sees on screen with the same filters and order,
/// read from the database a batch at a time (memory does not grow with the rows), at most <see cref="MaxRows"/>
/// (the <c>X-Isop-Total</c> and <c>X-Isop-Truncated</c> headers say when there were more). Cells are machine values:
/// ISO 8601 UTC times, TLP labels, invariant numbers; only the header row is in the reader's language.
/// </summary>
public static class Exports
{
    /// <summary>The most rows an export holds: beyond, narrow the filters.</summary>
    public const int MaxRows = 100_000;

    /// <summary>Rows read from the database at a time.</summary>
    public const int Batch = 1_000;

    /// <summary>The route constraint of the file name's extension: <c>export.csv</c> or <c>export.xlsx</c>.</summary>
    public const string Route = "export.{format:regex(^(csv|xlsx)$)}";

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Writes the export to the response: <paramref name="read"/> gives page n (from 1) of <see cref="Batch"/> rows in a
    /// total order. CSV streams as it is read (UTF-8 with a BOM, so that spreadsheets read Hangul); XLSX is built in a
    /// temporary file that is deleted when it is sent.
    /// </summary>
    public static async Task WriteAsync<T>(HttpContext http, string format, string name, IReadOnlyList<ExportColumn<T>> columns, int total,
        Func<int, int, CancellationToken, Task<IReadOnlyList<T>>> read, CancellationToken ct)
    {
        var xlsx = format == "xlsx";
        var response = http.Response;
        var rows = Math.Min(total, MaxRows);
        var file = $"{name}-{DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{(xlsx ? "xlsx" : "csv")}";
        response.ContentType = xlsx ? XlsxType : "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = Ascii(file), FileNameStar = file }.ToString();
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Isop-Total"] = total.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Isop-Rows"] = rows.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Isop-Truncated"] = total > MaxRows ? "true" : "false";
        var header = columns.Select(c => c.Header).ToList();
        if (xlsx)
        {
            await using var temporary = PrivateFiles.Create(PrivateFiles.TemporaryPath("isop-export", ".xlsx"), FileAccess.ReadWrite,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous, 64 * 1024);
            using (var writer = new XlsxWriter(temporary, name, header))
            {
                await foreach (var row in RowsAsync(read, rows, ct)) writer.AddRow([.. columns.Select(c => c.Value(row))]);
                writer.Finish();
            }
            response.ContentLength = temporary.Length;
            temporary.Position = 0;
            await temporary.CopyToAsync(response.Body, ct);
            return;
        }
        await using var text = new StreamWriter(response.Body, new UTF8Encoding(true), 16 * 1024, leaveOpen: true);
        await text.WriteAsync(Csv.Row(header));
        await foreach (var row in RowsAsync(read, rows, ct))
            await text.WriteAsync(string.Join(',', columns.Select(c => CsvCell(c.Value(row)))) + "\r\n");
        await text.FlushAsync(ct);
    }

    private static async IAsyncEnumerable<T> RowsAsync<T>(Func<int, int, CancellationToken, Task<IReadOnlyList<T>>> read, int rows,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var written = 0;
        for (var page = 1; written < rows; page++)
        {
            var batch = await read(page, Batch, ct);
            foreach (var row in batch.Take(rows - written)) yield return row;
            written += Math.Min(batch.Count, rows - written);
            if (batch.Count < Batch) break;
        }
    }

    /// <summary>A CSV cell: numbers as invariant numbers, times as ISO 8601 UTC, text quoted and guarded (<see cref="Csv.Cell"/>).</summary>
    public static string CsvCell(object? value) => value switch
    {
        null => "",
        int or long or short or byte or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        DateTimeOffset at => Iso(at),
        bool b => b ? "true" : "false",
        _ => Csv.Cell(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A file name for a platform's rows: its first domain (ASCII), else its id.</summary>
    public static string Slug(string? domain, Guid id) =>
        domain is { Length: > 0 } && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') ? domain : id.ToString("N");

    private static string Ascii(string file) => new([.. file.Select(c => char.IsAscii(c) && !char.IsControl(c) && c != '"' ? c : '_')]);
}
