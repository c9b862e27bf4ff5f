using System.Text.Json;
using Isop.Access;
using Isop.Web;

namespace Isop.Platforms;

/// <summary>
/// What a caller asks of a platform record, from any surface (API, pages, command line, range demo). A null field is
/// one the caller did not give: a new platform takes its default, an update leaves it as it is.
/// </summary>
public sealed record PlatformInput
{
    public string? Name { get; init; }
    public PlatformKind? Kind { get; init; }
    /// <summary>An empty description clears it.</summary>
    public string? Description { get; init; }
    public IReadOnlyList<string>? Domains { get; init; }
    public Tlp? Tlp { get; init; }
    /// <summary>Who the record is shared with (AMBER: organisations; RED: named members); null leaves the shares as they are.</summary>
    public SharesDto? SharedWith { get; init; }

    /// <summary>Problems found while reading the request (wrong types, unknown fields): reported by <see cref="Validate"/>, after access is checked.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string[]> ReadErrors { get; init; } = new Dictionary<string, string[]>();

    public const int MaxName = 200, MaxDescription = 4000, MaxDomains = 1000;

    /// <summary>
    /// Checks the input, field by field (names as the API spells them), and returns it normalised (trimmed name,
    /// normalised and distinct host names), or null with the problems in <paramref name="errors"/>.
    /// </summary>
    public PlatformInput? Validate(bool creating, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var name = Name?.Trim();
        if (name is null ? creating : name.Length == 0) errors["name"] = ["required: a non-empty string"];
        else if (name?.Length > MaxName) errors["name"] = [$"longer than {MaxName} characters"];
        else if (name is not null && name.Any(c => char.IsControl(c) || Web.TextChecks.IsDirectionControl(c)))
            errors["name"] = ["expected text without control characters or direction overrides"];
        if (Description?.Length > MaxDescription) errors["description"] = [$"longer than {MaxDescription} characters"];
        List<string>? domains = null;
        // A platform is known by its host names: it has one at least.
        if (creating && Domains is null or { Count: 0 } || Domains is { Count: 0 }) errors["domains"] = ["required: one or more host names"];
        else if (Domains is not null)
        {
            domains = [];
            if (Domains.Count > MaxDomains) errors["domains"] = [$"at most {MaxDomains} domains"];
            else
                for (var i = 0; i < Domains.Count; i++)
                {
                    if (!DomainNames.TryNormalise(Domains[i], out var domain, out var problem)) errors[$"domains[{i}]"] = [problem];
                    else if (!domains.Contains(domain)) domains.Add(domain);
                }
        }
        // What reading found is the more precise account of a field (a NUL character, not "required").
        foreach (var (field, problems) in ReadErrors) errors[field] = problems;
        return errors.Count > before ? null : this with { Name = name, Domains = domains };
    }

    private static readonly string[] Fields = ["name", "kind", "description", "domains", "tlp", "sharedWith"];

    /// <summary>Reads the API's JSON body: unknown fields and values of the wrong type are errors naming the field.</summary>
    public static PlatformInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["expected a platform object"];
            return new PlatformInput { ReadErrors = errors };
        }
        JsonFields.RejectUnknown(body, Fields, errors);
        PlatformKind? kind = null;
        if (body.TryGetProperty("kind", out var k) && k.ValueKind != JsonValueKind.Null)
        {
            if (k.ValueKind == JsonValueKind.String && PlatformKinds.TryParse(k.GetString(), out var parsed)) kind = parsed;
            else errors["kind"] = [$"expected one of {string.Join(", ", PlatformKinds.Names)}, got {ApiErrors.Quote(k)}"];
        }
        return new PlatformInput
        {
            Name = JsonFields.String(body, "name", errors),
            Kind = kind,
            Description = body.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.Null ? "" : JsonFields.String(body, "description", errors),
            Domains = JsonFields.Strings(body, "domains", errors, "expected an array of host names", "expected a host name string"),
            Tlp = body.TryGetProperty("tlp", out var t) && t.ValueKind != JsonValueKind.Null ? ApiErrors.ReadTlp(body, default, errors) : null,
            SharedWith = ApiErrors.ReadShares(body, errors),
            ReadErrors = errors,
        };
    }
}

/// <summary>Platform kinds by the names the API and the command line use ("torrent-index"…).</summary>
public static class PlatformKinds
{
    private static readonly Dictionary<string, PlatformKind> ByName =
        Enum.GetValues<PlatformKind>().ToDictionary(x => JsonSerializer.Serialize(x).Trim('"'), x => x);

    public static bool TryParse(string? name, out PlatformKind kind) => ByName.TryGetValue(name?.Trim() ?? "", out kind);

    /// <summary>The name of a kind ("torrent-index").</summary>
    public static string NameOf(PlatformKind kind) => ByName.First(x => x.Value == kind).Key;

    /// <summary>The names, in declaration order.</summary>
    public static IEnumerable<string> Names => ByName.Keys;
}
