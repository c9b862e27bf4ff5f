using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

/// <summary>
/// The audience a listing's counters show, kept beside them at ingest so that scores and loss estimates add up columns
/// instead of reading JSON: views are the views, hits or plays a page shows; downloads are the downloads or grabs it
/// shows, else the seeders and leechers of a torrent (a lower bound). A counter beyond <see cref="Cap"/> is read as
/// the cap (no page shows more; a larger figure is a parsing accident or a lie).
/// </summary>
public static class Audience
{
    public const long Cap = 1_000_000_000_000;

    public static (long Views, long Downloads) Of(IEnumerable<KeyValuePair<string, long>> counters)
    {
        long views = 0, downloads = 0, peers = 0;
        foreach (var (name, value) in counters)
        {
            if (value <= 0) continue;
            var n = Math.Min(value, Cap);
            switch (name)
            {
                case "views" or "hits" or "plays": views = Add(views, n); break;
                case "downloads" or "grabs": downloads = Add(downloads, n); break;
                case "seeders" or "leechers": peers = Add(peers, n); break;
            }
        }
        return (views, downloads > 0 ? downloads : peers);
    }

    /// <summary>The audience of counters stored as JSON; nothing for JSON that is not an object of numbers.</summary>
    public static (long Views, long Downloads) OfJson(string counters)
    {
        try
        {
            using var json = JsonDocument.Parse(counters);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return (0, 0);
            var values = new List<KeyValuePair<string, long>>();
            foreach (var c in json.RootElement.EnumerateObject())
                if (c.Value.ValueKind == JsonValueKind.Number && c.Value.TryGetInt64(out var n)) values.Add(new(c.Name, n));
            return Of(values);
        }
        catch (JsonException)
        {
            return (0, 0);
        }
    }

    private static long Add(long a, long b) => Math.Min(Cap, a + b);
}

/// <summary>Gives the audience columns to observations stored before they were kept (new ones get them at ingest).</summary>
public static class AudienceIndex
{
    /// <summary>Runs at start-up after the migrations, a thousand rows at a time; one query when there is nothing to do.</summary>
    public static async Task BackfillAsync(Data.IsopDb db, CancellationToken ct)
    {
        while (true)
        {
            var pending = await db.Observations.IgnoreQueryFilters()
                .Where(o => o.Counters != null && o.Views == null).OrderBy(o => o.Id).Select(o => new { o.Id, o.Counters }).Take(1000).ToListAsync(ct);
            if (pending.Count == 0) return;
            foreach (var row in pending)
            {
                var (views, downloads) = Audience.OfJson(row.Counters!);
                await db.Observations.IgnoreQueryFilters().Where(o => o.Id == row.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(o => o.Views, views).SetProperty(o => o.Downloads, downloads), ct);
            }
        }
    }
}
