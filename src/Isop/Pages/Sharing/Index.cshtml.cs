using Isop.Access;
using Isop.Data;
using Isop.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pages.Sharing;

/// <summary>
/// Sharing: the organisation's TAXII collection (what it holds, by type and TLP), the export, imports of partners'
/// bundles with their provenance, and the feeds that pull partners' collections.
/// </summary>
[RequestSizeLimit(SharingApi.MaxImportBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SharingApi.MaxImportBytes)]
public sealed class IndexModel(IsopDb db, StixSharing sharing, TaxiiFeeds feeds) : PageModel
{
    public sealed record TypeCount(string Type, int Count, bool Known);

    public Guid Collection { get; private set; }
    public IReadOnlyList<TypeCount> ByType { get; private set; } = [];
    public IReadOnlyDictionary<Tlp, int> ByTlp { get; private set; } = new Dictionary<Tlp, int>();
    public IReadOnlyList<StixImportView> Imports { get; private set; } = [];
    public IReadOnlyList<FeedView> Feeds { get; private set; } = [];
    /// <summary>The sharing groups shown to the caller, with how many objects of each collection they may read (members only).</summary>
    public IReadOnlyList<(SharingGroupView Group, int? Objects)> Groups { get; private set; } = [];
    public bool CanWrite { get; private set; }
    public StixImportResult? Result { get; private set; }
    public string? ResultFile { get; private set; }
    public PullResult? Pulled { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty] public FeedForm Feed { get; set; } = new();

    public sealed class FeedForm
    {
        public string? Name { get; set; }
        public string? Url { get; set; }
        public string? Username { get; set; }
        public string? Password { get; set; }
        public int IntervalMinutes { get; set; } = 60;
        public string Tlp { get; set; } = "AMBER";
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var organisation = db.Caller.OrganisationId!.Value;
        Collection = organisation;
        CanWrite = db.Caller.CanWriteFor(organisation);
        // What a partner reading the collection may be given: its newest versions (the organisation's records are published first).
        await sharing.EnsurePublishedAsync(organisation, ct);
        var counts = await db.StixObjects.AsNoTracking().Where(o => o.CollectionId == organisation && o.Latest)
            .GroupBy(o => new { o.Type, o.Tlp }).Select(g => new { g.Key.Type, g.Key.Tlp, Count = g.Count() }).ToListAsync(ct);
        ByType = counts.GroupBy(c => c.Type).Select(g => new TypeCount(g.Key, g.Sum(c => c.Count), StixReader.IsKnown(g.Key)))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Type, StringComparer.Ordinal).ToList();
        ByTlp = counts.GroupBy(c => c.Tlp).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        Imports = (await db.StixImports.AsNoTracking().Where(i => i.Channel != StixChannel.Publish).OrderByDescending(i => i.ReceivedAt).Take(50).ToListAsync(ct))
            .Select(SharingApi.View).ToList();
        Feeds = (await db.TaxiiFeeds.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct)).Select(FeedView.Of).ToList();
        var groups = await SharingGroups.ListAsync(db, ct);
        var memberOf = groups.Where(g => g.Organisations.Any(o => o.Id == organisation)).Select(g => g.Id).ToList();
        var readable = await db.StixObjects.AsNoTracking().Where(o => memberOf.Contains(o.CollectionId) && o.Latest)
            .GroupBy(o => o.CollectionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Groups = groups.Select(g => (g, memberOf.Contains(g.Id) ? readable.GetValueOrDefault(g.Id) : (int?)null)).ToList();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? bundle, CancellationToken ct)
    {
        var organisation = db.Caller.OrganisationId!.Value;
        if (bundle is null || bundle.Length == 0) Problems = ["Choose a STIX 2.1 bundle (JSON) to import."];
        else
        {
            var buffer = new MemoryStream();
            await bundle.CopyToAsync(buffer, ct);
            ResultFile = bundle.FileName;
            try
            {
                Result = await StixSharing.ImportAsync(db, organisation, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), StixChannel.File, bundle.FileName, db.Caller.Name, partial: false, null, ct);
            }
            catch (StixFormatException e)
            {
                Problems = [e.Message];
            }
            catch (StixImportException e)
            {
                Problems = [.. e.Problems.Take(50).Select(p => p.ToString())];
            }
            catch (AccessDeniedException e)
            {
                Problems = [e.Message];
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFeedAsync(CancellationToken ct)
    {
        var organisation = db.Caller.OrganisationId!.Value;
        try
        {
            if (!db.Caller.CanWriteFor(organisation)) throw new AccessDeniedException("Only analysts and admins add feeds.");
            await feeds.AddAsync(db, organisation, new FeedInput(Feed.Name, Feed.Url, Feed.Username, Feed.Password, Feed.IntervalMinutes, Feed.Tlp, true), ct);
            return RedirectToPage();
        }
        catch (Web.InvalidInputException e)
        {
            Problems = [.. e.Errors.Select(x => $"{x.Key}: {string.Join(" ", x.Value)}")];
        }
        catch (AccessDeniedException e)
        {
            Problems = [e.Message];
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPullAsync(Guid id, CancellationToken ct)
    {
        var organisation = db.Caller.OrganisationId!.Value;
        if (!await db.TaxiiFeeds.AnyAsync(f => f.Id == id, ct)) return NotFound();
        if (!db.Caller.CanWriteFor(organisation)) Problems = ["Only analysts and admins pull feeds."];
        else Pulled = await feeds.PullAsync(organisation, id, ct);
        await LoadAsync(ct);
        return Page();
    }
}
