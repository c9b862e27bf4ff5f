using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Pages;

/// <summary>What the caller may see, counted (through the same TLP filters as everything else).</summary>
public sealed class IndexModel(IsopDb db, Isop.Operations.OperationFinder operations, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>How far back the dashboard's time series and "new" lists look.</summary>
    public const int Window = 30;

    public sealed record DayCount(DateOnly Day, int Recognised, int NotRecognised);
    public sealed record Ranked(Guid Id, string Name, int Count);
    public sealed record NewOperation(Guid Id, string Names, int Platforms, DateTimeOffset FirstSeen, Tlp Tlp);

    public int OpenCases { get; private set; }
    public int OperationCount { get; private set; }
    public List<DayCount> Days { get; private set; } = [];
    public List<Ranked> TopPlatforms { get; private set; } = [];
    public List<Ranked> TopWorks { get; private set; } = [];
    public List<NewOperation> NewOperations { get; private set; } = [];
    public List<Isop.Cases.CaseSummaryView> Cases { get; private set; } = [];
    public sealed record MyTask(Guid Case, string CaseTitle, string Title, DateOnly? Due);
    public sealed record MyMention(Guid Case, string CaseTitle, string Author, string Text, DateTimeOffset At);
    /// <summary>The open tasks the caller is assigned, soonest due first, on cases the caller may see.</summary>
    public List<MyTask> MyTasks { get; private set; } = [];
    /// <summary>The latest notes that mention the caller, on cases the caller may see.</summary>
    public List<MyMention> Mentions { get; private set; } = [];
    public bool IsMember => db.Caller.IsMember;
    /// <summary>The two charts' figures, for their tables: works by kind, and works and platforms by TLP.</summary>
    public List<(WorkKind Kind, int Count)> WorksByKind { get; private set; } = [];
    public List<(Tlp Tlp, int Works, int Platforms)> RecordsByTlp { get; private set; } = [];

    public int Works { get; private set; }
    public int Platforms { get; private set; }
    public int Observations { get; private set; }
    public int Recognised { get; private set; }
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var byKind = await db.Works.GroupBy(w => w.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var worksByTlp = await db.Works.GroupBy(w => w.Tlp).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var platformsByTlp = await db.Platforms.GroupBy(p => p.Tlp).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Works = byKind.Sum(k => k.Count);
        Platforms = platformsByTlp.Sum(k => k.Count);
        Observations = await db.Observations.CountAsync(ct);
        // Recognitions carry the TLP of the works they speak of: a work the caller may not see is never counted.
        Recognised = await db.Recognitions.CountAsync(r => r.WorkId != null, ct);
        // The works most offered on the platforms the caller may see (each observation counts once).
        var offered = await db.Recognitions.Where(r => r.WorkId != null).GroupBy(r => r.WorkId)
            .Select(g => new { Work = g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).Take(10).ToListAsync(ct);
        var offeredIds = offered.Select(x => x.Work!.Value).ToList();
        var offeredWorks = await db.Works.AsNoTracking().Where(w => offeredIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        TopWorks = [.. offered.Where(x => offeredWorks.ContainsKey(x.Work!.Value))
            .Select(x => new Ranked(x.Work!.Value, offeredWorks[x.Work!.Value].OrderedTitles().FirstOrDefault()?.Text ?? offeredWorks[x.Work!.Value].ExternalId, x.Count))];

        // Detections over the window, by day of first sighting (the days are few; grouped here, once read).
        var today = DateOnly.FromDateTime(db.Time.GetUtcNow().UtcDateTime);
        var from = new DateTimeOffset(today.AddDays(1 - Window).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var seen = await db.Observations.AsNoTracking().Where(o => o.FirstSeen >= from)
            .Select(o => new { o.FirstSeen, Recognised = o.Recognition != null && o.Recognition.WorkId != null }).ToListAsync(ct);
        var byDay = seen.GroupBy(o => DateOnly.FromDateTime(o.FirstSeen.UtcDateTime)).ToDictionary(g => g.Key, g => (g.Count(o => o.Recognised), g.Count(o => !o.Recognised)));
        Days = [.. Enumerable.Range(0, Window).Select(i => today.AddDays(i + 1 - Window)).Select(d => byDay.TryGetValue(d, out var c) ? new DayCount(d, c.Item1, c.Item2) : new DayCount(d, 0, 0))];

        var topPlatforms = await db.Observations.GroupBy(o => o.PlatformId).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).Take(10).ToListAsync(ct);
        var topIds = topPlatforms.Select(x => x.Key).ToList();
        var names = await db.Platforms.AsNoTracking().Where(p => topIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        TopPlatforms = [.. topPlatforms.Where(x => names.ContainsKey(x.Key)).Select(x => new Ranked(x.Key, names[x.Key], x.Count))];

        if (db.Caller.MemberId is { } me)
        {
            var tasks = await db.CaseTasks.AsNoTracking().Where(t => t.AssigneeId == me && t.DoneAt == null)
                .Join(db.Cases, t => t.CaseId, c => c.Id, (t, c) => new { t.CaseId, c.Title, Task = t.Title, t.Due, t.Id })
                .OrderBy(t => t.Due == null).ThenBy(t => t.Due).ThenBy(t => t.Id).Take(10).ToListAsync(ct);
            MyTasks = [.. tasks.Select(t => new MyTask(t.CaseId, t.Title, t.Task, t.Due))];
            var mark = me.ToString();
            var notes = await db.CaseNotes.AsNoTracking().Where(n => n.Mentions.Contains(mark))
                .Join(db.Cases, n => n.CaseId, c => c.Id, (n, c) => new { n.CaseId, c.Title, n.Author, n.Text, n.CreatedAt, n.Id })
                .OrderByDescending(n => n.Id).Take(10).ToListAsync(ct);
            Mentions = [.. notes.Select(n => new MyMention(n.CaseId, n.Title, n.Author, n.Text.Length > 160 ? n.Text[..160] + "…" : n.Text, n.CreatedAt))];
        }

        OpenCases = await db.Cases.CountAsync(c => c.Status != Isop.Cases.CaseStatus.Closed, ct);
        var cases = await db.Cases.AsNoTracking().Where(c => c.Status != Isop.Cases.CaseStatus.Closed).OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).Take(8).ToListAsync(ct);
        Cases = await new Isop.Cases.CaseReads(db).SummariesAsync(cases);

        // Operations the caller may see, newest first: those whose first shared identifier was seen in the window.
        var found = await operations.FindAsync(ct);
        OperationCount = found.Count;
        NewOperations = [.. found.Where(o => o.FirstSeen >= from).OrderByDescending(o => o.FirstSeen).Take(8)
            .Select(o => new NewOperation(o.Id, string.Join(", ", o.Platforms.Take(3).Select(p => p.Name)) + (o.Platforms.Count > 3 ? " …" : ""), o.Platforms.Count, o.FirstSeen, o.Tlp))];

        var kinds = Enum.GetValues<WorkKind>();
        var tlps = Enum.GetValues<Tlp>();
        WorksByKind = [.. kinds.Select(k => (k, byKind.FirstOrDefault(x => x.Key == k)?.Count ?? 0))];
        RecordsByTlp = [.. tlps.Select(t => (t, worksByTlp.FirstOrDefault(x => x.Key == t)?.Count ?? 0, platformsByTlp.FirstOrDefault(x => x.Key == t)?.Count ?? 0))];
        ChartJson = JsonSerializer.Serialize(new
        {
            kinds = new
            {
                labels = kinds.Select(k => l[k.ToString()].Value),
                values = kinds.Select(k => byKind.FirstOrDefault(x => x.Key == k)?.Count ?? 0),
            },
            tlp = new
            {
                labels = tlps.Select(t => "TLP:" + t.Label()),
                works = tlps.Select(t => worksByTlp.FirstOrDefault(x => x.Key == t)?.Count ?? 0),
                platforms = tlps.Select(t => platformsByTlp.FirstOrDefault(x => x.Key == t)?.Count ?? 0),
                worksLabel = l["Works"].Value,
                platformsLabel = l["Platforms"].Value,
            },
            days = new
            {
                labels = Days.Select(d => d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                recognised = Days.Select(d => d.Recognised),
                notRecognised = Days.Select(d => d.NotRecognised),
                recognisedLabel = l["Recognised"].Value,
                notRecognisedLabel = l["Not recognised"].Value,
            },
            platforms = new
            {
                labels = TopPlatforms.Select(p => p.Name),
                values = TopPlatforms.Select(p => p.Count),
                label = l["Listings seen"].Value,
            },
            offered = new
            {
                labels = offered.Where(x => offeredWorks.ContainsKey(x.Work!.Value)).Select(x => offeredWorks[x.Work!.Value].OrderedTitles().FirstOrDefault()?.Text ?? offeredWorks[x.Work!.Value].ExternalId),
                values = offered.Where(x => offeredWorks.ContainsKey(x.Work!.Value)).Select(x => x.Count),
                label = l["Listings seen"].Value,
            },
        }).Replace("<", "\\u003c", StringComparison.Ordinal);
    }
}
