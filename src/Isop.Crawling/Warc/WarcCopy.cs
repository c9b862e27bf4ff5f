using System.IO.Compression;
using System.Text;

namespace Isop.Crawling.Warc;

/// <summary>
/// Copies WARC records as they were read: the same version line, headers in their order, block and record id, so every
/// digest the record declares still holds; each record its own gzip member, like the files they came from.
/// </summary>
public static class WarcCopy
{
    public static void Append(Stream output, WarcRecord record)
    {
        var header = new StringBuilder();
        header.Append(record.Version.StartsWith("WARC/", StringComparison.Ordinal) ? record.Version : "WARC/" + record.Version).Append("\r\n");
        foreach (var (name, value) in record.Headers)
        {
            if (name.Contains('\r') || name.Contains('\n') || value.Contains('\r') || value.Contains('\n'))
                throw new ArgumentException($"the WARC header {WarcReader.Printable(name)} of {WarcReader.Printable(record.Id)} is not one line");
            header.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        header.Append("\r\n");
        using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        gzip.Write(Encoding.UTF8.GetBytes(header.ToString()));
        gzip.Write(record.Block);
        gzip.Write("\r\n\r\n"u8);
    }
}
