using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Isop.Crawling.Crawl;
using Isop.Crawling.Warc;
using Isop.Data;
using Isop.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cases;

/// <summary>What an export needs beyond the case: where the evidence is, the keys, the time-stamp authority, the printer.</summary>
public sealed record CaseExportSettings(string EvidenceRoot, string KeysFolder, Uri? TimestampAuthority, ChromiumPdf? Printer);

/// <summary>One record in the chain of custody: who captured what, when, from which address, with which software.</summary>
public sealed record CustodyRecord(
    string File, string RecordId, string Type, string? TargetUri, DateTimeOffset? CapturedAt, string? IpAddress, string? BlockDigest, string? PayloadDigest,
    string Platform, Guid PlatformId, Guid? RunId, string? Software, string? Operator, string? Hostname, string SourceFile, long SourceOffset,
    string AttachedBy, DateTimeOffset AttachedAt, string? Description);

/// <summary>The export itself in the chain of custody.</summary>
public sealed record CustodyExport(string ExportedBy, string Organisation, DateTimeOffset ExportedAt, string Software, string Hostname);

public sealed record CustodyLog(string Case, string Title, CustodyExport Export, IReadOnlyList<CustodyRecord> Records, IReadOnlyList<string> Missing);

/// <summary>
/// Writes a case's evidence package: its WARC records copied unchanged (with the warcinfo of each source file), the
/// chain of custody, a report in HTML and PDF, and the signed, time-stamped manifest over all of it
/// (<see cref="EvidencePackage"/>). Reads as the caller: only evidence the caller may see goes in.
/// </summary>
public sealed class CaseExport(IsopDb db, CaseReads reads, CaseExportSettings settings, HttpClient http)
{
    public sealed record Result(PackageWritten Package, int Records, IReadOnlyList<string> Missing);

    /// <summary>A package ready to send (a private temporary file, deleted when the stream closes), or why none could be written.</summary>
    public sealed record Download(Stream? File, string? Problem);

    /// <summary>
    /// Writes the package to a private temporary file first: a failure (no Chromium, time-stamp authority down) is a
    /// problem saying so, never half a ZIP. Null: no case of that id that the caller may read.
    /// </summary>
    public async Task<Download?> DownloadAsync(Guid caseId, bool pdf, CancellationToken ct)
    {
        var temporary = Web.PrivateFiles.TemporaryPath("isop-package", ".zip");
        try
        {
            Result? result;
            await using (var file = Web.PrivateFiles.Create(temporary))
                result = await WriteAsync(caseId, file, pdf, ct);
            if (result is null)
            {
                File.Delete(temporary);
                return null;
            }
            return new Download(new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous), null);
        }
        catch (Exception e) when (e is PdfPrintException or TimestampException)
        {
            File.Delete(temporary);
            return new Download(null, e is PdfPrintException ? $"printing the PDF report failed: {e.Message}" : e.Message);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The file name of a case's package: <c>case-{first 8 of the id}-evidence.zip</c>.</summary>
    public static string PackageName(Guid id) => $"case-{id.ToString("N")[..8]}-evidence.zip";

    public async Task<Result?> WriteAsync(Guid caseId, Stream output, bool pdf, CancellationToken ct, IProgress<string>? progress = null)
    {
        var view = await reads.GetAsync(caseId, ct);
        if (view is null) return null;
        var evidence = await db.CaseEvidence.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.PlatformId).ThenBy(e => e.WarcFile).ThenBy(e => e.WarcOffset).ToListAsync(ct);
        var platformIds = evidence.Select(e => e.PlatformId).Distinct().ToList();
        var platforms = await db.Platforms.AsNoTracking().Where(p => platformIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var organisation = db.Caller.OrganisationId is { } org ? await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == org, ct) : null;
        var exportedAt = db.Time.GetUtcNow();
        var monitor = new MonitorSettings(settings.EvidenceRoot);

        var files = new List<PackageFile>();
        var custody = new List<CustodyRecord>();
        var missing = new List<string>();
        // The WARC copies go to a private folder, not to memory: a case may rely on gigabytes of captures.
        var scratch = Directory.CreateTempSubdirectory("isop-export-");
        try
        {
            foreach (var group in evidence.GroupBy(e => e.PlatformId))
            {
                ct.ThrowIfCancellationRequested();
                var name = platforms.GetValueOrDefault(group.Key, group.Key.ToString());
                progress?.Report($"{name}: {group.Count()} records");
                var copy = Path.Combine(scratch.FullName, group.Key.ToString("N") + ".warc.gz");
                await using var warc = File.Create(copy);
                var infos = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
                var path = $"evidence/{Slug(name)}-{group.Key.ToString("N")[..8]}.warc.gz";
                foreach (var item in group)
                {
                    WarcRecord? record;
                    try { record = MonitoringApi.ReadRecord(monitor, item.PlatformId, item.WarcFile, item.WarcOffset); }
                    catch (Exception e) when (e is WarcFormatException or InvalidDataException or IOException) { record = null; }
                    if (record is null)
                    {
                        missing.Add($"{item.WarcFile} at byte {item.WarcOffset} ({item.Url}): no WARC record there any more");
                        continue;
                    }
                    if (!infos.TryGetValue(item.WarcFile, out var info))
                    {
                        info = [];
                        // The warcinfo that opens the source file says who captured, with what, from where.
                        try
                        {
                            if (MonitoringApi.ReadRecord(monitor, item.PlatformId, item.WarcFile, 0) is { Type: "warcinfo" } head)
                            {
                                WarcCopy.Append(warc, head);
                                info = Fields(head.Block);
                            }
                        }
                        catch (Exception e) when (e is WarcFormatException or InvalidDataException or IOException) { }
                        infos[item.WarcFile] = info;
                    }
                    WarcCopy.Append(warc, record);
                    custody.Add(new CustodyRecord(path, record.Id, record.Type, record["WARC-Target-URI"], Date(record["WARC-Date"]), record["WARC-IP-Address"],
                        record["WARC-Block-Digest"], record["WARC-Payload-Digest"], name, item.PlatformId, item.RunId, info.GetValueOrDefault("software"),
                        info.GetValueOrDefault("operator"), info.GetValueOrDefault("hostname"), item.WarcFile, item.WarcOffset, item.AddedBy, item.AddedAt, item.Description));
                }
                if (warc.Length > 0) files.Add(new PackageFile(path, () => File.OpenRead(copy)));
            }

            var export = new CustodyExport(db.Caller.Name, organisation?.Name ?? "local operator", exportedAt, $"Isop/{EvidenceStore.SoftwareVersion}", Environment.MachineName);
            var log = new CustodyLog(view.Id.ToString(), view.Title, export, custody, missing);
            files.Add(PackageFile.FromBytes("custody.json", JsonSerializer.SerializeToUtf8Bytes(log, CustodyJson)));
            var html = Report(view, log);
            files.Add(PackageFile.FromBytes("report.html", Encoding.UTF8.GetBytes(html)));
            if (pdf)
            {
                progress?.Report("report.pdf: printing with headless Chromium");
                var printer = settings.Printer ?? new ChromiumPdf();
                files.Add(PackageFile.FromBytes("report.pdf", await printer.PrintAsync(html, ct)));
            }

            var keys = OrganisationKeys.Open(settings.KeysFolder, db.Time);
            var signer = organisation is null
                ? keys.SignerFor(Guid.Empty, "Isop local operator", null)
                : keys.SignerFor(organisation.Id, organisation.Name, organisation.Country);
            Timestamper? stamp = settings.TimestampAuthority is { } tsa ? (bytes, token) => TimestampClient.RequestAsync(tsa, bytes, http, token) : null;
            var header = new PackageHeader(view.Id.ToString(), view.Title, db.Caller.Name, export.Organisation, exportedAt, export.Software);
            progress?.Report("manifest: signing" + (stamp is null ? "" : " and time-stamping"));
            var written = await EvidencePackage.WriteAsync(output, files, header, signer, stamp, ct);
            return new Result(written, custody.Count, missing);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static readonly JsonSerializerOptions CustodyJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static Dictionary<string, string> Fields(byte[] block)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Encoding.UTF8.GetString(block).Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        return fields;
    }

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    private static string Slug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Length == 0 ? "platform" : slug[..Math.Min(slug.Length, 40)];
    }

    /// <summary>The human-readable report: the case, what it links, and every record with its custody. Self-contained (no request leaves it).</summary>
    internal static string Report(CaseView view, CustodyLog log)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        static string T(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>").Append(E(view.Title)).Append("</title><style>")
            .Append("body{font-family:'DejaVu Sans','NanumGothic',sans-serif;font-size:10pt;margin:2em}h1{font-size:16pt}h2{font-size:12pt;margin-top:1.5em}")
            .Append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top;word-break:break-all}th{background:#eee}")
            .Append(".meta td:first-child{width:25%;font-weight:bold}</style></head><body>");
        html.Append("<h1>Evidence package — ").Append(E(view.Title)).Append("</h1>");
        html.Append("<table class=\"meta\"><tbody>")
            .Append("<tr><td>Case</td><td>").Append(E(view.Id.ToString())).Append("</td></tr>")
            .Append("<tr><td>TLP</td><td>TLP:").Append(E(Access.TlpLabels.Label(view.Tlp))).Append("</td></tr>")
            .Append("<tr><td>Status</td><td>").Append(E(Web.EnumNames.Of(view.Status))).Append(" (").Append(E(view.StatusChangedBy)).Append(", ").Append(T(view.StatusChangedAt)).Append(")</td></tr>")
            .Append("<tr><td>Lead organisation</td><td>").Append(E(view.LeadOrganisation)).Append("</td></tr>")
            .Append("<tr><td>Participants</td><td>").Append(E(string.Join(", ", view.Participants.Select(p => p.Name).Concat(view.NamedMembers.Select(m => m.Name))))).Append("</td></tr>")
            .Append("<tr><td>Exported by</td><td>").Append(E(log.Export.ExportedBy)).Append(" (").Append(E(log.Export.Organisation)).Append("), ").Append(T(log.Export.ExportedAt)).Append(", ").Append(E(log.Export.Software)).Append(" on ").Append(E(log.Export.Hostname)).Append("</td></tr>")
            .Append("</tbody></table>");
        if (!string.IsNullOrEmpty(view.Summary)) html.Append("<h2>Summary</h2><p>").Append(E(view.Summary).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        html.Append("<h2>Linked entities</h2><table><thead><tr><th>Kind</th><th>Name</th><th>Note</th></tr></thead><tbody>");
        foreach (var l in view.Links) html.Append("<tr><td>").Append(E(Web.EnumNames.Of(l.Kind))).Append("</td><td>").Append(E(l.Label)).Append("</td><td>").Append(E(l.Note)).Append("</td></tr>");
        html.Append("</tbody></table>");
        if (view.People.Count > 0)
        {
            html.Append("<h2>People</h2><table><thead><tr><th>Name</th><th>Aliases</th><th>Handles</th><th>Role</th></tr></thead><tbody>");
            foreach (var p in view.People)
                html.Append("<tr><td>").Append(E(p.Name)).Append("</td><td>").Append(E(string.Join(", ", p.Aliases))).Append("</td><td>").Append(E(string.Join(", ", p.Handles))).Append("</td><td>").Append(E(p.Role)).Append("</td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append("<h2>Evidence and chain of custody (").Append(log.Records.Count).Append(" records)</h2>")
            .Append("<table><thead><tr><th>Captured</th><th>URL</th><th>From address</th><th>Record and digests</th><th>Captured by</th><th>Attached</th></tr></thead><tbody>");
        foreach (var r in log.Records)
        {
            html.Append("<tr><td>").Append(T(r.CapturedAt)).Append("</td><td>").Append(E(r.TargetUri)).Append(r.Description is null ? "" : "<br><small>" + E(r.Description) + "</small>")
                .Append("</td><td>").Append(E(r.IpAddress)).Append("</td><td>").Append(E(r.File)).Append("<br>").Append(E(r.RecordId)).Append("<br>block ").Append(E(r.BlockDigest))
                .Append(r.PayloadDigest is null ? "" : "<br>payload " + E(r.PayloadDigest)).Append("</td><td>").Append(E(r.Software)).Append("<br>").Append(E(r.Operator)).Append(" on ").Append(E(r.Hostname))
                .Append("<br>run ").Append(E(r.RunId?.ToString())).Append("</td><td>").Append(E(r.AttachedBy)).Append("<br>").Append(T(r.AttachedAt)).Append("</td></tr>");
        }
        html.Append("</tbody></table>");
        if (log.Missing.Count > 0)
        {
            html.Append("<h2>Records not found in the evidence store</h2><ul>");
            foreach (var m in log.Missing) html.Append("<li>").Append(E(m)).Append("</li>");
            html.Append("</ul>");
        }
        html.Append("<p>Every file of this package is listed with its SHA-256 in manifest.json, signed by the exporting organisation (manifest.json.p7s)")
            .Append(" and, where configured, time-stamped (manifest.tsr, RFC 3161). Check it offline with <code>isop evidence verify PACKAGE.zip</code>.</p>");
        return html.Append("</body></html>").ToString();
    }
}
