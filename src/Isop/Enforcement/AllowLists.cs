using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Platforms;
using Isop.Web;
using Microsoft.EntityFrameworkCore;

namespace Isop.Enforcement;

/// <summary>An entry of the allow-list as the API shows it.</summary>
public sealed record AllowedView(string Domain, string? Reason, string AddedBy, DateTimeOffset AddedAt)
{
    public static AllowedView Of(AllowedDomain a) => new(a.Name, a.Reason, a.AddedBy, a.AddedAt);
}

/// <summary>
/// The allow-list: read by every member, changed by platform admins and the local operator only (it binds every
/// organisation's notices and decisions), each change audited.
/// </summary>
public sealed class AllowLists(IsopDb db)
{
    public static bool MayEdit(Caller caller) => caller.IsSystem || (caller.IsPlatformAdmin && caller.Role == MemberRole.Admin);

    public async Task<List<AllowedDomain>> ListAsync(CancellationToken ct) =>
        await db.AllowedDomains.AsNoTracking().Where(a => a.RemovedAt == null).OrderBy(a => a.Name).ToListAsync(ct);

    /// <summary>Adds a name (and so its subdomains); adding one already there changes nothing and returns it.</summary>
    public async Task<(AllowedDomain Entry, bool Added)> AddAsync(string? domain, string? reason, CancellationToken ct)
    {
        if (!MayEdit(db.Caller)) throw new AccessDeniedException($"{db.Caller.Name} may not change the allow-list: platform admins do.");
        var errors = new Dictionary<string, string[]>();
        if (!DomainNames.TryNormalise(domain, out var name, out var problem)) errors["domain"] = [problem];
        string? why = null;
        if (!string.IsNullOrWhiteSpace(reason)) why = DecisionWrites.Text(reason, "reason", 1000, errors);
        InvalidInputException.ThrowIfAny(errors);
        if (await db.AllowedDomains.SingleOrDefaultAsync(a => a.Name == name && a.RemovedAt == null, ct) is { } existing) return (existing, false);
        var entry = new AllowedDomain { Name = name, Reason = why, AddedBy = db.Caller.Name, AddedAt = db.Time.GetUtcNow() };
        db.AllowedDomains.Add(entry);
        await db.SaveChangesAsync(ct);
        return (entry, true);
    }

    /// <summary>Takes a name off the list; false when it is not on it.</summary>
    public async Task<bool> RemoveAsync(string? domain, CancellationToken ct)
    {
        if (!MayEdit(db.Caller)) throw new AccessDeniedException($"{db.Caller.Name} may not change the allow-list: platform admins do.");
        if (!DomainNames.TryNormalise(domain, out var name, out var problem)) throw new InvalidInputException(new Dictionary<string, string[]> { ["domain"] = [problem] });
        var entry = await db.AllowedDomains.SingleOrDefaultAsync(a => a.Name == name && a.RemovedAt == null, ct);
        if (entry is null) return false;
        entry.RemovedAt = db.Time.GetUtcNow();
        entry.RemovedBy = db.Caller.Name;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The names the allow-list holds now.</summary>
    public static async Task<List<string>> NamesAsync(IsopDb db, CancellationToken ct) =>
        await db.AllowedDomains.AsNoTracking().Where(a => a.RemovedAt == null).Select(a => a.Name).ToListAsync(ct);

    /// <summary>Refuses (409, exit 1) an action on any of <paramref name="domains"/> that the allow-list covers, naming each and why it is allowed.</summary>
    public static async Task RefuseCoveredAsync(IsopDb db, IEnumerable<string> domains, string action, CancellationToken ct)
    {
        var entries = await db.AllowedDomains.AsNoTracking().Where(a => a.RemovedAt == null).ToListAsync(ct);
        var names = entries.Select(e => e.Name).ToList();
        var covered = domains.Distinct(StringComparer.Ordinal)
            .Select(d => (Domain: d, By: AllowList.Covering(names, d)))
            .Where(x => x.By is not null)
            .Select(x =>
            {
                var entry = entries.First(e => e.Name == x.By);
                var why = entry.Reason is { Length: > 0 } r ? $": {r}" : "";
                return x.By == x.Domain ? $"{x.Domain} is on the allow-list{why}" : $"{x.Domain} is under {x.By}, which is on the allow-list{why}";
            })
            .ToList();
        if (covered.Count > 0) throw new ConflictException($"Refused by the allow-list: {action}; {string.Join("; ", covered)}.");
    }
}
