using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Catalogue;

[RequestSizeLimit(CatalogueReader.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = CatalogueReader.MaxBytes)]
public sealed class IndexModel(IsopDb db, CatalogueWrites writes, CatalogueMatchers matchers, FingerprintIndexes fingerprints, FingerprintBudget budget, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>By catalogue id (the default), year (newest first), kind, TLP.</summary>
    public static readonly Sorts<Work> Sorts = new Sorts<Work>("id")
        .Add("id", w => w.ExternalId)
        .Add("year", w => w.Year, descending: true)
        .Add("kind", w => w.Kind)
        .Add("tlp", w => w.Tlp == Isop.Access.Tlp.Red ? 4 : w.Tlp == Isop.Access.Tlp.AmberStrict ? 3 : w.Tlp == Isop.Access.Tlp.Amber ? 2 : w.Tlp == Isop.Access.Tlp.Green ? 1 : 0);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tlp { get; set; }
    public Table Table { get; private set; } = null!;
    public List<Work> Works { get; private set; } = [];
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];
    public bool CanWrite => db.Caller.Role is { } role && role.CanWrite();
    [BindProperty] public string? Listings { get; set; }
    public IReadOnlyList<ListingMatchView>? Matches { get; private set; }

    public IReadOnlyList<FingerprintMatchView>? ImageMatches { get; private set; }

    /// <summary>Adds the PDQ hashes of an uploaded poster, key frame or video to a work (by its catalogue id).</summary>
    public async Task<IActionResult> OnPostFingerprintAsync(string? workId, IFormFile? file, CancellationToken ct)
    {
        if (!CanWrite) return Forbid();
        var work = await db.Works.AsNoTracking()
            .FirstOrDefaultAsync(w => w.ExternalId == (workId ?? "").Trim() && w.OwnerOrganisationId == db.Caller.OrganisationId, ct);
        if (work is null) Errors.Add(l["No work of your organisation has the id {0}.", workId ?? ""]);
        else
        {
            using var lease = budget.Acquire(HttpContext);
            var (hashes, error) = lease.IsAcquired ? await FingerprintApi.HashUploadAsync(file, ct) : ([], l[FingerprintBudget.Refusal].Value);
            if (error is not null) Errors.Add($"{file?.FileName}: {error}");
            else
            {
                await writes.AddFingerprintsAsync(work.Id, hashes, file!.FileName, ct);
                Message = l["{0}: {1} reference fingerprints added to {2}.", file!.FileName, hashes.Count, work.ExternalId];
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Hashes an uploaded image or video and lists the works whose reference fingerprints are near it.</summary>
    public async Task<IActionResult> OnPostFindAsync(IFormFile? file, CancellationToken ct)
    {
        using var lease = budget.Acquire(HttpContext);
        var (hashes, error) = lease.IsAcquired ? await FingerprintApi.HashSearchAsync(file, ct) : ([], l[FingerprintBudget.Refusal].Value);
        if (error is not null) Errors.Add($"{file?.FileName}: {error}");
        else ImageMatches = await fingerprints.SearchAsync(db, hashes, Recognition.Fingerprints.HammingIndex.DefaultRadius, ct);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Paste listing texts, one per line: each is matched against the works the analyst may see.</summary>
    public async Task<IActionResult> OnPostMatchAsync(CancellationToken ct)
    {
        var lines = (Listings ?? "").Split('\n').Select(x => x.Trim()).Where(x => x.Length > 0).Take(200).ToList();
        if (lines.Count == 0) Errors.Add(l["Paste one or more listing texts, one per line."]);
        else Matches = await matchers.MatchAsync(db, lines, l, ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? tlp, CancellationToken ct)
    {
        if (!CanWrite) return Forbid();
        if (file is null || file.Length == 0) Errors.Add(l["Choose a catalogue file."]);
        else if (!TlpLabels.TryParse(tlp, out var label)) Errors.Add($"tlp: {TlpLabels.Expected}");
        else
        {
            try
            {
                await using var stream = file.OpenReadStream();
                var works = await CatalogueReader.ReadAsync(stream, ct);
                var result = await CatalogueImporter.ImportAsync(db, works, db.Caller.OrganisationId!.Value, label, null, ct);
                Message = l["{0}: {1} created, {2} updated, {3} unchanged.", file.FileName, result.Created, result.Updated, result.Unchanged];
            }
            catch (CatalogueFormatException e)
            {
                Errors.AddRange(e.Errors.Select(x => x.ToString()));
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Table = Table.From(Request, Sorts);
        var query = CatalogueApi.Search(db.Works.AsNoTracking(), Q, EnumNames.TryParse<WorkKind>(Kind, out var kind) ? kind : null);
        // A link that left '+' unescaped sends AMBER+STRICT as "AMBER STRICT".
        if (TlpLabels.TryParse(Tlp?.Replace(' ', '+'), out var tlp)) query = query.Where(w => w.Tlp == tlp);
        Table.SetTotal(await query.CountAsync(ct));
        Works = await Sorts.Apply(query, Table.Sort, Table.Direction).ThenBy(w => w.ExternalId).ThenBy(w => w.Id).Skip(Table.Skip).Take(Table.Size).ToListAsync(ct);
    }
}
