using System.Text.Json;
using Isop.Data;
using Isop.Operations;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Operations;

/// <summary>One operation: its graph of platforms, domains and shared identifiers, every link's evidence, and its platforms' domain successions.</summary>
public sealed class DetailModel(OperationFinder finder, IsopDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public Operation Operation { get; private set; } = null!;
    public IReadOnlyList<LineageEntry> Lineage { get; private set; } = [];
    public string GraphJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await finder.OfPlatformAsync(Id, ct) is not { } operation) return NotFound();
        Operation = operation;
        var members = operation.Platforms.Select(p => p.Id).ToHashSet();
        Lineage = [.. (await Isop.Operations.Lineage.ReadAsync(db, null, ct)).Where(e => members.Contains(e.From.Platform))];
        var states = (await db.Platforms.AsNoTracking().Where(p => members.Contains(p.Id)).ToListAsync(ct))
            .SelectMany(p => p.Domains).GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var elements = new List<object>();
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in operation.Platforms)
        {
            elements.Add(new { data = new { id = $"p:{p.Id}", label = p.Name, type = "platform", href = $"/Platforms/{p.Id}" } });
            foreach (var d in p.Domains.Distinct(StringComparer.Ordinal))
            {
                var state = states.GetValueOrDefault(d);
                var label = state?.DarkSince is not null ? $"{d} ({l["dark"]})" : state?.Discovered == true ? $"{d} ({l["discovered"]})" : d;
                // Two platforms may list one domain: its node is drawn once.
                if (drawn.Add(d)) elements.Add(new { data = new { id = $"d:{d}", label, type = state?.DarkSince is not null ? "dark" : "domain" } });
                elements.Add(new { data = new { id = $"pd:{p.Id}:{d}", source = $"p:{p.Id}", target = $"d:{d}", type = "domain" } });
            }
        }
        foreach (var shared in operation.Links.SelectMany(x => x.Signals).GroupBy(s => (s.Kind, s.Value)))
        {
            var node = $"s:{shared.Key.Kind}:{shared.Key.Value}";
            var strong = shared.Any(s => s.Strength == SignalStrength.Strong);
            elements.Add(new { data = new { id = node, label = $"{l[KindLabels.OfSignal(shared.Key.Kind)]}: {shared.Key.Value}", type = strong ? "strong" : "medium" } });
            foreach (var platform in shared.SelectMany(s => s.Evidence).Select(e => e.Platform).Distinct())
                elements.Add(new { data = new { id = $"ps:{platform}:{node}", source = $"p:{platform}", target = node, type = strong ? "signal" : "corroborating" } });
        }
        foreach (var e in Lineage.Where(e => states.ContainsKey(e.From.Domain) && states.ContainsKey(e.To.Domain)))
            elements.Add(new { data = new { id = $"hop:{e.Id}", source = $"d:{e.From.Domain}", target = $"d:{e.To.Domain}", type = "hop", label = l[KindLabels.OfSuccession(e.Via)].Value } });
        GraphJson = JsonSerializer.Serialize(new { elements });
        return Page();
    }
}
