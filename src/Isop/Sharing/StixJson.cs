using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Isop.Sharing;

/// <summary>STIX 2.1's identifiers and timestamps, as the specification writes them.</summary>
public static class StixJson
{
    /// <summary>The namespace of STIX cyber-observable identifiers (STIX 2.1, section 2.9).</summary>
    public static readonly Guid ObservableNamespace = Guid.Parse("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /// <summary>
    /// A cyber-observable's identifier: a UUIDv5 in the STIX namespace of its id-contributing properties, serialised
    /// per RFC 8785 (JSON canonicalisation), so that every producer names the same observable alike.
    /// </summary>
    public static string ObservableId(string type, JsonObject contributing) =>
        $"{type}--{UuidV5(ObservableNamespace, Encoding.UTF8.GetBytes(Canonical(contributing)))}";

    /// <summary>
    /// A stable identifier for a domain object (UUIDv4 in form, as STIX recommends for SDOs and SROs), derived from
    /// what the object stands for: exporting again names it alike, so a partner's import finds it again.
    /// </summary>
    public static string StableId(string type, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"isop\n{type}\n{key}"), hash);
        var bytes = hash[..16].ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return $"{type}--{new Guid(bytes, bigEndian: true)}";
    }

    /// <summary>RFC 4122 name-based UUID, SHA-1 (version 5).</summary>
    public static Guid UuidV5(Guid ns, ReadOnlySpan<byte> name)
    {
        var input = new byte[16 + name.Length];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input.AsSpan(16));
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>
    /// RFC 8785 canonical JSON of strings, integers, booleans, arrays and objects (the values id-contributing
    /// properties hold): members sorted by UTF-16 code units, no white space, minimal string escapes.
    /// </summary>
    public static string Canonical(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject o:
                text.Append('{');
                var first = true;
                foreach (var (name, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    WriteString(text, name);
                    text.Append(':');
                    Write(text, value);
                }
                text.Append('}');
                break;
            case JsonArray a:
                text.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Write(text, a[i]);
                }
                text.Append(']');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                WriteString(text, v.GetValue<string>());
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                // Integers only among the id-contributing properties of STIX's observables (ports, numbers).
                text.Append(v.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture) : v.ToJsonString());
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }

    /// <summary>A STIX timestamp to the millisecond (what <c>created</c> and <c>modified</c> must carry): 2026-12-01T10:00:00.000Z.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        Milliseconds(at).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A TAXII timestamp to the microsecond (date_added, X-TAXII-Date-Added-*).</summary>
    public static string Microseconds(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A version as TAXII states it (manifests, versions, statuses): to the millisecond unless it is finer.</summary>
    public static string Version(DateTimeOffset at) => at.UtcTicks % TimeSpan.TicksPerMillisecond == 0 ? Timestamp(at) : Microseconds(at);

    public static DateTimeOffset Milliseconds(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    /// <summary>
    /// Reads a STIX/TAXII timestamp (RFC 3339, upper-case T and Z, UTC, any fraction of a second). Refuses offsets and
    /// lower-case letters, which STIX forbids.
    /// </summary>
    public static bool TryParseTimestamp(string? text, out DateTimeOffset at)
    {
        at = default;
        // yyyy-MM-ddTHH:mm:ss, then nothing or a fraction of any length, then Z: read by position (a culture-aware parse
        // costs more than the rest of reading an object).
        if (text is null || text.Length is < 20 or > 40 || text[^1] != 'Z') return false;
        var s = text.AsSpan();
        if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!Number(s[..4], out var year) || !Number(s.Slice(5, 2), out var month) || !Number(s.Slice(8, 2), out var day)
            || !Number(s.Slice(11, 2), out var hour) || !Number(s.Slice(14, 2), out var minute) || !Number(s.Slice(17, 2), out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        long ticks = 0;
        if (s.Length > 20)
        {
            if (s[19] != '.') return false;
            var digits = s[20..^1];
            if (digits.IsEmpty) return false;
            for (var i = 0; i < digits.Length; i++)
            {
                if (!char.IsAsciiDigit(digits[i])) return false;
                if (i < 7) ticks = ticks * 10 + (digits[i] - '0');
            }
            for (var i = digits.Length; i < 7; i++) ticks *= 10;
        }
        at = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks), TimeSpan.Zero);
        return true;

        static bool Number(ReadOnlySpan<char> digits, out int value)
        {
            value = 0;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c)) return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }
    }

    /// <summary>Whether a STIX identifier is well formed: <c>type--UUID</c>, with the type given.</summary>
    public static bool IsIdentifier(string? id, string? type = null)
    {
        if (id is null) return false;
        var dash = id.IndexOf("--", StringComparison.Ordinal);
        if (dash <= 0 || !Guid.TryParseExact(id.AsSpan(dash + 2), "D", out _) || !IsTypeName(id[..dash])) return false;
        return type is null || string.Equals(id[..dash], type, StringComparison.Ordinal);
    }

    /// <summary>STIX 2.1 type names: 3 to 250 characters, lower-case ASCII letters, digits and hyphens, no "--" (it separates the type from the UUID).</summary>
    public static bool IsTypeName(string? type) =>
        type is { Length: >= 3 and <= 250 } && type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !type.Contains("--", StringComparison.Ordinal);
}
