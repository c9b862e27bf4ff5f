using System.Text.Json;
using Isop.Tests.Infrastructure;
using Json.Schema;

namespace Isop.Tests.Sharing;

/// <summary>The OASIS STIX 2.1 JSON schemas (draft 2020-12) from ../shared/data/stix2, checked with JsonSchema.Net.</summary>
public static class StixSchemas
{
    private static readonly Lazy<(BuildOptions Options, Dictionary<string, JsonSchema> ByName)> Loaded = new(Load);

    private static (BuildOptions, Dictionary<string, JsonSchema>) Load()
    {
        var folder = Path.GetDirectoryName(Path.GetDirectoryName(SharedData.Require("stix2/schemas/common/core.json")))!;
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var byName = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        // A schema builds once every schema it refers to is registered: build in passes until all are.
        var pending = files.ToList();
        for (var pass = 0; pending.Count > 0 && pass < 10; pass++)
        {
            var failed = new List<string>();
            foreach (var file in pending)
            {
                try
                {
                    var schema = JsonSchema.FromFile(file, options);
                    options.SchemaRegistry.Register(schema);
                    byName[$"{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileNameWithoutExtension(file)}"] = schema;
                }
                catch (Exception) when (pass < 9)
                {
                    failed.Add(file);
                }
            }
            pending = failed;
        }
        return (options, byName);
    }

    /// <summary>The schema an object's type is checked with: its own, or the core one for types STIX does not define.</summary>
    public static JsonSchema For(string type, bool observable)
    {
        var byName = Loaded.Value.ByName;
        foreach (var folder in new[] { "sdos", "sros", "observables", "common" })
            if (byName.TryGetValue($"{folder}/{type}", out var schema)) return schema;
        return observable ? byName["common/cyber-observable-core"] : byName["common/core"];
    }

    public static JsonSchema Bundle => Loaded.Value.ByName["common/bundle"];

    /// <summary>The errors of one object against its schema (empty when valid).</summary>
    public static IReadOnlyList<string> Errors(JsonElement obj)
    {
        var type = obj.GetProperty("type").GetString()!;
        var observable = Isop.Sharing.StixReader.Observables.Contains(type) || type is "cryptocurrency-wallet" or "x-isop-identifier";
        var result = For(type, observable).Evaluate(obj, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : Flatten(result).ToList();
    }

    public static IReadOnlyList<string> BundleErrors(JsonElement bundle)
    {
        var result = Bundle.Evaluate(bundle, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : Flatten(result).ToList();
    }

    private static IEnumerable<string> Flatten(EvaluationResults r)
    {
        if (r.Errors is { } errors) foreach (var (k, v) in errors) yield return $"{r.InstanceLocation} {k}: {v}";
        if (r.Details is { } details) foreach (var d in details) foreach (var e in Flatten(d)) yield return e;
    }
}
