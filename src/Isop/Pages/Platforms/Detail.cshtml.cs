using System.Text.Json;
using Isop.Access;
using Isop.Cases;
using Isop.Data;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Platforms;

/// <summary>One platform: how it is monitored, what monitoring saw (listings and their matches), its signals and runs.</summary>
public sealed class DetailModel(IsopDb db, PlatformWrites writes, CaseWrites cases, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Matched { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public Table Table { get; private set; } = null!;

    public Platform Platform { get; private set; } = null!;
    public List<ObservationView> Observations { get; private set; } = [];
    /// <summary>The matcher's reasons for the page's listings, once per work.</summary>
    public ListingReasons Reasons { get; private set; } = ListingReasons.Of([]);
    /// <summary>The cases the caller may see that link this platform.</summary>
    public List<(Guid Id, string Title)> InCases { get; private set; } = [];
    /// <summary>The open cases of the caller's organisation the platform could be added to.</summary>
    public List<(Guid Id, string Title)> OpenCases { get; private set; } = [];
    public List<SightingView> Signals { get; private set; } = [];
    public List<CrawlRun> Runs { get; private set; } = [];
    public int ObservationCount { get; private set; }
    public int MatchedCount { get; private set; }
    public int WorkCount { get; private set; }
    public string ChartJson { get; private set; } = "{}";
    public bool CanWrite => db.Caller.CanWriteFor(Platform.OwnerOrganisationId);
    /// <summary>Whether the caller may open cases (a writer of an organisation).</summary>
    public bool CanOpenCase => db.Caller is { IsMember: true, OrganisationId: { } organisation } && db.Caller.CanWriteFor(organisation);
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message = TempData["message"] as string;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostEditAsync(string? name, string? kind, string? domains, string? tlp, CancellationToken ct) =>
        WriteAsync(() => writes.UpdateAsync(Id, PlatformForm.Platform(name, kind, domains, tlp), ct), l["Platform saved."], ct);

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (await writes.DeleteAsync(Id, ct) is not { } deleted) return NotFound();
        TempData["message"] = l["Platform {0} deleted. Its evidence is kept in the evidence store (folder {1}).", deleted.Name, deleted.EvidenceFolder].Value;
        return Redirect("/Platforms");
    }

    /// <summary>Links the platform to one of the caller's cases (the case's rules: its lead organisation's writers only).</summary>
    public async Task<IActionResult> OnPostAddToCaseAsync(Guid? @case, CancellationToken ct)
    {
        // A platform the caller may not see is not found, whichever case is named.
        if (!await db.Platforms.AnyAsync(p => p.Id == Id, ct)) return NotFound();
        if (@case is not { } caseId)
        {
            Errors.Add(l["Choose a case."]);
            await LoadAsync(ct);
            return Page();
        }
        try
        {
            if (await cases.LinkAsync(caseId, new CaseLinkInput(CaseLinkKind.Platform, Id, null, null), ct) is null) return NotFound();
        }
        catch (AccessDeniedException)
        {
            return Forbid();
        }
        catch (InvalidInputException e)
        {
            Errors.AddRange(PlatformForm.Describe(e));
            await LoadAsync(ct);
            return Page();
        }
        var title = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Title).SingleAsync(ct);
        TempData["message"] = l["Added to the case {0}.", title].Value;
        return Redirect($"/Platforms/{Id}");
    }

    public Task<IActionResult> OnPostRunAsync(CancellationToken ct) =>
        WriteAsync(() => writes.RunNowAsync(Id, ct), l["Monitoring run requested: it starts within seconds."], ct);

    public Task<IActionResult> OnPostMonitorAsync(bool enabled, int intervalMinutes, string? seeds, string? resolve, int delayMs, int perHost, int maxPages, int maxDepth, bool respectRobots, string? profile, CancellationToken ct) =>
        WriteAsync(() => writes.SetMonitorAsync(Id, PlatformForm.Monitor(enabled, intervalMinutes, seeds, resolve, delayMs, perHost, maxPages, maxDepth, respectRobots, profile), ct),
            l["Monitoring settings saved."], ct);

    /// <summary>One write through the platform service: refused → 403, problems listed on the page, success said.</summary>
    private async Task<IActionResult> WriteAsync(Func<Task<Platform?>> write, string done, CancellationToken ct)
    {
        try
        {
            if (await write() is null) return NotFound();
            Message = done;
        }
        catch (AccessDeniedException)
        {
            return Forbid();
        }
        catch (InvalidInputException e)
        {
            Errors.AddRange(PlatformForm.Describe(e));
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await PlatformOverview.LoadAsync(db, Id, ct) is not { } overview) return false;
        Platform = overview.Platform;
        Table = Table.From(Request, MonitoringApi.ObservationSorts);
        var listings = (await MonitoringApi.ObservationQueryAsync(db, Id, Matched, Q, Table.Sort, Table.Direction, ct))!;
        Table.SetTotal(await listings.Filtered.CountAsync(ct));
        Observations = await listings.PageAsync(db, Table.Page, Table.Size, l, ct);
        Reasons = ListingReasons.Of(Observations);
        InCases = [.. (await db.CaseLinks.AsNoTracking().Where(k => k.PlatformId == Id && k.Kind == CaseLinkKind.Platform)
            .Join(db.Cases, k => k.CaseId, c => c.Id, (_, c) => new { c.Id, c.Title }).Distinct().OrderBy(c => c.Title).Take(50).ToListAsync(ct))
            .Select(c => (c.Id, c.Title))];
        if (CanOpenCase)
        {
            var organisation = db.Caller.OrganisationId!.Value;
            var linked = InCases.Select(c => c.Id).ToList();
            OpenCases = [.. (await db.Cases.AsNoTracking().Where(c => c.OwnerOrganisationId == organisation && c.Status != CaseStatus.Closed && !linked.Contains(c.Id))
                .OrderByDescending(c => c.UpdatedAt).Take(100).Select(c => new { c.Id, c.Title }).ToListAsync(ct)).Select(c => (c.Id, c.Title))];
        }
        Signals = (await MonitoringApi.SignalsAsync(db, Id, ct))!;
        Runs = [.. overview.Runs];
        (ObservationCount, MatchedCount, WorkCount) = (overview.Listings, overview.Recognised, overview.Works);
        ChartJson = JsonSerializer.Serialize(new
        {
            days = overview.Days.Select(d => d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            matched = overview.Days.Select(d => d.Recognised),
            unmatched = overview.Days.Select(d => d.NotRecognised),
            matchedLabel = l["Recognised"].Value,
            unmatchedLabel = l["Not recognised"].Value,
            runs = Runs.OrderBy(r => r.StartedAt).Select(r => new { at = r.StartedAt.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), pages = r.Pages, listings = r.Listings }),
            pagesLabel = l["Pages"].Value,
            listingsLabel = l["Listings"].Value,
        }).Replace("<", "\\u003c", StringComparison.Ordinal);
        return true;
    }
}
