using System.Text.Json;
using Isop.Access;
using Isop.Web;

namespace Isop.Cases;

/// <summary>What a caller asks of a case record (API, pages, command line). A null field is one not given.</summary>
public sealed record CaseInput
{
    public string? Title { get; init; }
    /// <summary>An empty summary clears it.</summary>
    public string? Summary { get; init; }
    public Tlp? Tlp { get; init; }
    /// <summary>Participating organisations and named members; null leaves them as they are.</summary>
    public SharesDto? SharedWith { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string[]> ReadErrors { get; init; } = new Dictionary<string, string[]>();

    public CaseInput? Validate(bool creating, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var title = Title?.Trim();
        if (title is null ? creating : title.Length == 0) errors["title"] = ["required: a non-empty string"];
        else if (title is not null) CaseText.Check("title", title, CaseModel.MaxTitle, errors);
        if (Summary is not null) CaseText.Check("summary", Summary, CaseModel.MaxSummary, errors, multiline: true);
        foreach (var (field, problems) in ReadErrors) errors[field] = problems;
        return errors.Count > before ? null : this with { Title = title };
    }

    private static readonly string[] Fields = ["title", "summary", "tlp", "sharedWith"];

    public static CaseInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["expected a case object"];
            return new CaseInput { ReadErrors = errors };
        }
        JsonFields.RejectUnknown(body, Fields, errors);
        Tlp? tlp = body.TryGetProperty("tlp", out var t) && t.ValueKind != JsonValueKind.Null ? ApiErrors.ReadTlp(body, Access.Tlp.Amber, errors) : null;
        return new CaseInput
        {
            Title = JsonFields.String(body, "title", errors),
            Summary = JsonFields.String(body, "summary", errors),
            Tlp = tlp,
            SharedWith = ApiErrors.ReadShares(body, errors),
            ReadErrors = errors,
        };
    }
}

/// <summary>A link to add to a case: a platform, operation or work by id, a release group or identifier by value.</summary>
public sealed record CaseLinkInput(CaseLinkKind? Kind, Guid? Id, string? Value, string? Note)
{
    private static readonly string[] Fields = ["kind", "id", "value", "note"];

    public static CaseLinkInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["expected a link object {\"kind\": …, \"id\" or \"value\": …}"];
            return new CaseLinkInput(null, null, null, null);
        }
        JsonFields.RejectUnknown(body, Fields, errors);
        CaseLinkKind? kind = null;
        if (body.TryGetProperty("kind", out var k) && k.ValueKind != JsonValueKind.Null)
        {
            if (k.ValueKind == JsonValueKind.String && EnumNames.TryParse<CaseLinkKind>(k.GetString(), out var parsed)) kind = parsed;
            else errors["kind"] = [$"expected {EnumNames.Expected<CaseLinkKind>()}, got {ApiErrors.Quote(k)}"];
        }
        Guid? id = null;
        if (JsonFields.String(body, "id", errors) is { } text)
        {
            if (Guid.TryParse(text, out var parsed)) id = parsed;
            else errors["id"] = ["expected an id (a GUID)"];
        }
        return new CaseLinkInput(kind, id, JsonFields.String(body, "value", errors), JsonFields.String(body, "note", errors));
    }
}

/// <summary>A person to add to (or change on) a case.</summary>
public sealed record CasePersonInput(string? Name, IReadOnlyList<string>? Aliases, IReadOnlyList<string>? Handles, string? Role)
{
    private static readonly string[] Fields = ["name", "aliases", "handles", "role"];

    public static CasePersonInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["expected a person object {\"name\": …, \"aliases\": […], \"handles\": […]}"];
            return new CasePersonInput(null, null, null, null);
        }
        JsonFields.RejectUnknown(body, Fields, errors);
        return new CasePersonInput(JsonFields.String(body, "name", errors), JsonFields.Strings(body, "aliases", errors),
            JsonFields.Strings(body, "handles", errors), JsonFields.String(body, "role", errors));
    }
}

/// <summary>A task to add to a case.</summary>
public sealed record CaseTaskInput(string? Title, Guid? Assignee, DateOnly? Due)
{
    private static readonly string[] Fields = ["title", "assignee", "due"];

    public static CaseTaskInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["expected a task object {\"title\": …, \"assignee\": member id, \"due\": \"YYYY-MM-DD\"}"];
            return new CaseTaskInput(null, null, null);
        }
        JsonFields.RejectUnknown(body, Fields, errors);
        Guid? assignee = null;
        if (JsonFields.String(body, "assignee", errors) is { } a)
        {
            if (Guid.TryParse(a, out var id)) assignee = id;
            else errors["assignee"] = ["expected a member id (a GUID)"];
        }
        DateOnly? due = null;
        if (JsonFields.String(body, "due", errors) is { } d)
        {
            if (DateOnly.TryParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)) due = day;
            else errors["due"] = [$"expected a date as YYYY-MM-DD, got \"{TextChecks.Printable(d)}\""];
        }
        return new CaseTaskInput(JsonFields.String(body, "title", errors), assignee, due);
    }
}

/// <summary>Checks of free text on cases: a length limit, no control characters (but line breaks where text may have lines), no direction overrides.</summary>
internal static class CaseText
{
    public static void Check(string field, string text, int max, Dictionary<string, string[]> errors, bool multiline = false)
    {
        if (text.Length > max) errors[field] = [$"longer than {max} characters"];
        else if (text.Any(c => (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')) || TextChecks.IsDirectionControl(c)))
            errors[field] = ["expected text without control characters or direction overrides"];
    }
}
