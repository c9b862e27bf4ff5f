using System.Text.Json;
using System.Text.Json.Serialization;

namespace Isop.Web;

/// <summary>
/// The rules every JSON body bound by the framework follows, as the hand-read ones do (<see cref="ApiErrors.ParseBodyAsync"/>):
/// unknown fields are refused, and so is text no database keeps (a NUL character, half of a surrogate pair, invalid UTF-8).
/// </summary>
public static class StrictJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Insert(0, new KeptText());
    }

    private sealed class KeptText : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            string text;
            try
            {
                text = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new JsonException("not valid Unicode text (invalid UTF-8, or half of a surrogate pair)");
            }
            return text.Contains('\0') ? throw new JsonException("contains a NUL character") : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
