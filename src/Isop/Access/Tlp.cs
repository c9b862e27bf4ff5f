using System.Text.Json.Serialization;

namespace Isop.Access;

/// <summary>Traffic Light Protocol 2.0 labels, from most to least shareable.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Tlp>))]
public enum Tlp
{
    [JsonStringEnumMemberName("CLEAR")] Clear = 0,
    [JsonStringEnumMemberName("GREEN")] Green = 1,
    [JsonStringEnumMemberName("AMBER")] Amber = 2,
    [JsonStringEnumMemberName("AMBER+STRICT")] AmberStrict = 3,
    [JsonStringEnumMemberName("RED")] Red = 4,
}

public static class TlpLabels
{
    public static string Label(this Tlp tlp) => tlp switch
    {
        Tlp.Clear => "CLEAR",
        Tlp.Green => "GREEN",
        Tlp.Amber => "AMBER",
        Tlp.AmberStrict => "AMBER+STRICT",
        Tlp.Red => "RED",
        _ => throw new ArgumentOutOfRangeException(nameof(tlp)),
    };

    public static bool TryParse(string? text, out Tlp tlp)
    {
        switch (text?.Trim().ToUpperInvariant().Replace("TLP:", "", StringComparison.Ordinal))
        {
            case "CLEAR" or "WHITE": tlp = Tlp.Clear; return true;
            case "GREEN": tlp = Tlp.Green; return true;
            case "AMBER": tlp = Tlp.Amber; return true;
            case "AMBER+STRICT" or "AMBER_STRICT" or "AMBERSTRICT": tlp = Tlp.AmberStrict; return true;
            case "RED": tlp = Tlp.Red; return true;
            default: tlp = default; return false;
        }
    }

    public const string Expected = "one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED";
}
