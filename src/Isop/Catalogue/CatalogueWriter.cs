using System.Text.Json;

namespace Isop.Catalogue;

/// <summary>Writes the catalogue format (the same shape <see cref="CatalogueReader"/> reads).</summary>
public static class CatalogueWriter
{
    public static void WriteWork(Utf8JsonWriter writer, CatalogueWork work)
    {
        writer.WriteStartObject();
        writer.WriteString("id", work.Id);
        writer.WriteString("kind", CatalogueReader.KindName(work.Kind));
        if (work.Year is { } year) writer.WriteNumber("year", year);
        if (work.Episodes is { } episodes) writer.WriteNumber("episodes", episodes);
        writer.WriteStartArray("titles");
        foreach (var t in work.Titles)
        {
            writer.WriteStartObject();
            writer.WriteString("text", t.Text);
            writer.WriteString("lang", t.Language);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (work.Aliases.Count > 0)
        {
            writer.WriteStartArray("aliases");
            foreach (var a in work.Aliases) writer.WriteStringValue(a);
            writer.WriteEndArray();
        }
        if (work.RightsHolder is not null) writer.WriteString("rightsHolder", work.RightsHolder);
        writer.WriteEndObject();
    }
}
