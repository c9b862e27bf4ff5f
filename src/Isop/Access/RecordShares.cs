using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Access;

/// <summary>Who a record is explicitly shared with: organisations (AMBER) and named members (RED).</summary>
public sealed record SharesDto(IReadOnlyList<Guid>? Organisations, IReadOnlyList<Guid>? Members)
{
    public static readonly SharesDto None = new([], []);
}

public static class RecordShares
{
    public static async Task ValidateAsync(IsopDb db, SharesDto? shares, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (shares is null) return;
        var orgs = (shares.Organisations ?? []).Distinct().ToList();
        var members = (shares.Members ?? []).Distinct().ToList();
        if (orgs.Count > 500) errors["sharedWith.organisations"] = ["at most 500 organisations"];
        if (members.Count > 500) errors["sharedWith.members"] = ["at most 500 members"];
        if (orgs.Count > 0)
        {
            var found = await db.Organisations.Where(o => orgs.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
            var missing = orgs.Except(found).ToList();
            if (missing.Count > 0) errors["sharedWith.organisations"] = [$"unknown organisation {missing[0]}"];
        }
        if (members.Count > 0)
        {
            var found = await db.Users.Where(m => members.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
            var missing = members.Except(found).ToList();
            if (missing.Count > 0) errors["sharedWith.members"] = [$"unknown member {missing[0]}"];
        }
    }

    /// <summary>Replaces a record's shares with the given set (null leaves them as they are).</summary>
    public static async Task ReplaceAsync<T>(IsopDb db, T record, SharesDto? shares, CancellationToken ct) where T : IShareable
    {
        if (shares is null) return;
        var kind = RecordKinds.Of<T>();
        var current = await db.Shares.Where(s => s.RecordKind == kind && s.RecordId == record.Id).ToListAsync(ct);
        var wantOrgs = (shares.Organisations ?? []).ToHashSet();
        var wantMembers = (shares.Members ?? []).ToHashSet();
        foreach (var s in current)
        {
            var keep = s.OrganisationId is { } o ? wantOrgs.Remove(o) : s.MemberId is { } m && wantMembers.Remove(m);
            if (!keep) db.Shares.Remove(s);
        }
        foreach (var o in wantOrgs)
            db.Shares.Add(new RecordShare { RecordKind = kind, RecordId = record.Id, OwnerOrganisationId = record.OwnerOrganisationId, OrganisationId = o });
        foreach (var m in wantMembers)
            db.Shares.Add(new RecordShare { RecordKind = kind, RecordId = record.Id, OwnerOrganisationId = record.OwnerOrganisationId, MemberId = m });
    }

    public static async Task RemoveAllAsync<T>(IsopDb db, Guid recordId, CancellationToken ct) where T : IShareable
    {
        var kind = RecordKinds.Of<T>();
        var current = await db.Shares.Where(s => s.RecordKind == kind && s.RecordId == recordId).ToListAsync(ct);
        db.Shares.RemoveRange(current);
    }

    /// <summary>Shares are shown to the owner organisation only: they name other partners.</summary>
    public static async Task<Dictionary<Guid, SharesDto>> ForOwnerAsync<T>(IsopDb db, IReadOnlyCollection<T> records, CancellationToken ct) where T : IShareable
    {
        var kind = RecordKinds.Of<T>();
        var caller = db.Caller;
        var ids = records.Where(r => caller.IsSystem || r.OwnerOrganisationId == caller.OrganisationId).Select(r => r.Id).ToList();
        if (ids.Count == 0) return [];
        var shares = await db.Shares.AsNoTracking().Where(s => s.RecordKind == kind && ids.Contains(s.RecordId)).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => new SharesDto(
            shares.Where(s => s.RecordId == id && s.OrganisationId != null).Select(s => s.OrganisationId!.Value).ToList(),
            shares.Where(s => s.RecordId == id && s.MemberId != null).Select(s => s.MemberId!.Value).ToList()));
    }
}
