using System.Text.Json;

namespace Isop.Web;

/// <summary>Reads typed fields of a JSON request body; a value of the wrong type is an error naming the field and what was expected.</summary>
public static class JsonFields
{
    /// <summary>Fields the input does not have, and fields given twice (which of two values was meant is not guessed).</summary>
    public static void RejectUnknown(JsonElement body, string[] fields, Dictionary<string, string[]> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in body.EnumerateObject())
        {
            if (Array.IndexOf(fields, p.Name) < 0) errors[p.Name] = [$"unknown field (expected one of {string.Join(", ", fields)})"];
            else if (!seen.Add(p.Name)) errors[p.Name] = ["given twice"];
        }
    }

    public static string? String(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        errors[name] = [$"expected a string, got {ApiErrors.Quote(v)}"];
        return null;
    }

    public static bool? Bool(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        errors[name] = [$"expected true or false, got {ApiErrors.Quote(v)}"];
        return null;
    }

    /// <summary>A whole number; the range (checked by the input's Validate) is named in the message for a value of the wrong type.</summary>
    public static int? Int(JsonElement body, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)) return n;
        errors[name] = [$"expected a whole number from {min} to {max}, got {ApiErrors.Quote(v)}"];
        return null;
    }

    public static List<string>? Strings(JsonElement body, string name, Dictionary<string, string[]> errors, string expected = "expected an array of strings", string item = "expected a string")
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array)
        {
            errors[name] = [expected];
            return null;
        }
        var list = new List<string>();
        var i = 0;
        foreach (var value in v.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.String) list.Add(value.GetString()!);
            else errors[$"{name}[{i}]"] = [item];
            i++;
        }
        return list;
    }
}
