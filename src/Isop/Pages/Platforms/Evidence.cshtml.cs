using Isop.Data;
using Isop.Monitoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Isop.Pages.Platforms;

/// <summary>One captured record: its WARC headers, the HTTP response, the digests checked again, and the page rendered in a sandbox.</summary>
public sealed class EvidenceModel(IsopDb db, MonitorSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(Name = "file", SupportsGet = true)] public string? FileName { get; set; }
    [BindProperty(SupportsGet = true)] public long? Offset { get; set; }

    public EvidenceView View { get; private set; } = null!;

    public string Query => $"file={Uri.EscapeDataString(View.File)}&offset={View.Offset}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EvidenceViewer.ReadAsync(db, settings, Id, FileName, Offset, ct) is not { } view) return NotFound();
        View = view;
        return Page();
    }
}
