using Isop.Data;
using Isop.Enforcement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pages.Enforcement;

/// <summary>Blocking decisions, the blocklists made of them per jurisdiction, and the allow-list.</summary>
public sealed class BlockingModel(IsopDb db, DecisionWrites decisions, AllowLists allowList, BlocklistService blocklists) : EnforcementPageModel
{
    public IReadOnlyList<DecisionView> Decisions { get; private set; } = [];
    public IReadOnlyList<AllowedDomain> Allowed { get; private set; } = [];
    public IReadOnlyList<Blocklist> Lists { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Platforms { get; private set; } = [];
    public bool CanWrite => db.Caller.OrganisationId is { } org && db.Caller.CanWriteFor(org);
    public bool CanEditAllowList => AllowLists.MayEdit(db.Caller);
    /// <summary>Whether the caller records decisions: a writer of a public authority.</summary>
    public bool CanDecide { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await db.BlockingDecisions.AsNoTracking().OrderByDescending(d => d.DecidedAt).Take(500).ToListAsync(ct);
        Decisions = await EnforcementApi.ViewsAsync(db, all, ct);
        Allowed = await allowList.ListAsync(ct);
        var lists = new List<Blocklist>();
        foreach (var jurisdiction in Decisions.Where(d => d.InForce).Select(d => d.Jurisdiction).Distinct().Order(StringComparer.Ordinal))
            lists.Add(await blocklists.BuildAsync(jurisdiction, ct));
        Lists = lists;
        CanDecide = CanWrite && await DecisionWrites.MayDecideAsync(db, db.Caller.OrganisationId!.Value, ct);
        Platforms = [.. (await db.Platforms.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).Take(2000).ToListAsync(ct)).Select(p => (p.Id, p.Name))];
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid? platformId, string? jurisdiction, string? basis, string? decidedBy, string? decidedAt, string? until, CancellationToken ct) =>
        await ActAsync(async () =>
        {
            await decisions.CreateAsync(new DecisionInput
            {
                PlatformId = platformId, Jurisdiction = jurisdiction, Basis = basis, DecidedBy = decidedBy,
                DecidedAt = string.IsNullOrWhiteSpace(decidedAt) ? null : decidedAt, Until = string.IsNullOrWhiteSpace(until) ? null : until,
            }, ct);
            return "The decision is recorded.";
        }, ct);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct) =>
        await ActAsync(async () => await decisions.RevokeAsync(id, null, ct) is null ? "" : "The decision is revoked.", ct);

    public async Task<IActionResult> OnPostAllowAsync(string? domain, string? reason, CancellationToken ct) =>
        await ActAsync(async () => (await allowList.AddAsync(domain, reason, ct)).Added ? "The domain is on the allow-list." : "The domain was already on the allow-list.", ct);

    public async Task<IActionResult> OnPostDisallowAsync(string? domain, CancellationToken ct) =>
        await ActAsync(async () => await allowList.RemoveAsync(domain, ct) ? "The domain is off the allow-list." : "", ct);

    private async Task<IActionResult> ActAsync(Func<Task<string>> act, CancellationToken ct)
    {
        await TryAsync(async () => await act() is { Length: > 0 } done ? L(done) : null);
        await LoadAsync(ct);
        return Page();
    }
}
