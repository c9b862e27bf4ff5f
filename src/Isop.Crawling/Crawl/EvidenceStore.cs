using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Isop.Crawling.Fetching;
using Isop.Crawling.Warc;

namespace Isop.Crawling.Crawl;

/// <summary>Where an exchange was recorded: the response (or, without one, the metadata) record.</summary>
public sealed record EvidenceLocation(string WarcFile, long Offset, string RecordId, string? PayloadDigest);

/// <summary>One WARC file of a capture, as the manifest lists it.</summary>
public sealed record EvidenceFile(string Name, long Bytes, string Sha256, int Records);

/// <summary>
/// Writes every exchange of a crawl into WARC 1.1 files (a gzip member per record) under one folder, opening
/// each file with a warcinfo record and starting a new file past a size limit, and writes a manifest with each
/// file's SHA-256 when the capture is closed. Safe to call from several crawl workers.
/// </summary>
public sealed class EvidenceStore : IDisposable
{
    public static string SoftwareVersion { get; } =
        typeof(EvidenceStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private readonly string folder;
    private readonly long maxFileBytes;
    private readonly TimeProvider time;
    private readonly IReadOnlyDictionary<string, string> info;
    private readonly Lock sync = new();
    private readonly List<(string Name, int Records)> closed = [];
    private readonly DateTimeOffset started;
    private FileStream? stream;
    private WarcWriter? writer;
    private string? currentName;
    private string? warcinfoId;
    private int records;
    private int sequence;

    public EvidenceStore(string folder, IReadOnlyDictionary<string, string> info, TimeProvider? time = null, long maxFileBytes = 1L << 30)
    {
        this.folder = folder;
        this.maxFileBytes = maxFileBytes;
        this.time = time ?? TimeProvider.System;
        this.info = info;
        started = this.time.GetUtcNow();
        // Evidence is for the account that runs the crawl only (folders it creates are 0700).
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The warcinfo fields for a crawl: who, with what, from where, when and why.</summary>
    public static Dictionary<string, string> Describe(string? @operator, string? purpose, FetchOptions fetch, RobotsPolicy robots) => new()
    {
        ["software"] = $"Isop/{SoftwareVersion} (Stop Online Piracy evidence crawler)",
        ["format"] = "WARC File Format 1.1",
        ["conformsTo"] = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        ["operator"] = string.IsNullOrWhiteSpace(@operator) ? Environment.UserName : @operator,
        ["hostname"] = Environment.MachineName,
        ["description"] = string.IsNullOrWhiteSpace(purpose) ? "Evidence capture of suspected piracy platforms" : purpose,
        ["http-header-user-agent"] = fetch.UserAgent,
        ["robots"] = robots == RobotsPolicy.Respect ? "obey" : "ignore",
    };

    /// <summary>Records one exchange: request, response (with address, truncation and digests), cross-referenced.</summary>
    public EvidenceLocation? Record(FetchHop hop)
    {
        if (hop.Status is null) return null;
        lock (sync)
        {
            var w = Writer();
            var requestId = WarcWriter.NewRecordId();
            var responseId = WarcWriter.NewRecordId();
            var responseHeaders = new List<(string, string)> { ("WARC-Concurrent-To", requestId), ("WARC-Warcinfo-ID", warcinfoId!) };
            if (hop.Address is not null) responseHeaders.Insert(0, ("WARC-IP-Address", hop.Address.ToString()));
            if (hop.WarcTruncated is not null) responseHeaders.Add(("WARC-Truncated", hop.WarcTruncated));
            var block = new byte[hop.ResponseHead.Length + hop.RawBody.Length];
            hop.ResponseHead.CopyTo(block, 0);
            hop.RawBody.CopyTo(block, hop.ResponseHead.Length);
            w.Write("request", hop.Url.AbsoluteUri, hop.RequestHead, [("WARC-Concurrent-To", responseId), ("WARC-Warcinfo-ID", warcinfoId!)], recordId: requestId, date: hop.Started);
            var response = w.Write("response", hop.Url.AbsoluteUri, block, responseHeaders, recordId: responseId, date: hop.Started);
            records += 2;
            var digest = "sha256:" + Base32.Encode(SHA256.HashData(hop.RawBody));
            return new EvidenceLocation(currentName!, response.Offset, responseId, digest);
        }
    }

    /// <summary>A metadata record about a target: outcome, certificate, extraction results.</summary>
    public EvidenceLocation RecordMetadata(Uri target, string? refersTo, object content, DateTimeOffset? date = null)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(content, CrawlJson.Options);
        lock (sync)
        {
            var w = Writer();
            var headers = new List<(string, string)> { ("Content-Type", "application/json"), ("WARC-Warcinfo-ID", warcinfoId!) };
            if (refersTo is not null) headers.Insert(0, ("WARC-Refers-To", refersTo));
            var written = w.Write("metadata", target.AbsoluteUri, json, headers, payloadDigest: false, date: date);
            records++;
            return new EvidenceLocation(currentName!, written.Offset, written.RecordId, null);
        }
    }

    private WarcWriter Writer()
    {
        if (writer is not null && stream!.Position < maxFileBytes) return writer;
        CloseFile();
        do currentName = string.Create(CultureInfo.InvariantCulture, $"ISOP-{started:yyyyMMddHHmmss}-{sequence++:D5}.warc.gz");
        while (File.Exists(Path.Combine(folder, currentName))); // a resumed capture adds files beside the first ones
        stream = new FileStream(Path.Combine(folder, currentName), FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        writer = new WarcWriter(stream, time);
        var fields = new Dictionary<string, string>(info) { ["isPartOf"] = $"ISOP-{started:yyyyMMddHHmmss}" };
        warcinfoId = writer.WriteInfo(fields, currentName).RecordId;
        records = 1;
        return writer;
    }

    private void CloseFile()
    {
        if (writer is null) return;
        writer.Dispose();
        stream!.Flush(flushToDisk: true);
        stream.Dispose();
        closed.Add((currentName!, records));
        writer = null;
        stream = null;
    }

    /// <summary>Closes the current file and lists every file with its size and SHA-256.</summary>
    public IReadOnlyList<EvidenceFile> Complete()
    {
        lock (sync)
        {
            CloseFile();
            return [.. closed.Select(f =>
            {
                var path = Path.Combine(folder, f.Name);
                using var file = File.OpenRead(path);
                return new EvidenceFile(f.Name, file.Length, Convert.ToHexStringLower(SHA256.HashData(file)), f.Records);
            })];
        }
    }

    /// <summary>Writes manifest.json beside the evidence folder, atomically.</summary>
    public static void WriteManifest(string path, object manifest)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(manifest, CrawlJson.Indented));
        File.Move(temporary, path, overwrite: true);
    }

    public void Dispose()
    {
        lock (sync) CloseFile();
    }
}

/// <summary>The JSON of crawl output: web names, no nulls, text readable in every script.</summary>
public static class CrawlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
