using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Isop.Access;

namespace Isop.Sharing;

/// <summary>What is wrong with one object of a bundle: which object (its place and id), which property, what was expected.</summary>
public sealed record StixProblem(int Index, string? Id, string Property, string Message)
{
    public override string ToString() => $"{(Index >= 0 ? $"objects[{Index}]" : "object")}{(Id is null ? "" : " " + Id)}: {Property}: {Message}";
}

/// <summary>A bundle (or TAXII envelope) read: the objects that are sound, and the problems of those that are not.</summary>
public sealed record StixBatch(string? BundleId, IReadOnlyList<StixItem> Items, IReadOnlyList<StixProblem> Problems, IReadOnlyDictionary<string, int> UnknownTypes, IReadOnlyList<string> Producers, int Total)
{
    /// <summary>How many of the objects each producer made (<see cref="Producers"/> orders them).</summary>
    public IReadOnlyDictionary<string, int> ProducerCounts { get; init; } = new Dictionary<string, int>();
}

/// <summary>A document that is not a STIX bundle at all (not JSON, not an object, no objects array).</summary>
public sealed class StixFormatException(string message) : Exception(message);

/// <summary>
/// Reads STIX 2.1 bundles and TAXII envelopes from partners: checks what the specification requires of every object
/// (type and id, spec_version, created and modified, references), finds its TLP in its markings, and keeps its JSON
/// as received. Objects of types STIX does not define are kept and counted, never dropped.
/// </summary>
public static class StixReader
{
    public static readonly IReadOnlySet<string> DomainObjects = new HashSet<string>(StringComparer.Ordinal)
    {
        "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator", "infrastructure", "intrusion-set", "location",
        "malware", "malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability",
        "relationship", "sighting", "extension-definition", "language-content",
    };

    public static readonly IReadOnlySet<string> Observables = new HashSet<string>(StringComparer.Ordinal)
    {
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex",
        "network-traffic", "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate",
    };

    /// <summary>Types that Isop itself defines by extension (see docs/stix.md): known, not "unknown".</summary>
    public static readonly IReadOnlySet<string> IsopTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        StixExtensions.IdentifierType, StixExtensions.WorkType, StixExtensions.WalletType,
    };

    public static bool IsKnown(string type) => DomainObjects.Contains(type) || Observables.Contains(type) || IsopTypes.Contains(type) || type == "marking-definition";

    internal static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Reads a bundle or envelope. Objects without a TLP marking take <paramref name="unmarked"/>. Throws
    /// <see cref="StixFormatException"/> when the document is not one at all.
    /// </summary>
    public static StixBatch Read(ReadOnlyMemory<byte> bytes, Tlp unmarked)
    {
        using var document = Open(bytes, unmarked);
        return document.Read(0, document.Total);
    }

    /// <summary>
    /// Parses a bundle or envelope, to read its objects a range at a time (<see cref="StixDocument.Read"/>). Throws
    /// <see cref="StixFormatException"/> when the document is not one at all.
    /// </summary>
    public static StixDocument Open(ReadOnlyMemory<byte> bytes, Tlp unmarked)
    {
        // Text that is not UTF-8 is refused whole, where it breaks (a reader would otherwise replace it unseen).
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            System.Text.Unicode.Utf8.ToUtf16(bytes.Span, new char[bytes.Length], out var valid, out _, replaceInvalidSequences: false);
            var line = bytes.Span[..valid].Count((byte)'\n') + 1;
            throw new StixFormatException($"not valid UTF-8: line {line}, byte {valid + 1} of the document");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            throw new StixFormatException($"not valid JSON: line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {FirstSentence(e.Message)}");
        }
        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new StixFormatException($"expected a STIX bundle (a JSON object with \"type\": \"bundle\"), got {Describe(root)}");
            string? bundleId = null;
            IReadOnlyList<JsonElement> objects;
            if (BadText(root, "", skipObjects: true) is { } badRoot) throw new StixFormatException($"{badRoot.Path}: {badRoot.Message}");
            if (root.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.ValueEquals("bundle")))
            {
                // A single object, as some producers write one per file.
                if (!root.TryGetProperty("id", out _))
                    throw new StixFormatException($"type: expected \"bundle\", got {Describe(type)}: import a bundle, a TAXII envelope or one STIX object with its id");
                objects = [root];
            }
            else
            {
                if (type.ValueKind == JsonValueKind.String)
                {
                    if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !StixJson.IsIdentifier(id.GetString(), "bundle"))
                        throw new StixFormatException("id: a bundle needs an id like bundle--5d0092c5-5f74-4287-9642-33f4c354e56d");
                    bundleId = id.GetString();
                }
                if (!root.TryGetProperty("objects", out var list))
                {
                    // An empty bundle or envelope may leave out its objects.
                    objects = [];
                }
                else
                {
                    if (list.ValueKind != JsonValueKind.Array) throw new StixFormatException($"objects: expected an array of STIX objects, got {Describe(list)}");
                    objects = [.. list.EnumerateArray()];
                }
            }

            // Marking definitions of the bundle that define a TLP level under their own id.
            var levels = new Dictionary<string, Tlp>(StringComparer.Ordinal);
            foreach (var o in objects)
            {
                try
                {
                    if (o.ValueKind == JsonValueKind.Object && Text(o, "type") == "marking-definition" && Text(o, "id") is { } mid && StixMarkings.LevelDefinedBy(o) is { } level)
                        levels[mid] = level;
                }
                catch (InvalidOperationException)
                {
                    // Text that is not valid Unicode: the object's own check reports it.
                }
            }
            // NUL characters and halves of surrogate pairs can only come as \u escapes: where the text has none, no string needs a look.
            // A document on one line (blank space around it aside) keeps its objects as received; one that spans lines has its
            // objects written compactly, whatever line each is on (so that an object's content hash is the same whether its
            // bundle is indented or has an object per line).
            var compact = bytes.Span.Trim(" \t\r\n"u8).IndexOfAny((byte)'\n', (byte)'\r', (byte)'\t') < 0;
            return new StixDocument(document, bundleId, objects, levels, unmarked, MayHoldBadText(bytes.Span), compact);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>Reads the objects from <paramref name="start"/> on, in slices on every core (a parsed document is safe to read from several threads), in their order.</summary>
    internal static StixBatch ReadRange(IReadOnlyList<JsonElement> objects, int start, int count, string? bundleId, IReadOnlyDictionary<string, Tlp> levels, Tlp unmarked, bool textToCheck, bool compact)
    {
        const int slice = 500;
        var parts = new (List<StixItem> Items, List<StixProblem> Problems, List<string?> Producers)[(count + slice - 1) / slice];
        Parallel.For(0, parts.Length, part =>
        {
            var items = new List<StixItem>(slice);
            var problems = new List<StixProblem>();
            var producers = new List<string?>(slice);
            // One hash for the slice: OpenSSL's one-shot call sets a digest up anew each time.
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (var index = start + part * slice; index < Math.Min(start + count, start + (part + 1) * slice); index++)
            {
                var before = problems.Count;
                var item = ReadObject(objects[index], index, levels, unmarked, problems, textToCheck, compact, sha);
                if (item is null || problems.Count > before) continue;
                items.Add(item);
                producers.Add(Text(objects[index], "created_by_ref"));
            }
            parts[part] = (items, problems, producers);
        });
        var all = new List<StixItem>(count);
        var problemsAll = new List<StixProblem>();
        var unknown = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byProducer = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (items, problems, producers) in parts)
        {
            all.AddRange(items);
            problemsAll.AddRange(problems);
            foreach (var item in items) if (!IsKnown(item.Type)) unknown[item.Type] = unknown.GetValueOrDefault(item.Type) + 1;
            foreach (var by in producers) if (by is not null) byProducer[by] = byProducer.GetValueOrDefault(by) + 1;
        }
        return new StixBatch(bundleId, all, problemsAll, unknown, Ordered(byProducer), count) { ProducerCounts = byProducer };
    }

    /// <summary>Producers, the most prolific first.</summary>
    internal static IReadOnlyList<string> Ordered(IReadOnlyDictionary<string, int> byProducer) =>
        byProducer.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();

    private static StixItem? ReadObject(JsonElement o, int index, IReadOnlyDictionary<string, Tlp> levels, Tlp unmarked, List<StixProblem> problems, bool textToCheck, bool compact, IncrementalHash sha)
    {
        if (o.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new StixProblem(index, null, "(object)", $"expected a STIX object, got {Describe(o)}"));
            return null;
        }
        // Before any value is read: strings no database keeps (NUL, half of a surrogate pair), and objects too large to serve.
        if (textToCheck && BadText(o, "") is { } bad)
        {
            problems.Add(new StixProblem(index, null, bad.Path.Length == 0 ? "(object)" : bad.Path, bad.Message));
            return null;
        }
        var size = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(o).Length;
        if (size > MaxObjectBytes)
        {
            problems.Add(new StixProblem(index, null, "(object)", $"{size} bytes: at most {MaxObjectBytes} bytes per STIX object"));
            return null;
        }
        var rawId = Text(o, "id");
        void Problem(string property, string message) => problems.Add(new StixProblem(index, rawId is { Length: <= 300 } ? rawId : rawId?[..300], property, message));

        var type = Text(o, "type");
        if (!StixJson.IsTypeName(type))
        {
            Problem("type", o.TryGetProperty("type", out var t)
                ? $"expected a STIX type (3 to 250 lower-case letters, digits and hyphens), got {Describe(t)}"
                : "missing: every STIX object has a type");
            return null;
        }
        if (rawId is null)
        {
            Problem("id", $"missing: expected an identifier like {type}--5d0092c5-5f74-4287-9642-33f4c354e56d");
            return null;
        }
        if (!StixJson.IsIdentifier(rawId, type))
        {
            Problem("id", $"expected {type}--followed by a UUID, got \"{Clip(rawId)}\"");
            return null;
        }

        var known = IsKnown(type!);
        var versioned = DomainObjects.Contains(type!) || type == StixExtensions.WorkType;
        string spec = "2.1";
        if (o.TryGetProperty("spec_version", out var specElement))
        {
            if (specElement.ValueKind != JsonValueKind.String || specElement.GetString() != "2.1")
                Problem("spec_version", $"expected \"2.1\" (Isop reads STIX 2.1), got {Describe(specElement)}");
        }
        else if (versioned || type == "marking-definition")
        {
            Problem("spec_version", "missing: STIX 2.1 domain, relationship and meta objects state \"spec_version\": \"2.1\"");
        }

        DateTimeOffset? created = Time(o, "created", Problem);
        DateTimeOffset? modified = Time(o, "modified", Problem);
        if (versioned)
        {
            if (!o.TryGetProperty("created", out _)) Problem("created", "missing: expected a timestamp like 2026-12-01T10:00:00.000Z");
            if (!o.TryGetProperty("modified", out _)) Problem("modified", "missing: expected a timestamp like 2026-12-01T10:00:00.000Z");
        }
        else if (type == "marking-definition" && !o.TryGetProperty("created", out _))
        {
            Problem("created", "missing: expected a timestamp like 2022-10-01T00:00:00.000Z");
        }
        if (created is { } c && modified is { } m && m < c) Problem("modified", $"{StixJson.Timestamp(m)} is earlier than created ({StixJson.Timestamp(c)})");

        if (o.TryGetProperty("created_by_ref", out var by) && (by.ValueKind != JsonValueKind.String || !StixJson.IsIdentifier(by.GetString(), "identity")))
            Problem("created_by_ref", $"expected an identity identifier (identity--…), got {Describe(by)}");
        if (o.TryGetProperty("object_marking_refs", out var marks))
        {
            if (marks.ValueKind != JsonValueKind.Array || marks.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || !StixJson.IsIdentifier(x.GetString(), "marking-definition")))
                Problem("object_marking_refs", "expected a list of marking-definition identifiers");
        }
        var revoked = false;
        if (o.TryGetProperty("revoked", out var rev))
        {
            if (rev.ValueKind is JsonValueKind.True or JsonValueKind.False) revoked = rev.GetBoolean();
            else Problem("revoked", $"expected true or false, got {Describe(rev)}");
        }
        StixRules.Check(type!, o, Problem);
        if (!known && o.TryGetProperty("extensions", out var ext) && ext.ValueKind != JsonValueKind.Object)
            Problem("extensions", $"expected an object keyed by extension-definition identifiers, got {Describe(ext)}");

        if (problems.Count > 0 && problems[^1].Index == index) return null;

        // Kept as received when it came on one line (compact, or with spaces only), else written compactly.
        string json;
        string hash;
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(o);
        if (compact)
        {
            json = Encoding.UTF8.GetString(raw);
            sha.AppendData(raw);
        }
        else
        {
            json = JsonSerializer.Serialize(o, Compact);
            sha.AppendData(Encoding.UTF8.GetBytes(json));
        }
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        hash = Convert.ToHexStringLower(digest);
        // A definition of a TLP level (the standard ones, or a producer's own) is public: what the levels mean.
        if (type == "marking-definition" && (StixMarkings.IsStandard(rawId) || StixMarkings.LevelDefinedBy(o) is not null))
            return new StixItem(rawId, type!, spec, created, modified, revoked, json, hash, Tlp.Clear);
        var unresolved = new List<string>();
        var marked = StixMarkings.Strictest(o, levels, unresolved);
        return new StixItem(rawId, type!, spec, created, modified, revoked, json, hash, marked ?? unmarked)
        {
            Marked = marked is not null,
            UnresolvedMarkings = unresolved.Count == 0 ? null : unresolved,
        };
    }

    /// <summary>Whether JSON text holds a \u0000 escape or an escaped surrogate (\uD800 to \uDFFF), in any letter case.</summary>
    private static bool MayHoldBadText(ReadOnlySpan<byte> json)
    {
        for (var i = json.IndexOf("\\u"u8); i >= 0 && i + 5 < json.Length; )
        {
            var hex = json.Slice(i + 2, 4);
            if (hex.SequenceEqual("0000"u8)) return true;
            if ((hex[0] | 0x20) == 'd' && (hex[1] | 0x20) is >= (byte)'8' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f') return true;
            var next = json[(i + 2)..].IndexOf("\\u"u8);
            i = next < 0 ? -1 : i + 2 + next;
        }
        return false;
    }

    /// <summary>The first string (or member name) no database keeps as it is: a NUL character, or half of a surrogate pair.</summary>
    private static (string Path, string Message)? BadText(JsonElement e, string path, bool skipObjects = false)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return Check(e, path);
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = p.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return (path.Length == 0 ? "(member name)" : path, "a member name is not valid Unicode (half of a surrogate pair)");
                    }
                    if (name.Contains('\0', StringComparison.Ordinal)) return (path.Length == 0 ? "(member name)" : path, "a member name contains a NUL character");
                    if (name.Any(char.IsSurrogate) && Check(name) is not null) return (path.Length == 0 ? "(member name)" : path, "a member name is not valid Unicode (half of a surrogate pair)");
                    if (skipObjects && path.Length == 0 && name == "objects") continue;
                    if (BadText(p.Value, path.Length == 0 ? name : $"{path}.{name}") is { } bad) return bad;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (BadText(item, $"{path}[{i}]") is { } bad) return bad;
                    i++;
                }
                return null;
            default:
                return null;
        }
    }

    private static (string Path, string Message)? Check(JsonElement e, string path)
    {
        string text;
        try
        {
            text = e.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return (path, "is not valid Unicode (half of a surrogate pair)");
        }
        if (text.Contains('\0', StringComparison.Ordinal)) return (path, "contains a NUL character");
        return Check(text) is not null ? (path, "is not valid Unicode (half of a surrogate pair)") : null;
    }

    /// <summary>Null when every surrogate of the text is half of a pair, else where the first lone one is.</summary>
    private static int? Check(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return i;
        }
        return null;
    }

    /// <summary>The largest STIX object Isop stores and serves (a page of a thousand stays bounded).</summary>
    public const int MaxObjectBytes = 1024 * 1024;

    private static DateTimeOffset? Time(JsonElement o, string property, Action<string, string> problem)
    {
        if (!o.TryGetProperty(property, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && StixJson.TryParseTimestamp(value.GetString(), out var at)) return at;
        problem(property, $"expected a timestamp like 2026-12-01T10:00:00.000Z (UTC, with Z), got {Describe(value)}");
        return null;
    }

    /// <summary>A string member, or null (also for text that is not valid Unicode: the object's check reports it).</summary>
    internal static string? Text(JsonElement o, string property)
    {
        if (!o.TryGetProperty(property, out var v) || v.ValueKind != JsonValueKind.String) return null;
        try
        {
            return v.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    internal static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{Clip(e.GetString()!)}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => $"the number {Clip(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Null => "null",
        _ => e.ValueKind.ToString(),
    };

    private static string Clip(string text) => Web.TextChecks.Printable(text.Length <= 80 ? text : text[..80] + "…");

    private static string FirstSentence(string message)
    {
        // The reader's own position ("LineNumber: 0 | BytePositionInLine: 12", zero-based) is given one-based before it.
        var end = new[] { message.IndexOf(" Path:", StringComparison.Ordinal), message.IndexOf(" LineNumber:", StringComparison.Ordinal) }.Where(i => i > 0).DefaultIfEmpty(message.Length).Min();
        return message[..end].TrimEnd();
    }
}

/// <summary>A bundle or envelope parsed (<see cref="StixReader.Open"/>): its objects are read a range at a time, so that a large import writes the first while it reads the next.</summary>
public sealed class StixDocument : IDisposable
{
    private readonly JsonDocument _document;
    private readonly IReadOnlyList<JsonElement> _objects;
    private readonly IReadOnlyDictionary<string, Tlp> _levels;
    private readonly Tlp _unmarked;
    private readonly bool _textToCheck;
    private readonly bool _compact;

    internal StixDocument(JsonDocument document, string? bundleId, IReadOnlyList<JsonElement> objects, IReadOnlyDictionary<string, Tlp> levels, Tlp unmarked, bool textToCheck, bool compact)
    {
        _document = document;
        _compact = compact;
        BundleId = bundleId;
        _objects = objects;
        _levels = levels;
        _unmarked = unmarked;
        _textToCheck = textToCheck;
    }

    public string? BundleId { get; }

    /// <summary>How many objects the document holds, sound or not.</summary>
    public int Total => _objects.Count;

    /// <summary>The objects from <paramref name="start"/> on (at most <paramref name="count"/>): those that are sound, and the problems of the others (named by their place in the whole document).</summary>
    public StixBatch Read(int start, int count) =>
        StixReader.ReadRange(_objects, start, Math.Clamp(count, 0, Math.Max(0, _objects.Count - start)), BundleId, _levels, _unmarked, _textToCheck, _compact);

    public void Dispose() => _document.Dispose();
}
