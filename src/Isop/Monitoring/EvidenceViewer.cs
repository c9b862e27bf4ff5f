using System.Net.Http.Headers;
using System.Security.Cryptography;
using Isop.Crawling.Warc;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

/// <summary>A digest a record declares, computed again from the bytes it covers.</summary>
public sealed record DigestCheck(string Header, string? Declared, string Computed, bool? Matches, string? Problem);

/// <summary>One captured record as the viewer shows it: its WARC headers, the HTTP response, its digests checked, and how its body is served.</summary>
public sealed record EvidenceView(
    Guid PlatformId, string Platform, string File, long Offset, IReadOnlyList<KeyValuePair<string, string>> WarcHeaders,
    CapturedResponse? Response, IReadOnlyList<DigestCheck> Digests, string ServedType, bool Inline)
{
    public bool Cut => Response?.Cut == true;
}

/// <summary>
/// Reads one record of a platform's evidence for the viewer: only a caller who may see the platform, only in the
/// platform's own evidence folder (<see cref="MonitoringApi.ReadRecord"/>). A wrong file or offset is "not found",
/// never an error page; the body is shown up to <see cref="MaxBody"/> and served apart, under a sandbox policy.
/// </summary>
public static class EvidenceViewer
{
    /// <summary>Bodies are shown up to 5 MiB; the rest is in the WARC record.</summary>
    public const int MaxBody = 5 * 1024 * 1024;

    /// <summary>What a captured body may do in the viewer's frame: nothing loads from anywhere, no script runs, no form is sent.</summary>
    public const string BodyPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    /// <summary>The WARC headers the viewer names first, in this order.</summary>
    public static readonly string[] KeyHeaders =
        ["WARC-Type", "WARC-Target-URI", "WARC-Date", "WARC-IP-Address", "WARC-Record-ID", "WARC-Payload-Digest", "WARC-Block-Digest"];

    public static async Task<EvidenceView?> ReadAsync(IsopDb db, MonitorSettings settings, Guid id, string? file, long? offset, CancellationToken ct)
    {
        var platform = await db.Platforms.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync(ct);
        if (platform is null || string.IsNullOrEmpty(file) || offset is not >= 0) return null;
        WarcRecord? record;
        try
        {
            record = MonitoringApi.ReadRecord(settings, id, file, offset.Value);
        }
        catch (Exception e) when (e is WarcFormatException or InvalidDataException or ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
        if (record is null) return null;
        var response = CapturedResponse.Of(record, MaxBody);
        var (type, inline) = Served(response);
        return new EvidenceView(id, platform, file, offset.Value, record.Headers, response, Digests(record), type, inline);
    }

    private static List<DigestCheck> Digests(WarcRecord record)
    {
        var checks = new List<DigestCheck>();
        foreach (var (header, bytes) in new[] { ("WARC-Block-Digest", record.Block), ("WARC-Payload-Digest", record.Payload.ToArray()) })
        {
            var declared = record[header];
            var algorithm = declared?.Split(':')[0].Trim().ToLowerInvariant();
            var computed = algorithm is "sha1" or "sha-1" ? "sha1:" + Crawling.Base32.Encode(SHA1.HashData(bytes)) : "sha256:" + Crawling.Base32.Encode(SHA256.HashData(bytes));
            var problem = declared is null ? null : WarcVerifier.Check(declared, bytes);
            checks.Add(new DigestCheck(header, declared, computed, declared is null ? null : problem is null, problem));
        }
        return checks;
    }

    /// <summary>
    /// The type the body is served with: its own when it is HTML or plain text (with its charset), plain text for other
    /// text (scripts, JSON, XML are shown, never run), and a download for anything else.
    /// </summary>
    public static (string Type, bool Inline) Served(CapturedResponse? response)
    {
        if (response is null) return ("text/plain; charset=utf-8", true);
        var declared = response["Content-Type"];
        if (declared is null || !MediaTypeHeaderValue.TryParse(declared, out var media) || media.MediaType is null) return ("text/plain; charset=utf-8", true);
        var charset = media.CharSet?.Trim('"') is { Length: > 0 and <= 40 } c && c.All(x => char.IsAsciiLetterOrDigit(x) || x is '-' or '_' or '.' or ':') ? c : null;
        var withCharset = charset is null ? "" : $"; charset={charset}";
        var type = media.MediaType.ToLowerInvariant();
        if (type is "text/html" or "text/plain") return (type + withCharset, true);
        if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("+json", StringComparison.Ordinal) || type.EndsWith("+xml", StringComparison.Ordinal)
            || type is "application/json" or "application/xml" or "application/javascript" or "application/x-javascript" or "application/ecmascript")
            return ("text/plain" + withCharset, true);
        return ("application/octet-stream", false);
    }
}
