using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Isop.Cases;

/// <summary>
/// Who exported which case, when, with what: the part of the manifest that is not the file list. The case id is as
/// the case records give it (a GUID or a reference number).
/// </summary>
public sealed record PackageHeader(string CaseId, string CaseTitle, string ExportedByName, string ExportedByOrganisation, DateTimeOffset ExportedAt, string SoftwareVersion)
{
    /// <summary>Errors by field; empty when the header can be written.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        Require(nameof(CaseId), CaseId);
        Require(nameof(CaseTitle), CaseTitle);
        Require(nameof(ExportedByName), ExportedByName);
        Require(nameof(ExportedByOrganisation), ExportedByOrganisation);
        Require(nameof(SoftwareVersion), SoftwareVersion);
        // ZIP entry times cannot say anything before 1980 or after 2107.
        if (ExportedAt.Year is < 1980 or > 2107) errors[nameof(ExportedAt)] = "must be between 1980 and 2107";
        return errors;

        void Require(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) errors[field] = "is required";
            else if (value.Any(char.IsControl)) errors[field] = "must be one line without control characters";
        }
    }
}

/// <summary>One file of the package as the manifest lists it.</summary>
public sealed record PackageEntry(string Path, long Size, string Sha256);

/// <summary>
/// <c>manifest.json</c>: the format id, the header and every file with its size and SHA-256. The signature and the
/// time-stamp are over its exact bytes, so a verifier reads them, never a re-serialisation.
/// </summary>
public sealed record PackageManifest(PackageHeader Header, IReadOnlyList<PackageEntry> Files)
{
    public const string Format = "isop-evidence/1";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteStartObject("case");
            json.WriteString("id", Header.CaseId);
            json.WriteString("title", Header.CaseTitle);
            json.WriteEndObject();
            json.WriteStartObject("exportedBy");
            json.WriteString("name", Header.ExportedByName);
            json.WriteString("organisation", Header.ExportedByOrganisation);
            json.WriteEndObject();
            json.WriteString("exportedAt", Header.ExportedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("software", Header.SoftwareVersion);
            json.WriteStartArray("files");
            foreach (var file in Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteNumber("size", file.Size);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The manifest in <paramref name="bytes"/>, or what is wrong with it: the byte, line or field, in words.</summary>
    public static PackageManifest? Parse(byte[] bytes, out IReadOnlyList<string> errors)
    {
        var found = new List<string>();
        errors = found;
        if (InvalidUtf8(bytes) is { } bad)
        {
            found.Add(bad);
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            found.Add($"not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1} of that line");
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                found.Add($"the manifest is a JSON {Kind(root)}, not an object");
                return null;
            }
            var format = Text(root, "format", "format");
            if (format is not null && format != Format) found.Add($"format is \"{Shown(format)}\", not \"{Format}\": this is not an Isop evidence package this version can verify");
            var caseObject = Object(root, "case", "case");
            var exportedBy = Object(root, "exportedBy", "exportedBy");
            var caseId = caseObject is { } c ? Text(c, "id", "case.id") : null;
            var caseTitle = caseObject is { } t ? Text(t, "title", "case.title") : null;
            var name = exportedBy is { } n ? Text(n, "name", "exportedBy.name") : null;
            var organisation = exportedBy is { } o ? Text(o, "organisation", "exportedBy.organisation") : null;
            var exportedAtText = Text(root, "exportedAt", "exportedAt");
            DateTimeOffset exportedAt = default;
            if (exportedAtText is not null && !DateTimeOffset.TryParse(exportedAtText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out exportedAt))
                found.Add($"exportedAt \"{Shown(exportedAtText)}\" is not an ISO 8601 time");
            var software = Text(root, "software", "software");
            var files = new List<PackageEntry>();
            if (!root.TryGetProperty("files", out var list)) found.Add("files is missing");
            else if (list.ValueKind != JsonValueKind.Array) found.Add($"files is a JSON {Kind(list)}, not an array");
            else
            {
                var index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    var at = $"files[{index++}]";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        found.Add($"{at} is a JSON {Kind(item)}, not an object");
                        continue;
                    }
                    var path = Text(item, "path", at + ".path");
                    var sha = Text(item, "sha256", at + ".sha256");
                    long size = -1;
                    if (!item.TryGetProperty("size", out var sizeElement)) found.Add($"{at}.size is missing");
                    else if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt64(out size) || size < 0)
                        found.Add($"{at}.size is not a whole number of bytes");
                    if (path is not null && PackagePaths.Problem(path) is { } pathProblem) found.Add($"{at}.path \"{Shown(path)}\" {pathProblem}");
                    else if (path is not null && PackagePaths.IsReserved(path)) found.Add($"{at}.path \"{path}\" is one of the package's own files, which the manifest does not list");
                    if (sha is not null && (sha.Length != 64 || !sha.All(ch => char.IsAsciiDigit(ch) || ch is >= 'a' and <= 'f')))
                        found.Add($"{at}.sha256 \"{Shown(sha)}\" is not 64 lowercase hexadecimal digits");
                    if (path is not null && files.Any(f => string.Equals(f.Path, path, StringComparison.OrdinalIgnoreCase)))
                        found.Add($"{at}.path \"{Shown(path)}\" is listed twice");
                    if (path is not null && sha is not null && size >= 0) files.Add(new PackageEntry(path, size, sha));
                }
            }
            if (found.Count > 0) return null;
            return new PackageManifest(new PackageHeader(caseId!, caseTitle!, name!, organisation!, exportedAt, software!), files);

            string? Text(JsonElement parent, string property, string field)
            {
                if (!parent.TryGetProperty(property, out var value)) found.Add($"{field} is missing");
                else if (value.ValueKind != JsonValueKind.String) found.Add($"{field} is a JSON {Kind(value)}, not a string");
                else return value.GetString();
                return null;
            }

            JsonElement? Object(JsonElement parent, string property, string field)
            {
                if (!parent.TryGetProperty(property, out var value)) found.Add($"{field} is missing");
                else if (value.ValueKind != JsonValueKind.Object) found.Add($"{field} is a JSON {Kind(value)}, not an object");
                else return value;
                return null;
            }
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static string Shown(string text) => Crawling.Warc.WarcReader.Printable(text.Length > 80 ? text[..80] + "…" : text);

    /// <summary>Where the bytes stop being UTF-8, by byte and line; null when they are UTF-8 throughout.</summary>
    private static string? InvalidUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Max(0, e.Index);
            var line = 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            return $"not valid UTF-8: byte {at + 1} (line {line}) is 0x{(at < bytes.Length ? bytes[at] : 0):x2}";
        }
    }
}

/// <summary>The rule for a path inside a package: the same for what is written and what is read.</summary>
internal static class PackagePaths
{
    public const string Manifest = "manifest.json";
    public const string Signature = "manifest.json.p7s";
    public const string Timestamp = "manifest.tsr";
    public const int MaxLength = 1024;

    public static bool IsReserved(string path) => path is Manifest or Signature or Timestamp;

    /// <summary>Why the path could not name a file inside the package safely, or null.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0) return "is empty";
        if (path.Length > MaxLength) return $"is longer than {MaxLength} characters";
        // The ZIP reader turns undecodable name bytes into U+FFFD.
        if (path.Any(c => char.IsControl(c) || c == '\uFFFD')) return "holds control characters or bytes that are not UTF-8";
        if (path.Contains('\\')) return "uses a backslash: package paths use forward slashes only";
        if (path.StartsWith('/')) return "is absolute: package paths are relative";
        if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])) return "names a drive: package paths are relative";
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..") return "climbs out of the package (..)";
            if (segment.Length == 0 || segment == ".") return "has an empty or \".\" segment";
        }
        return null;
    }
}
