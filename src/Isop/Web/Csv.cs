namespace Isop.Web;

/// <summary>CSV that spreadsheets open safely: every cell quoted, and no cell read as a formula.</summary>
public static class Csv
{
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // =, +, -, @, tab and CR start a formula in spreadsheets (CSV injection).
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        // Every cell quoted: a spreadsheet that splits on ';' (French, Korean Excel) still keeps each cell whole.
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A line of cells, ended by CR LF (RFC 4180).</summary>
    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";
}
