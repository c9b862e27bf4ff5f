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
        if (!work.SeasonsImplied)
        {
            writer.WriteStartArray("seasons");
            foreach (var season in work.SeasonList())
            {
                writer.WriteStartObject();
                writer.WriteNumber("number", season.Number);
                if (season.Episodes is { } count) writer.WriteNumber("episodes", count);
                if (season.Year is { } aired) writer.WriteNumber("year", aired);
                if (season.Titles.Count > 0) WriteTitles(writer, season.Titles);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        WriteTitles(writer, work.Titles);
        if (work.Aliases.Count > 0)
        {
            writer.WriteStartArray("aliases");
            foreach (var a in work.Aliases) writer.WriteStringValue(a);
            writer.WriteEndArray();
        }
        if (work.RightsHolder is not null) writer.WriteString("rightsHolder", work.RightsHolder);
        if (work.OfferList.Count > 0)
        {
            writer.WriteStartArray("offers");
            foreach (var o in work.OfferList)
            {
                writer.WriteStartObject();
                writer.WriteString("service", o.Service);
                writer.WriteString("url", o.Url);
                if (o.Countries.Count > 0)
                {
                    writer.WriteStartArray("countries");
                    foreach (var c in o.Countries) writer.WriteStringValue(c);
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteTitles(Utf8JsonWriter writer, IReadOnlyList<CatalogueTitle> titles)
    {
        writer.WriteStartArray("titles");
        foreach (var t in titles)
        {
            writer.WriteStartObject();
            writer.WriteString("text", t.Text);
            writer.WriteString("lang", t.Language);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
