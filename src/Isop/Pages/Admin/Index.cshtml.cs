using Isop.Access;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Admin;

/// <summary>
/// Organisations, members and their tokens. Platform admins see all; other admins their own organisation. An admin may
/// revoke a member's token but never issue one for them: tokens are issued on the member's own security page.
/// </summary>
public sealed class IndexModel(IsopDb db, Accounts accounts, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<Organisation> Organisations { get; private set; } = [];
    public List<Member> Members { get; private set; } = [];
    public List<ApiToken> Tokens { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Secret { get; private set; }
    public bool PlatformAdmin => db.Caller.IsPlatformAdmin;
    public Guid? MyOrganisation => db.Caller.OrganisationId;

    public string OrganisationName(Guid id) => Organisations.FirstOrDefault(o => o.Id == id)?.Name ?? "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostOrganisationAsync(string? name, OrganisationKind kind, string? country, CancellationToken ct)
    {
        if (!PlatformAdmin) return Forbid();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) Message = l["A name is required."];
        else if (country is { Length: > 0 } && !Countries.IsAssigned(country.ToUpperInvariant())) Message = l["Country: a two-letter ISO code."];
        else
        {
            await accounts.EnsureOrganisationAsync(name, kind, string.IsNullOrEmpty(country) ? null : country, ct);
            Message = l["Organisation {0} added.", name.Trim()];
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMemberAsync(string? email, Guid organisationId, MemberRole role, CancellationToken ct)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null || !MayAdminister(organisation.Id)) return Forbid();
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@')) Message = l["An e-mail address is required."];
        else
        {
            try
            {
                var created = await accounts.CreateMemberAsync(email, null, organisation, role, ct);
                Message = l["Member {0} added. Give them this one-time password:", created.Member.Email!];
                Secret = created.Password;
            }
            catch (InvalidOperationException e)
            {
                Message = e.Message;
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(Guid memberId, bool locked, CancellationToken ct)
    {
        if (!await accounts.SetLockAsync(db.Caller, memberId, locked, ct)) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken ct)
    {
        if (!await accounts.RevokeTokenAsync(db.Caller, tokenId, ct)) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    private bool MayAdminister(Guid organisationId) => db.Caller.MayAdminister(organisationId);

    private async Task LoadAsync(CancellationToken ct)
    {
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        var members = db.Users.AsNoTracking();
        if (!PlatformAdmin) members = members.Where(m => m.OrganisationId == MyOrganisation);
        Members = await members.OrderBy(m => m.Email).ToListAsync(ct);
        var ids = Members.Select(m => m.Id).ToList();
        Tokens = await db.ApiTokens.AsNoTracking().Include(t => t.Member).Where(t => ids.Contains(t.MemberId)).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
    }
}
