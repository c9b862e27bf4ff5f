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

/// <summary>A CSV file that is not RFC 4180: the line where reading stopped, and why.</summary>
public sealed class CsvFormatException(int line, string message) : Exception($"line {line}: {message}")
{
    public int Line { get; } = line;
}

/// <summary>Reads RFC 4180 CSV (quoted cells with doubled quotes, CR LF or LF line ends, a BOM ignored), row by row with the line each starts on.</summary>
public static class CsvReader
{
    public static IEnumerable<(int Line, IReadOnlyList<string> Cells)> Read(string text, int maxRows)
    {
        var at = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        var rows = 0;
        while (at < text.Length)
        {
            var start = line;
            var cells = new List<string>();
            var cell = new System.Text.StringBuilder();
            var ended = false;
            while (!ended)
            {
                if (at < text.Length && text[at] == '"')
                {
                    at++;
                    while (true)
                    {
                        if (at >= text.Length) throw new CsvFormatException(start, "a quoted cell is not closed (a \" is missing)");
                        var c = text[at++];
                        if (c == '"')
                        {
                            if (at < text.Length && text[at] == '"') { cell.Append('"'); at++; continue; }
                            break;
                        }
                        if (c == '\n') line++;
                        cell.Append(c);
                    }
                    if (at < text.Length && text[at] is not (',' or '\r' or '\n'))
                        throw new CsvFormatException(line, $"expected a comma or the end of the line after a quoted cell, got '{text[at]}'");
                }
                else
                {
                    while (at < text.Length && text[at] is not (',' or '\r' or '\n'))
                    {
                        if (text[at] == '"') throw new CsvFormatException(line, "a \" inside an unquoted cell (quote the cell and double the \")");
                        cell.Append(text[at++]);
                    }
                }
                cells.Add(cell.ToString());
                cell.Clear();
                if (at >= text.Length) ended = true;
                else if (text[at] == ',') at++;
                else
                {
                    if (text[at] == '\r') at++;
                    if (at < text.Length && text[at] == '\n') at++;
                    line++;
                    ended = true;
                }
            }
            if (cells.Count == 1 && cells[0].Length == 0) continue;
            if (++rows > maxRows) throw new CsvFormatException(start, $"more than {maxRows} rows");
            yield return (start, cells);
        }
    }
}
