using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Isop.Catalogue;

public sealed record CatalogueTitle(string Text, string Language);

/// <summary>
/// Where a work can be watched, read or listened to legally, as its rights holder states it:
/// <c>{"service": "Netflix", "url": "https://www.netflix.com/title/81519223", "countries": ["KR", "FR"]}</c>; no countries means everywhere.
/// </summary>
public sealed record CatalogueOffer(string Service, string Url, IReadOnlyList<string> Countries)
{
    public bool SameAs(CatalogueOffer other) => Service == other.Service && Url == other.Url && Countries.SequenceEqual(other.Countries, StringComparer.Ordinal);
}

/// <summary>A season as the catalogue format states it: <c>{"number": 2, "episodes": 8, "year": 2023, "titles": [...]}</c>.</summary>
public sealed record CatalogueSeason(int Number, int? Episodes, int? Year, IReadOnlyList<CatalogueTitle> Titles)
{
    public bool SameAs(CatalogueSeason other) =>
        Number == other.Number && Episodes == other.Episodes && Year == other.Year && Titles.SequenceEqual(other.Titles);
}

/// <summary>One work as the catalogue format states it (<c>{"works": [...]}</c>).</summary>
public sealed record CatalogueWork(
    string Id, WorkKind Kind, int? Year, int? Episodes,
    IReadOnlyList<CatalogueTitle> Titles, IReadOnlyList<string> Aliases, string? RightsHolder,
    IReadOnlyList<CatalogueSeason>? Seasons = null, IReadOnlyList<CatalogueOffer>? Offers = null)
{
    /// <summary>The legal offers, none when the catalogue states none.</summary>
    public IReadOnlyList<CatalogueOffer> OfferList => Offers ?? [];

    public static bool HasSeasons(WorkKind kind) => kind is WorkKind.Series or WorkKind.Webtoon;

    /// <summary>The seasons, in order; a series or webtoon that names none has one, with the work's episodes and year.</summary>
    public IReadOnlyList<CatalogueSeason> SeasonList() =>
        Seasons is { Count: > 0 } stated ? stated.OrderBy(x => x.Number).ToList()
        : HasSeasons(Kind) ? [new CatalogueSeason(1, Episodes, Year, [])]
        : [];

    /// <summary>True when the seasons say nothing the work's own fields do not: the catalogue format leaves them out.</summary>
    public bool SeasonsImplied => SeasonList() is var list && (list.Count == 0
        || list is [{ Number: 1, Titles.Count: 0 } only] && only.Episodes == Episodes && only.Year == Year);
}

/// <summary>A problem in a catalogue file: the JSON path, and the line and column where known.</summary>
public sealed record CatalogueError(string Path, string Message, long? Line = null, long? Column = null)
{
    public override string ToString() =>
        Line is { } line ? $"{Path} (line {line}, column {Column}): {Message}" : $"{Path}: {Message}";
}

public sealed class CatalogueFormatException(IReadOnlyList<CatalogueError> errors)
    : Exception(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems, the first: {errors[0]}")
{
    public IReadOnlyList<CatalogueError> Errors { get; } = errors;
}

/// <summary>
/// Reads and validates the catalogue format completely before anything is written: every problem is
/// reported with its JSON path, so an import is all-or-nothing.
/// </summary>
public static partial class CatalogueReader
{
    public const long MaxBytes = 512L * 1024 * 1024;
    private const int MaxErrors = 100;

    private static readonly string[] WorkFields = ["id", "kind", "year", "episodes", "seasons", "titles", "aliases", "rightsHolder", "offers"];
    private static readonly string[] OfferFields = ["service", "url", "countries"];
    private const int MaxOffers = 50;
    private static readonly string[] SeasonFields = ["number", "episodes", "year", "titles"];
    private static readonly string[] TitleFields = ["text", "lang"];

    public static IReadOnlyList<CatalogueWork> Read(ReadOnlyMemory<byte> json)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            var (offset, line, column) = FirstInvalidUtf8(json.Span);
            throw new CatalogueFormatException([new CatalogueError("$", $"not valid UTF-8 at byte {offset}", line, column)]);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new CatalogueFormatException([new CatalogueError(
                PathAtError(json.Span), "not valid JSON: " + Reason(e), e.LineNumber + 1, e.BytePositionInLine + 1)]);
        }
        using (document)
        {
            var errors = new List<CatalogueError>();
            var works = ReadRoot(document.RootElement, errors);
            if (errors.Count > 0) throw new CatalogueFormatException(errors);
            return works;
        }
    }

    public static async Task<IReadOnlyList<CatalogueWork>> ReadAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBytes)
                throw new CatalogueFormatException([new CatalogueError("$", $"the catalogue is larger than {MaxBytes / (1024 * 1024)} MiB")]);
            buffer.Write(chunk, 0, n);
        }
        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>Replays the tokens up to a syntax error to say where in the document it is.</summary>
    private static string PathAtError(ReadOnlySpan<byte> json)
    {
        // One entry per open container: is it an array, the index of its current element, the property it sits under.
        var stack = new List<(bool Array, int Index, string? Property)>();
        string? pending = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    pending = reader.GetString();
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    stack.RemoveAt(stack.Count - 1);
                    pending = null;
                    continue;
                }
                if (stack.Count > 0 && stack[^1].Array) stack[^1] = stack[^1] with { Index = stack[^1].Index + 1 };
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    stack.Add((reader.TokenType == JsonTokenType.StartArray, -1, pending));
                pending = null;
            }
        }
        catch (JsonException)
        {
            // Stopped at the error: the stack says where it is.
        }
        var path = new StringBuilder("$");
        foreach (var (array, index, property) in stack)
        {
            if (property is not null) path.Append('.').Append(property);
            if (array && index >= 0) path.Append('[').Append(index).Append(']');
        }
        if (pending is not null) path.Append('.').Append(pending);
        return path.ToString();
    }

    private static (long Offset, long Line, long Column) FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        long line = 1, column = 1, offset = 0;
        while (offset < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[(int)offset..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done) return (offset, line, column);
            if (rune.Value == '\n') { line++; column = 1; } else column++;
            offset += consumed;
        }
        return (offset, line, column);
    }

    private static string Reason(JsonException e)
    {
        // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; we report those ourselves.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static List<CatalogueWork> ReadRoot(JsonElement root, List<CatalogueError> errors)
    {
        var works = new List<CatalogueWork>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("$", $"expected an object with a \"works\" array, got {Describe(root)}"));
            return works;
        }
        var hasWorks = false;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("works")) { hasWorks = true; continue; }
            errors.Add(new($"$.{property.Name}", "unknown field (expected \"works\")"));
        }
        if (!hasWorks)
        {
            errors.Add(new("$.works", "missing: the catalogue needs a \"works\" array"));
            return works;
        }
        var array = root.GetProperty("works");
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("$.works", $"expected an array, got {Describe(array)}"));
            return works;
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (errors.Count >= MaxErrors) break;
            var path = $"$.works[{index}]";
            var work = ReadWork(element, path, errors);
            if (work is not null)
            {
                if (seen.TryGetValue(work.Id, out var first))
                    errors.Add(new($"{path}.id", $"duplicate id \"{work.Id}\" (first at $.works[{first}])"));
                else
                {
                    seen.Add(work.Id, index);
                    works.Add(work);
                }
            }
            index++;
        }
        return works;
    }

    /// <summary>Reads one work object; <paramref name="extraFields"/> are fields the caller reads itself (the API's tlp).</summary>
    public static CatalogueWork? ReadWork(JsonElement e, string path, List<CatalogueError> errors, params string[] extraFields)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, $"expected a work object, got {Describe(e)}"));
            return null;
        }
        var before = errors.Count;
        foreach (var p in e.EnumerateObject())
        {
            if (Array.IndexOf(WorkFields, p.Name) < 0 && Array.IndexOf(extraFields, p.Name) < 0)
                errors.Add(new($"{path}.{p.Name}", $"unknown field (expected one of {string.Join(", ", WorkFields)})"));
        }
        var id = RequiredString(e, "id", path, 100, errors);
        if (id is not null && id.Trim().Length != id.Length)
            errors.Add(new($"{path}.id", "must not start or end with spaces"));

        WorkKind kind = default;
        var kindText = RequiredString(e, "kind", path, 16, errors);
        var kindKnown = kindText is not null && TryKind(kindText, out kind);
        if (kindText is not null && !kindKnown)
            errors.Add(new($"{path}.kind", $"expected one of film, series, music, webtoon, got \"{kindText}\""));

        var year = OptionalInt(e, "year", path, 1870, 2100, errors);
        var episodes = OptionalInt(e, "episodes", path, 1, 100_000, errors);
        var rightsHolder = OptionalString(e, "rightsHolder", path, 200, errors);

        var titles = new List<CatalogueTitle>();
        if (!e.TryGetProperty("titles", out var titlesElement))
            errors.Add(new($"{path}.titles", "missing: a work needs at least one title"));
        else if (ReadTitles(titlesElement, $"{path}.titles", titles, errors) == 0 && titlesElement.ValueKind == JsonValueKind.Array)
            errors.Add(new($"{path}.titles", "empty: a work needs at least one title"));

        var seasons = ReadSeasons(e, path, kindKnown ? kind : null, ref episodes, errors);

        var aliases = new List<string>();
        if (e.TryGetProperty("aliases", out var aliasesElement) && aliasesElement.ValueKind != JsonValueKind.Null)
        {
            if (aliasesElement.ValueKind != JsonValueKind.Array)
                errors.Add(new($"{path}.aliases", $"expected an array of strings, got {Describe(aliasesElement)}"));
            else
            {
                var i = 0;
                foreach (var a in aliasesElement.EnumerateArray())
                {
                    var ap = $"{path}.aliases[{i++}]";
                    if (a.ValueKind != JsonValueKind.String) errors.Add(new(ap, $"expected a string, got {Describe(a)}"));
                    else if (string.IsNullOrWhiteSpace(a.GetString())) errors.Add(new(ap, "must not be empty"));
                    else if (a.GetString()!.Length > 500) errors.Add(new(ap, "longer than 500 characters"));
                    else aliases.Add(a.GetString()!.Trim());
                }
            }
        }

        var offers = ReadOffers(e, path, errors);

        if (errors.Count > before || id is null) return null;
        return new CatalogueWork(id, kind, year, episodes, titles, aliases.Distinct(StringComparer.Ordinal).ToList(),
            string.IsNullOrWhiteSpace(rightsHolder) ? null : rightsHolder.Trim(), seasons, offers);
    }

    /// <summary>
    /// Reads "offers": each a service's name, an http(s) URL without credentials (shown to the public as a link), and the
    /// ISO 3166-1 countries where it is offered (none: everywhere).
    /// </summary>
    private static List<CatalogueOffer>? ReadOffers(JsonElement e, string path, List<CatalogueError> errors)
    {
        if (!e.TryGetProperty("offers", out var array) || array.ValueKind == JsonValueKind.Null) return null;
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new($"{path}.offers", $"expected an array of {{\"service\", \"url\", \"countries\"}} objects, got {Describe(array)}"));
            return null;
        }
        if (array.GetArrayLength() > MaxOffers)
        {
            errors.Add(new($"{path}.offers", $"at most {MaxOffers} offers for one work"));
            return null;
        }
        var offers = new List<CatalogueOffer>();
        var i = 0;
        foreach (var o in array.EnumerateArray())
        {
            var op = $"{path}.offers[{i++}]";
            if (o.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(op, $"expected an object {{\"service\", \"url\", \"countries\"}}, got {Describe(o)}"));
                continue;
            }
            foreach (var p in o.EnumerateObject())
                if (Array.IndexOf(OfferFields, p.Name) < 0) errors.Add(new($"{op}.{p.Name}", "unknown field (expected service, url or countries)"));
            var service = RequiredString(o, "service", op, 100, errors);
            if (service is not null && service.Any(c => char.IsControl(c) || Isop.Web.TextChecks.IsDirectionControl(c)))
            {
                errors.Add(new($"{op}.service", "must not contain control or direction characters"));
                service = null;
            }
            var url = RequiredString(o, "url", op, 2048, errors);
            if (url is not null && (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host) || url.Any(char.IsControl)))
            {
                errors.Add(new($"{op}.url", $"expected an http or https URL, got \"{(url.Length > 200 ? url[..200] + "…" : url)}\""));
                url = null;
            }
            else if (url is not null && !string.IsNullOrEmpty(new Uri(url.Trim()).UserInfo))
            {
                errors.Add(new($"{op}.url", "must not carry a user name or password"));
                url = null;
            }
            var countries = new List<string>();
            if (o.TryGetProperty("countries", out var list) && list.ValueKind != JsonValueKind.Null)
            {
                if (list.ValueKind != JsonValueKind.Array) errors.Add(new($"{op}.countries", $"expected an array of country codes such as \"KR\", got {Describe(list)}"));
                else
                {
                    var j = 0;
                    foreach (var c in list.EnumerateArray())
                    {
                        var cp = $"{op}.countries[{j++}]";
                        if (c.ValueKind != JsonValueKind.String) errors.Add(new(cp, $"expected a country code such as \"KR\", got {Describe(c)}"));
                        else if (c.GetString()!.Trim().ToUpperInvariant() is var code && Isop.Access.Countries.IsAssigned(code)) { if (!countries.Contains(code)) countries.Add(code); }
                        else errors.Add(new(cp, $"expected an ISO 3166-1 alpha-2 code such as \"KR\" or \"FR\", got \"{(c.GetString()!.Length > 20 ? c.GetString()![..20] + "…" : c.GetString())}\""));
                    }
                }
            }
            if (service is not null && url is not null) offers.Add(new CatalogueOffer(service.Trim(), new Uri(url.Trim()).AbsoluteUri, countries));
        }
        return offers;
    }

    /// <summary>Reads an array of {"text", "lang"} objects; returns how many elements it had.</summary>
    private static int ReadTitles(JsonElement array, string path, List<CatalogueTitle> titles, List<CatalogueError> errors)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(path, $"expected an array of {{\"text\", \"lang\"}} objects, got {Describe(array)}"));
            return 0;
        }
        var i = 0;
        foreach (var t in array.EnumerateArray())
        {
            var tp = $"{path}[{i++}]";
            if (t.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(tp, $"expected an object {{\"text\", \"lang\"}}, got {Describe(t)}"));
                continue;
            }
            foreach (var p in t.EnumerateObject())
            {
                if (Array.IndexOf(TitleFields, p.Name) < 0)
                    errors.Add(new($"{tp}.{p.Name}", "unknown field (expected text or lang)"));
            }
            var text = RequiredString(t, "text", tp, 500, errors);
            var lang = RequiredString(t, "lang", tp, 35, errors);
            if (lang is not null && !LanguageTag().IsMatch(lang))
                errors.Add(new($"{tp}.lang", $"expected a BCP 47 language tag such as \"ko\", \"en\" or \"zh-Hant\", got \"{lang}\""));
            if (text is not null && lang is not null) titles.Add(new(text.Trim(), NormaliseTag(lang)));
        }
        return i;
    }

    private const int MaxSeasons = 200;
    // Five titles of 500 characters, even fully escaped, fit the database's column for a season's titles.
    private const int MaxSeasonTitles = 5;

    /// <summary>
    /// Reads "seasons": numbers unique (0 for specials), counts and years in range. The work's episodes are the seasons'
    /// sum: filled in when left out, an error when they disagree.
    /// </summary>
    private static List<CatalogueSeason>? ReadSeasons(JsonElement e, string path, WorkKind? kind, ref int? episodes, List<CatalogueError> errors)
    {
        if (!e.TryGetProperty("seasons", out var array) || array.ValueKind == JsonValueKind.Null) return null;
        var sp = $"{path}.seasons";
        if (kind is { } k && !CatalogueWork.HasSeasons(k))
        {
            errors.Add(new(sp, $"only series and webtoons have seasons, and this work is a {KindName(k)}"));
            return null;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(sp, $"expected an array of season objects {{\"number\", \"episodes\", \"year\", \"titles\"}}, got {Describe(array)}"));
            return null;
        }
        var seasons = new List<CatalogueSeason>();
        var first = new Dictionary<int, int>();
        var i = 0;
        var before = errors.Count;
        foreach (var element in array.EnumerateArray())
        {
            var p = $"{sp}[{i}]";
            if (i++ >= MaxSeasons)
            {
                errors.Add(new(p, $"more than {MaxSeasons} seasons"));
                break;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(p, $"expected a season object {{\"number\", \"episodes\", \"year\", \"titles\"}}, got {Describe(element)}"));
                continue;
            }
            foreach (var field in element.EnumerateObject())
            {
                if (Array.IndexOf(SeasonFields, field.Name) < 0)
                    errors.Add(new($"{p}.{field.Name}", $"unknown field (expected one of {string.Join(", ", SeasonFields)})"));
            }
            int? number = null;
            if (!element.TryGetProperty("number", out var n) || n.ValueKind == JsonValueKind.Null)
                errors.Add(new($"{p}.number", "missing: a season needs its number (0 for specials)"));
            else number = OptionalInt(element, "number", p, 0, 2100, errors); // some shows number seasons by year (S2014E18)
            var count = OptionalInt(element, "episodes", p, 1, 100_000, errors);
            var year = OptionalInt(element, "year", p, 1870, 2100, errors);
            var titles = new List<CatalogueTitle>();
            if (element.TryGetProperty("titles", out var t) && t.ValueKind != JsonValueKind.Null
                && ReadTitles(t, $"{p}.titles", titles, errors) > MaxSeasonTitles)
                errors.Add(new($"{p}.titles", $"more than {MaxSeasonTitles} titles: a season lists only the titles where it differs from the work"));
            if (number is not { } num) continue;
            if (first.TryGetValue(num, out var at))
            {
                errors.Add(new($"{p}.number", $"duplicate season {num} (first at {sp}[{at}])"));
                continue;
            }
            first[num] = i - 1;
            seasons.Add(new CatalogueSeason(num, count, year, titles));
        }
        if (errors.Count > before) return null;
        if (i == 0)
        {
            errors.Add(new(sp, "empty: leave \"seasons\" out for a work of one season"));
            return null;
        }
        if (seasons.All(x => x.Episodes is not null))
        {
            var sum = seasons.Sum(x => x.Episodes!.Value);
            if (episodes is null) episodes = sum;
            else if (episodes != sum)
                errors.Add(new($"{path}.episodes", $"{episodes.Value.ToString(CultureInfo.InvariantCulture)} is not the sum of the seasons' episodes ({sum.ToString(CultureInfo.InvariantCulture)})"));
        }
        return seasons.OrderBy(x => x.Number).ToList();
    }

    public static bool TryKind(string text, out WorkKind kind)
    {
        switch (text)
        {
            case "film": kind = WorkKind.Film; return true;
            case "series": kind = WorkKind.Series; return true;
            case "music": kind = WorkKind.Music; return true;
            case "webtoon": kind = WorkKind.Webtoon; return true;
            default: kind = default; return false;
        }
    }

    public static string KindName(WorkKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Language tags keep their case convention: "ko", "zh-Hant", "pt-BR".</summary>
    public static string NormaliseTag(string tag)
    {
        var parts = tag.Split('-');
        parts[0] = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
        {
            parts[i] = parts[i].Length switch
            {
                2 => parts[i].ToUpperInvariant(),
                4 => char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant(),
                _ => parts[i].ToLowerInvariant(),
            };
        }
        return string.Join('-', parts);
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    private static string? RequiredString(JsonElement e, string name, string path, int max, List<CatalogueError> errors)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new($"{path}.{name}", "missing: a string is required"));
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            errors.Add(new($"{path}.{name}", $"expected a string, got {Describe(v)}"));
            return null;
        }
        var s = v.GetString()!;
        if (string.IsNullOrWhiteSpace(s))
        {
            errors.Add(new($"{path}.{name}", "must not be empty"));
            return null;
        }
        if (s.Length > max)
        {
            errors.Add(new($"{path}.{name}", $"longer than {max} characters"));
            return null;
        }
        if (s.Any(char.IsControl))
        {
            errors.Add(new($"{path}.{name}", "contains control characters"));
            return null;
        }
        return s;
    }

    private static string? OptionalString(JsonElement e, string name, string path, int max, List<CatalogueError> errors)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String)
        {
            errors.Add(new($"{path}.{name}", $"expected a string, got {Describe(v)}"));
            return null;
        }
        var s = v.GetString()!;
        if (s.Length > max) errors.Add(new($"{path}.{name}", $"longer than {max} characters"));
        return s;
    }

    private static int? OptionalInt(JsonElement e, string name, string path, int min, int max, List<CatalogueError> errors)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
        {
            errors.Add(new($"{path}.{name}", $"expected an integer, got {Describe(v)}"));
            return null;
        }
        if (n < min || n > max)
        {
            errors.Add(new($"{path}.{name}", $"expected an integer from {min} to {max}, got {n.ToString(CultureInfo.InvariantCulture)}"));
            return null;
        }
        return n;
    }

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(v.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(v.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {v.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => v.ValueKind.ToString(),
    };

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
