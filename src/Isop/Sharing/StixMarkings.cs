using System.Text.Json;
using System.Text.Json.Nodes;
using Isop.Access;

namespace Isop.Sharing;

/// <summary>
/// The TLP 2.0 marking-definition objects that STIX 2.1 standardises (with the TLP 2.0 extension), and TLP as other
/// producers mark it: TLP 2.0, TLP 1.0 (WHITE is CLEAR), or a producer's own marking definition (in the same bundle,
/// or received before), on the whole object or on some of its properties (granular markings).
/// </summary>
public static class StixMarkings
{
    /// <summary>The OASIS extension that defines TLP 2.0 marking definitions.</summary>
    public const string Tlp2Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private static readonly Dictionary<Tlp, string> Tlp2Ids = new()
    {
        [Tlp.Clear] = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        [Tlp.Green] = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        [Tlp.Amber] = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        [Tlp.AmberStrict] = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        [Tlp.Red] = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    };

    /// <summary>Every standard TLP marking identifier (2.0 and 1.0) and its level.</summary>
    private static readonly Dictionary<string, Tlp> Known = new(StringComparer.Ordinal)
    {
        [Tlp2Ids[Tlp.Clear]] = Tlp.Clear,
        [Tlp2Ids[Tlp.Green]] = Tlp.Green,
        [Tlp2Ids[Tlp.Amber]] = Tlp.Amber,
        [Tlp2Ids[Tlp.AmberStrict]] = Tlp.AmberStrict,
        [Tlp2Ids[Tlp.Red]] = Tlp.Red,
        ["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"] = Tlp.Clear,
        ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"] = Tlp.Green,
        ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"] = Tlp.Amber,
        ["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"] = Tlp.Red,
    };

    public static string IdOf(Tlp tlp) => Tlp2Ids[tlp];

    public static bool IsStandard(string id) => Known.ContainsKey(id);

    /// <summary>The standard TLP 2.0 marking-definition object of a level.</summary>
    public static JsonObject Definition(Tlp tlp) => new()
    {
        ["type"] = "marking-definition",
        ["spec_version"] = "2.1",
        ["id"] = IdOf(tlp),
        ["created"] = "2022-10-01T00:00:00.000Z",
        ["name"] = "TLP:" + tlp.Label(),
        ["extensions"] = new JsonObject
        {
            [Tlp2Extension] = new JsonObject
            {
                ["extension_type"] = "property-extension",
                ["tlp_2_0"] = tlp.Label().ToLowerInvariant(),
            },
        },
    };

    /// <summary>
    /// The TLP levels that marking definitions of a bundle define under their own identifiers (a producer that writes
    /// its own TLP marking objects): by the TLP 2.0 extension's value, a TLP 1.0 definition, or a "TLP:…" name.
    /// </summary>
    public static Tlp? LevelDefinedBy(JsonElement definition)
    {
        if (definition.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty(Tlp2Extension, out var tlp2) && tlp2.ValueKind == JsonValueKind.Object
            && tlp2.TryGetProperty("tlp_2_0", out var level) && level.ValueKind == JsonValueKind.String && TlpLabels.TryParse(level.GetString(), out var l2))
            return l2;
        if (definition.TryGetProperty("definition_type", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "tlp"
            && definition.TryGetProperty("definition", out var body) && body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty("tlp", out var tlp1) && tlp1.ValueKind == JsonValueKind.String && TlpLabels.TryParse(tlp1.GetString(), out var l1))
            return l1;
        // A statement or other definition named for a level ("TLP:RED"), or whose statement is one: that level.
        Tlp? named = null;
        if (definition.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String) named = Named(name.GetString());
        if (definition.TryGetProperty("definition", out var statement) && statement.ValueKind == JsonValueKind.Object
            && statement.TryGetProperty("statement", out var text) && text.ValueKind == JsonValueKind.String && Named(text.GetString()) is { } s && (named is null || s > named))
            named = s;
        return named;
    }

    /// <summary>A level from a text that is only its name: "TLP:RED", "tlp: amber+strict", "TLP:WHITE".</summary>
    private static Tlp? Named(string? text)
    {
        var t = text?.Trim();
        if (t is null || !t.StartsWith("TLP", StringComparison.OrdinalIgnoreCase)) return null;
        t = t[3..].TrimStart(':', ' ', '-', '_').Trim();
        return TlpLabels.TryParse(t, out var level) ? level : null;
    }

    /// <summary>
    /// The strictest TLP among an object's marking references, on the whole object and on any of its properties (a
    /// property marked RED makes the object RED: it is kept and served whole), or null when none is a TLP marking.
    /// The references that are neither standard nor defined in <paramref name="bundleLevels"/> are added to
    /// <paramref name="unresolved"/>, to be looked up among the definitions received before.
    /// </summary>
    public static Tlp? Strictest(JsonElement obj, IReadOnlyDictionary<string, Tlp> bundleLevels, List<string>? unresolved = null)
    {
        Tlp? strictest = null;
        void Consider(JsonElement r)
        {
            if (r.ValueKind != JsonValueKind.String) return;
            var id = r.GetString()!;
            if (!Known.TryGetValue(id, out var level) && !bundleLevels.TryGetValue(id, out level))
            {
                if (unresolved is not null && !unresolved.Contains(id, StringComparer.Ordinal)) unresolved.Add(id);
                return;
            }
            if (strictest is null || level > strictest) strictest = level;
        }
        if (obj.TryGetProperty("object_marking_refs", out var refs) && refs.ValueKind == JsonValueKind.Array)
            foreach (var r in refs.EnumerateArray()) Consider(r);
        if (obj.TryGetProperty("granular_markings", out var granular) && granular.ValueKind == JsonValueKind.Array)
            foreach (var g in granular.EnumerateArray())
                if (g.ValueKind == JsonValueKind.Object && g.TryGetProperty("marking_ref", out var r)) Consider(r);
        return strictest;
    }
}
