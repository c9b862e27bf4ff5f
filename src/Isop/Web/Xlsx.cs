using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Isop.Web;

/// <summary>
/// A minimal SpreadsheetML (XLSX) writer: one worksheet, written row by row into the ZIP as it goes (memory does not
/// grow with the rows). Text is an inline string and never a formula, so a cell reading <c>=HYPERLINK(…)</c> stays
/// that text; characters XML cannot carry (controls, lone surrogates) become U+FFFD; the header row is bold and frozen;
/// dates are real dates (UTC) shown as <c>yyyy-mm-dd hh:mm:ss</c>; numbers are numbers.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    /// <summary>What a cell holds at most (Excel's limit); longer text is cut.</summary>
    public const int MaxCellText = 32_767;

    private const int BoldStyle = 1;
    private const int DateStyle = 2;

    private readonly ZipArchive _zip;
    private readonly XmlWriter _sheet;
    private int _rows;
    private bool _finished;

    /// <summary>Starts a workbook of one sheet on a stream (left open), with its header row.</summary>
    public XlsxWriter(Stream output, string sheetName, IReadOnlyList<string> header)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""");
        Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
        // Styles: 0 plain, 1 bold (the header), 2 a date and time (custom format 164).
        Part("xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm:ss"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""");
        using (var workbook = XmlWriter.Create(_zip.CreateEntry("xl/workbook.xml", CompressionLevel.Fastest).Open(), Settings))
        {
            workbook.WriteStartElement("workbook", Main);
            workbook.WriteAttributeString("xmlns", "r", null, Relationships);
            workbook.WriteStartElement("sheets", Main);
            workbook.WriteStartElement("sheet", Main);
            workbook.WriteAttributeString("name", SheetName(sheetName));
            workbook.WriteAttributeString("sheetId", "1");
            workbook.WriteAttributeString("id", Relationships, "rId1");
            workbook.WriteEndElement();
            workbook.WriteEndElement();
            workbook.WriteEndElement();
        }

        _sheet = XmlWriter.Create(_zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open(), Settings);
        _sheet.WriteStartElement("worksheet", Main);
        _sheet.WriteStartElement("sheetViews", Main);
        _sheet.WriteStartElement("sheetView", Main);
        _sheet.WriteAttributeString("workbookViewId", "0");
        _sheet.WriteStartElement("pane", Main);
        _sheet.WriteAttributeString("ySplit", "1");
        _sheet.WriteAttributeString("topLeftCell", "A2");
        _sheet.WriteAttributeString("activePane", "bottomLeft");
        _sheet.WriteAttributeString("state", "frozen");
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        if (header.Count > 0)
        {
            _sheet.WriteStartElement("cols", Main);
            _sheet.WriteStartElement("col", Main);
            _sheet.WriteAttributeString("min", "1");
            _sheet.WriteAttributeString("max", header.Count.ToString(CultureInfo.InvariantCulture));
            _sheet.WriteAttributeString("width", "20");
            _sheet.WriteAttributeString("customWidth", "1");
            _sheet.WriteEndElement();
            _sheet.WriteEndElement();
        }
        _sheet.WriteStartElement("sheetData", Main);
        WriteRow(header.Select(h => (object?)h).ToList(), BoldStyle);
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Entitize: a CR in captured text is written &#xD; so that reading it back does not turn it into LF.
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), CloseOutput = true, NewLineHandling = NewLineHandling.Entitize };

    /// <summary>Rows written so far, the header included.</summary>
    public int Rows => _rows;

    /// <summary>
    /// One row. A string is text, a number (int, long, double, decimal) a number, a <see cref="DateTimeOffset"/> a date
    /// in UTC, a bool TRUE or FALSE, null an empty cell; anything else is written as its invariant text.
    /// </summary>
    public void AddRow(IReadOnlyList<object?> cells)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        WriteRow(cells, 0);
    }

    private void WriteRow(IReadOnlyList<object?> cells, int style)
    {
        _rows++;
        var row = _rows.ToString(CultureInfo.InvariantCulture);
        _sheet.WriteStartElement("row", Main);
        _sheet.WriteAttributeString("r", row);
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is null) continue;
            _sheet.WriteStartElement("c", Main);
            _sheet.WriteAttributeString("r", Column(i) + row);
            switch (cells[i])
            {
                case int or long or short or byte or decimal:
                    Number(style, Convert.ToString(cells[i], CultureInfo.InvariantCulture)!);
                    break;
                case double d when double.IsFinite(d):
                    Number(style, d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case float f when float.IsFinite(f):
                    Number(style, ((double)f).ToString("R", CultureInfo.InvariantCulture));
                    break;
                case DateTimeOffset at:
                    _sheet.WriteAttributeString("s", (style == 0 ? DateStyle : style).ToString(CultureInfo.InvariantCulture));
                    _sheet.WriteElementString("v", Main, at.UtcDateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture));
                    break;
                case bool b:
                    if (style != 0) _sheet.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
                    _sheet.WriteAttributeString("t", "b");
                    _sheet.WriteElementString("v", Main, b ? "1" : "0");
                    break;
                default:
                    Text(style, Convert.ToString(cells[i], CultureInfo.InvariantCulture) ?? "");
                    break;
            }
            _sheet.WriteEndElement();
        }
        _sheet.WriteEndElement();
    }

    private void Number(int style, string value)
    {
        if (style != 0) _sheet.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        _sheet.WriteElementString("v", Main, value);
    }

    // An inline string: text is never a formula (<f>), whatever it starts with.
    private void Text(int style, string value)
    {
        if (style != 0) _sheet.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        _sheet.WriteAttributeString("t", "inlineStr");
        _sheet.WriteStartElement("is", Main);
        _sheet.WriteStartElement("t", Main);
        _sheet.WriteAttributeString("xml", "space", null, "preserve");
        _sheet.WriteString(XmlSafe(value));
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
    }

    /// <summary>
    /// The text as XML 1.0 can carry it: a character outside its range (a control other than tab, LF and CR; U+FFFE,
    /// U+FFFF; a lone surrogate) becomes U+FFFD; cut to <see cref="MaxCellText"/> characters, never inside a pair.
    /// </summary>
    public static string XmlSafe(string value)
    {
        var length = Math.Min(value.Length, MaxCellText);
        if (length < value.Length && char.IsHighSurrogate(value[length - 1])) length--;
        StringBuilder? safe = null;
        for (var i = 0; i < length; i++)
        {
            var c = value[i];
            var ok = c switch
            {
                '\t' or '\n' or '\r' => true,
                < '\u0020' => false,
                '\uFFFE' or '\uFFFF' => false,
                _ when char.IsHighSurrogate(c) => i + 1 < length && char.IsLowSurrogate(value[i + 1]),
                _ when char.IsLowSurrogate(c) => i > 0 && char.IsHighSurrogate(value[i - 1]),
                _ => true,
            };
            if (ok && safe is null) continue;
            safe ??= new StringBuilder(value, 0, i, length);
            safe.Append(ok ? c : '\uFFFD');
        }
        return safe?.ToString() ?? (length == value.Length ? value : value[..length]);
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. XmlSafe(name).Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '_' : c)]).Trim('\'');
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>The letters of a column from 0: A, …, Z, AA, ….</summary>
    public static string Column(int index)
    {
        var letters = new StringBuilder();
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters.Insert(0, (char)('A' + (n - 1) % 26));
        return letters.ToString();
    }

    /// <summary>Ends the sheet and the ZIP; the stream stays open.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.Dispose();
        _zip.Dispose();
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            _sheet.Dispose();
            _zip.Dispose();
        }
    }

    private void Part(string name, string xml)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }
}
