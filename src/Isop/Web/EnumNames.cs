using System.Text.Json;

namespace Isop.Web;

/// <summary>Names of the enums as the API, the command line and the templates spell them.</summary>
public static class EnumNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value).Trim('"');

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string Expected<T>() where T : struct, Enum => "one of " + string.Join(", ", Enum.GetValues<T>().Select(Of));
}
