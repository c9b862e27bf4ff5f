using System.Text.Json;

namespace Isop.Sharing;

/// <summary>
/// What STIX 2.1 requires of each type it defines, beyond the common properties: the properties an object of that
/// type must have and the form of each (a name, a timestamp, a list of identifiers, a value from a vocabulary that the
/// specification closes). Types STIX does not define are kept as they are, unchecked.
/// </summary>
internal static class StixRules
{
    private delegate void Rule(JsonElement o, Action<string, string> problem);

    private static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>(StringComparer.Ordinal)
    {
        ["attack-pattern"] = Name,
        ["campaign"] = Name,
        ["course-of-action"] = Name,
        ["identity"] = Name,
        ["incident"] = Name,
        ["infrastructure"] = Name,
        ["intrusion-set"] = Name,
        ["threat-actor"] = Name,
        ["tool"] = Name,
        ["vulnerability"] = Name,
        ["grouping"] = (o, p) =>
        {
            Text(o, "context", p, "a grouping context such as \"suspicious-activity\"");
            Ids(o, "object_refs", p, required: true);
        },
        ["indicator"] = (o, p) =>
        {
            Text(o, "pattern", p, "a detection pattern such as \"[domain-name:value = 'example.test']\"");
            Text(o, "pattern_type", p, "a pattern language such as \"stix\"");
            var from = Timestamp(o, "valid_from", p, required: true);
            if (Timestamp(o, "valid_until", p, required: false) is { } until && from is { } f && until <= f)
                p("valid_until", $"{StixJson.Timestamp(until)} is not later than valid_from ({StixJson.Timestamp(f)})");
        },
        ["location"] = (o, p) =>
        {
            if (!o.TryGetProperty("region", out _) && !o.TryGetProperty("country", out _) && !(o.TryGetProperty("latitude", out _) && o.TryGetProperty("longitude", out _)))
                p("region", "missing: a location states a region, a country, or a latitude and a longitude");
            Number(o, "latitude", p, -90, 90);
            Number(o, "longitude", p, -180, 180);
        },
        ["malware"] = (o, p) =>
        {
            if (!o.TryGetProperty("is_family", out var family)) p("is_family", "missing: expected true (a family) or false (an instance)");
            else if (family.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) p("is_family", $"expected true or false, got {family.ValueKind.ToString().ToLowerInvariant()}");
            else if (family.ValueKind == JsonValueKind.True) Text(o, "name", p, "the family's name");
        },
        ["malware-analysis"] = (o, p) =>
        {
            Text(o, "product", p, "the analysis product's name");
            if (!o.TryGetProperty("result", out _) && !o.TryGetProperty("analysis_sco_refs", out _))
                p("result", "missing: a malware analysis states a result or analysis_sco_refs");
        },
        ["note"] = (o, p) =>
        {
            Text(o, "content", p, "the note's text");
            Ids(o, "object_refs", p, required: true);
        },
        ["observed-data"] = (o, p) =>
        {
            var first = Timestamp(o, "first_observed", p, required: true);
            var last = Timestamp(o, "last_observed", p, required: true);
            if (first is { } f && last is { } l && l < f) p("last_observed", $"{StixJson.Timestamp(l)} is earlier than first_observed ({StixJson.Timestamp(f)})");
            Count(o, "number_observed", p, 1, required: true);
            if (!o.TryGetProperty("object_refs", out _) && !o.TryGetProperty("objects", out _)) p("object_refs", "missing: observed data refers to what was observed (object_refs)");
            else Ids(o, "object_refs", p, required: false);
        },
        ["opinion"] = (o, p) =>
        {
            if (!o.TryGetProperty("opinion", out var opinion)) p("opinion", "missing: expected strongly-disagree, disagree, neutral, agree or strongly-agree");
            else if (opinion.ValueKind != JsonValueKind.String || opinion.GetString() is not ("strongly-disagree" or "disagree" or "neutral" or "agree" or "strongly-agree"))
                p("opinion", "expected strongly-disagree, disagree, neutral, agree or strongly-agree");
            Ids(o, "object_refs", p, required: true);
        },
        ["report"] = (o, p) =>
        {
            Text(o, "name", p, "the report's name");
            Timestamp(o, "published", p, required: true);
            Ids(o, "object_refs", p, required: true);
        },
        ["relationship"] = (o, p) =>
        {
            Id(o, "source_ref", p);
            Id(o, "target_ref", p);
            Text(o, "relationship_type", p, "a relationship type such as \"uses\"");
        },
        ["sighting"] = (o, p) =>
        {
            Id(o, "sighting_of_ref", p);
            Count(o, "count", p, 0, required: false);
            Ids(o, "where_sighted_refs", p, required: false);
            Ids(o, "observed_data_refs", p, required: false);
            var first = Timestamp(o, "first_seen", p, required: false);
            var last = Timestamp(o, "last_seen", p, required: false);
            if (first is { } f && last is { } l && l < f) p("last_seen", $"{StixJson.Timestamp(l)} is earlier than first_seen ({StixJson.Timestamp(f)})");
        },
        ["language-content"] = (o, p) =>
        {
            Id(o, "object_ref", p);
            if (!o.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Object) p("contents", "missing: expected an object of contents by language");
        },
        ["extension-definition"] = (o, p) =>
        {
            Text(o, "name", p, "the extension's name");
            Text(o, "schema", p, "the extension's schema (a URL or its text)");
            Text(o, "version", p, "the extension's version such as \"1.0\"");
            if (!o.TryGetProperty("extension_types", out var kinds) || kinds.ValueKind != JsonValueKind.Array || kinds.GetArrayLength() == 0)
                p("extension_types", "missing: expected a list such as [\"new-sdo\"]");
        },
        ["domain-name"] = Value,
        ["ipv4-addr"] = Value,
        ["ipv6-addr"] = Value,
        ["url"] = Value,
        ["email-addr"] = Value,
        ["mac-addr"] = Value,
        ["mutex"] = (o, p) => Text(o, "name", p, "the mutex's name"),
        ["software"] = (o, p) => Text(o, "name", p, "the software's name"),
        ["directory"] = (o, p) => Text(o, "path", p, "the directory's path"),
        ["autonomous-system"] = (o, p) => Count(o, "number", p, 0, required: true, max: uint.MaxValue),
        ["network-traffic"] = (o, p) =>
        {
            if (!o.TryGetProperty("protocols", out var protocols) || protocols.ValueKind != JsonValueKind.Array || protocols.GetArrayLength() == 0)
                p("protocols", "missing: expected a list of protocols such as [\"tcp\"]");
        },
        ["file"] = (o, p) =>
        {
            if (!o.TryGetProperty("hashes", out _) && !o.TryGetProperty("name", out _)) p("name", "missing: a file states its hashes or its name");
        },
        ["artifact"] = (o, p) =>
        {
            if (o.TryGetProperty("payload_bin", out _) == o.TryGetProperty("url", out _)) p("payload_bin", "expected payload_bin or url, not both or neither");
        },
        ["email-message"] = (o, p) =>
        {
            if (!o.TryGetProperty("is_multipart", out var multipart) || multipart.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                p("is_multipart", "missing: expected true or false");
        },
    };

    /// <summary>Reports what the object's type requires and the object lacks (nothing for types STIX does not define).</summary>
    public static void Check(string type, JsonElement o, Action<string, string> problem)
    {
        if (Rules.TryGetValue(type, out var rule)) rule(o, problem);
    }

    private static void Name(JsonElement o, Action<string, string> p) => Text(o, "name", p, "a name");

    private static void Value(JsonElement o, Action<string, string> p) => Text(o, "value", p, "the observable's value");

    private static void Text(JsonElement o, string property, Action<string, string> p, string expected)
    {
        if (!o.TryGetProperty(property, out var v)) p(property, $"missing: expected {expected}");
        else if (v.ValueKind != JsonValueKind.String || StixReader.Text(o, property) is not { Length: > 0 })
            p(property, $"expected {expected} (a non-empty string)");
    }

    private static DateTimeOffset? Timestamp(JsonElement o, string property, Action<string, string> p, bool required)
    {
        if (!o.TryGetProperty(property, out var v))
        {
            if (required) p(property, "missing: expected a timestamp like 2026-12-01T10:00:00.000Z");
            return null;
        }
        if (v.ValueKind == JsonValueKind.String && StixJson.TryParseTimestamp(StixReader.Text(o, property), out var at)) return at;
        p(property, "expected a timestamp like 2026-12-01T10:00:00.000Z (UTC, with Z)");
        return null;
    }

    private static void Id(JsonElement o, string property, Action<string, string> p)
    {
        if (!o.TryGetProperty(property, out var v)) p(property, "missing: expected a STIX identifier");
        else if (v.ValueKind != JsonValueKind.String || !StixJson.IsIdentifier(StixReader.Text(o, property))) p(property, $"expected a STIX identifier (type--UUID), got {StixReader.Describe(v)}");
    }

    private static void Ids(JsonElement o, string property, Action<string, string> p, bool required)
    {
        if (!o.TryGetProperty(property, out var v))
        {
            if (required) p(property, "missing: expected a non-empty list of STIX identifiers");
            return;
        }
        if (v.ValueKind != JsonValueKind.Array || (required && v.GetArrayLength() == 0))
        {
            p(property, "expected a non-empty list of STIX identifiers");
            return;
        }
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !StixJson.IsIdentifier(item.GetString()))
            {
                p($"{property}[{i}]", "expected a STIX identifier (type--UUID)");
                return;
            }
            i++;
        }
    }

    private static void Count(JsonElement o, string property, Action<string, string> p, long min, bool required, long max = 999_999_999)
    {
        if (!o.TryGetProperty(property, out var v))
        {
            if (required) p(property, $"missing: expected a whole number from {min}");
            return;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n) || n < min || n > max)
            p(property, $"expected a whole number from {min} to {max}");
    }

    private static void Number(JsonElement o, string property, Action<string, string> p, double min, double max)
    {
        if (o.TryGetProperty(property, out var v) && (v.ValueKind != JsonValueKind.Number || v.GetDouble() is var x && (x < min || x > max)))
            p(property, $"expected a number from {min} to {max}");
    }
}
