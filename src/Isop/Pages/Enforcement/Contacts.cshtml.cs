using Isop.Data;
using Isop.Enforcement;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pages.Enforcement;

/// <summary>The address book of abuse contacts: listed, added, imported from CSV, and proposed for a platform.</summary>
public sealed class ContactsModel(IsopDb db, Contacts contacts) : EnforcementPageModel
{
    [BindProperty(SupportsGet = true)] public Guid? PlatformId { get; set; }

    public IReadOnlyList<AbuseContact> Book { get; private set; } = [];
    public IReadOnlyList<ContactProposal>? Proposals { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Platforms { get; private set; } = [];
    public bool CanWrite => db.Caller.OrganisationId is { } org && db.Caller.CanWriteFor(org);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Book = await contacts.ListAsync(null, ct);
        Platforms = [.. (await db.Platforms.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).Take(2000).ToListAsync(ct)).Select(p => (p.Id, p.Name))];
        if (PlatformId is { } id) Proposals = await contacts.ProposeAsync(id, ct) ?? [];
    }

    public Task<IActionResult> OnPostAddAsync(string? name, string? kind, string? email, string? country, string? domains, string? networks, CancellationToken ct) =>
        ActAsync(async () =>
        {
            static List<string> Items(string? text) => [.. (text ?? "").Split([' ', ',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            await contacts.AddAsync(new ContactInput(name, kind, email, country, Items(domains), Items(networks), null), ct);
            return L("The contact is in the address book.");
        }, ct);

    public Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct) =>
        ActAsync(async () =>
        {
            if (file is null || file.Length == 0) throw new InvalidInputException(new Dictionary<string, string[]> { ["file"] = [L("Choose a CSV file.")] });
            if (file.Length > 5 * 1024 * 1024) throw new InvalidInputException(new Dictionary<string, string[]> { ["file"] = ["larger than 5 MB"] });
            string text;
            try
            {
                using var reader = new StreamReader(file.OpenReadStream(), new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
                text = await reader.ReadToEndAsync(ct);
            }
            catch (System.Text.DecoderFallbackException)
            {
                throw new InvalidInputException(new Dictionary<string, string[]> { ["file"] = ["expected UTF-8 text"] });
            }
            var result = await contacts.ImportAsync(text, ct);
            return string.Format(System.Globalization.CultureInfo.CurrentCulture, L("{0} contacts added, {1} updated."), result.Added, result.Updated);
        }, ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct) =>
        ActAsync(async () => await contacts.RemoveAsync(id, ct) ? L("The contact is removed.") : "", ct);

    private async Task<IActionResult> ActAsync(Func<Task<string>> act, CancellationToken ct)
    {
        await TryAsync(async () => await act());
        await LoadAsync(ct);
        return Page();
    }
}
